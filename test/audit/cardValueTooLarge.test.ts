import { cardValueTooLarge, MAX_CARD_VALUE_BYTES } from '../../dialogs/security/cardValueTooLarge';

describe('card value size limit', () => {
  it.each([
    ['a real button', { verb: 'placeOrder', id: 'abcdefghijklmnop' }, false],
    ['a value exactly at the limit', 'x'.repeat(MAX_CARD_VALUE_BYTES - 2), false],
    ['a string one character over', 'x'.repeat(MAX_CARD_VALUE_BYTES - 1), true],
    ['a long key', { ['k'.repeat(5000)]: 1 }, true],
    ['many small keys', Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i])), true],
    ['a long array', new Array<number>(5000).fill(1), true],
    ['escaped characters counted as JSON', '"'.repeat(2100), true],
    ['deep nesting', JSON.parse(`${'['.repeat(3000)}${']'.repeat(3000)}`) as unknown, true],
  ])('%s', (_name, value, expected) => {
    expect(cardValueTooLarge(value)).toBe(expected);
    if (!expected) expect(JSON.stringify(value).length).toBeLessThanOrEqual(MAX_CARD_VALUE_BYTES);
  });
});
