import {
  optionalForMarkdown,
  safeForMarkdown,
  safeForPlainText,
  UNTRUSTED_MAX_LENGTH,
} from '../../cards/untrustedText';
import { plantedLinks, withoutEscapes } from '../support/plantedMarkdown';
import { readableText } from '../support/readableText';

describe('safeForMarkdown: Partner Center and typed text in cards and chat', () => {
  it.each([
    ['a markdown link', 'Contoso Ltd [Verify your payment here](https://evil.example/phish)'],
    ['an image', 'Fabrikam ![x](https://evil.example/pixel.png)'],
    ['a reference link', '[Pay][1] then [1]: https://evil.example/'],
    ['a bare web address', 'Pay at https://evil.example/phish today'],
    ['an upper-case address', 'PAY AT HTTPS://EVIL.EXAMPLE/PHISH'],
    ['a www address', 'see www.evil.example/pay'],
    ['an e-mail address', 'write to billing@evil.example'],
    ['a mailto address', 'mailto:billing@evil.example'],
    ['an autolink', 'Go <https://evil.example/phish>'],
    ['raw HTML', 'A <a href="https://evil.example/">link</a> and <img src=x>'],
    ['an entity', 'AT&amp;T &#91;x&#93;(https://evil.example)'],
  ])('plants no link from %s, and the reader sees the original characters', (_kind, text) => {
    const safe = safeForMarkdown(text, 'sentence');
    expect(plantedLinks(text)).not.toEqual([]);
    expect(plantedLinks(safe)).toEqual([]);
    expect(readableText(safe)).toBe(text);
  });

  it('shows Standard_D2s_v5 with its underscores, escaped so no emphasis can start', () => {
    const safe = safeForMarkdown('Standard_D2s_v5', 'name');
    expect(safe).toBe('Standard\\_D2s\\_v5');
    expect(readableText(safe)).toBe('Standard_D2s_v5');
  });

  it.each([
    ['emphasis', '_italic_ __strong__ *star* **bold** ~~strike~~ `code`'],
    ['card date functions', 'Due {{DATE(2026-01-01T00:00:00Z, SHORT)}}'],
    ['a Teams mention', '<at>Alex</at>'],
    ['a table row', 'a | b | c'],
    ['backslashes', 'C:\\temp\\new \\*'],
  ])('escapes %s so every character shows as typed', (_kind, text) => {
    const safe = safeForMarkdown(text, 'sentence');
    expect(withoutEscapes(safe)).not.toMatch(/[_*~`{}<>|\\]/);
    expect(readableText(safe)).toBe(text);
  });

  it.each([
    ['# Pay now', '\\# Pay now'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['> quoted', '\\> quoted'],
    ['1. First', '1\\. First'],
    ['12) Twelfth', '12\\) Twelfth'],
    ['= underline', '\\= underline'],
  ])('keeps %p from starting a heading, list or quote', (text, expected) => {
    expect(safeForMarkdown(text, 'name')).toBe(expected);
  });

  it('puts the text on one line: newlines, tabs and runs of spaces become one space', () => {
    expect(safeForMarkdown('Contoso\r\n# Pay\n- [here](x)\t\u2028end  ', 'sentence')).toBe(
      'Contoso \\# Pay - \\[here\\](x) end',
    );
  });

  it('drops control, zero-width and bidirectional characters that could hide or reorder what is read', () => {
    expect(safeForPlainText('Con\u0000to\u0007so\u200b \u202emoc.live\u202c\u2066x\u2069\ufeff', 'name')).toBe(
      'Contoso moc.livex',
    );
    expect(safeForPlainText('tag\udb40\udc41s and a lone \ud800 half', 'name')).toBe('tags and a lone \ufffd half');
    // Joiners that scripts and emoji need stay.
    expect(safeForPlainText('می\u200cخواهم 👩\u200d💻', 'name')).toBe('می\u200cخواهم 👩\u200d💻');
  });

  it('cuts each kind of value at its own length, ending with an ellipsis', () => {
    for (const [kind, max] of Object.entries(UNTRUSTED_MAX_LENGTH) as [keyof typeof UNTRUSTED_MAX_LENGTH, number][]) {
      const cut = safeForPlainText('x'.repeat(30_000), kind);
      expect(Array.from(cut)).toHaveLength(max);
      expect(cut.endsWith('…')).toBe(true);
      expect(safeForPlainText('x'.repeat(max), kind)).toBe('x'.repeat(max));
    }
  });

  it('bounds the escaped form too: a 30,000-character name of markdown stays a few hundred characters', () => {
    const safe = safeForMarkdown('[x](https://e.example/)'.repeat(1_500), 'name');
    expect(safe.length).toBeLessThan(2 * UNTRUSTED_MAX_LENGTH.name + 100);
    expect(plantedLinks(safe)).toEqual([]);
  });

  it('never cuts a character in half', () => {
    const cut = safeForPlainText('😀'.repeat(100), 'word');
    expect(Array.from(cut)).toHaveLength(UNTRUSTED_MAX_LENGTH.word);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('treats missing text as empty, and optionalForMarkdown leaves out what shows nothing', () => {
    expect(safeForMarkdown(undefined, 'name')).toBe('');
    expect(safeForMarkdown(null, 'name')).toBe('');
    expect(optionalForMarkdown(' \u200b\n ', 'name')).toBeUndefined();
    expect(optionalForMarkdown('1 year', 'word')).toBe('1 year');
  });
});

describe('safeForPlainText: button titles and tooltips', () => {
  it('keeps the characters as written, with no backslashes, on one bounded line', () => {
    expect(safeForPlainText('Contoso_Ltd [EU]\n*west*', 'name')).toBe('Contoso_Ltd [EU] *west*');
  });
});
