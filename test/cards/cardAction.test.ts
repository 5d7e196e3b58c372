import { CARD_VERBS, cardActionSchema, parseCardAction } from '../../cards/cardAction';

describe('parseCardAction', () => {
  it.each(CARD_VERBS)('accepts verb %s with an opaque id', (verb) => {
    expect(parseCardAction({ verb, id: 'Ab3_-x' })).toEqual({ verb, id: 'Ab3_-x' });
  });

  it('accepts an id of exactly 64 allowed characters', () => {
    const id = 'a'.repeat(64);
    expect(parseCardAction({ verb: 'placeOrder', id })).toEqual({ verb: 'placeOrder', id });
  });

  it.each<[string, unknown]>([
    ['an unknown verb', { verb: 'deleteCustomer', id: 'a1' }],
    ['a verb in the wrong case', { verb: 'PlaceOrder', id: 'a1' }],
    ['an extra key (quantity smuggled in)', { verb: 'placeOrder', id: 'a1', quantity: 500 }],
    ['an extra msteams key', { verb: 'buy', id: 'a1', msteams: { type: 'messageBack' } }],
    ['a numeric id', { verb: 'buy', id: 42 }],
    ['a missing id', { verb: 'buy' }],
    ['an empty id', { verb: 'buy', id: '' }],
    ['an id of 65 characters', { verb: 'buy', id: 'a'.repeat(65) }],
    ['a megabyte-long id', { verb: 'buy', id: 'a'.repeat(1_000_000) }],
    ['an id with characters outside the opaque alphabet', { verb: 'buy', id: 'a1/../b' }],
    ['an id with a trailing newline', { verb: 'buy', id: 'a1\n' }],
    ['an array', [{ verb: 'buy', id: 'a1' }]],
    ['null', null],
    ['undefined', undefined],
    ['a string', '{"verb":"buy","id":"a1"}'],
    ['a number', 7],
    [
      'an object with 100000 keys',
      Object.fromEntries([['verb', 'buy'], ['id', 'a1'], ...Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i])]),
    ],
  ])('rejects %s', (_label, value) => {
    expect(parseCardAction(value)).toBeUndefined();
  });

  it('does not let an own __proto__ key through', () => {
    const value: unknown = JSON.parse('{"verb":"buy","id":"a1","__proto__":{"admin":true}}');
    expect(parseCardAction(value)).toBeUndefined();
  });

  it('returns a fresh object holding only verb and id', () => {
    const input = { verb: 'help', id: 'h1' };
    const parsed = parseCardAction(input);
    expect(parsed).toEqual(input);
    expect(parsed).not.toBe(input);
    expect(Object.keys(parsed ?? {})).toEqual(['verb', 'id']);
  });

  it('schema rejects the same extra key the parser rejects', () => {
    expect(cardActionSchema.safeParse({ verb: 'buy', id: 'a1', extra: true }).success).toBe(false);
  });
});
