import { isInterruption, parseCommand } from '../../dialogs/commands';
import { swedishToCommandWords } from '../../dialogs/swedishWords';

/** What a Swedish-speaking partner types → the command the bot must read (the same as the English request). */
const CASES: Array<[string, ReturnType<typeof parseCommand>]> = [
  ['köp för Fabrikam', { kind: 'buy', customerQuery: 'Fabrikam' }],
  ['Köp 10 Windows Server för Fabrikam', { kind: 'buy', customerQuery: 'Fabrikam' }],
  ['beställningar för contoso', { kind: 'orders', customerQuery: 'contoso' }],
  [
    'beställningar för contoso förra veckan',
    { kind: 'orders', customerQuery: 'contoso', window: { kind: 'lastWeek' } },
  ],
  [
    'engångsköp beställningar för fabrikam sedan oktober',
    { kind: 'orders', filter: 'one_time', customerQuery: 'fabrikam', window: { kind: 'since', month: 10 } },
  ],
  ['saldo', { kind: 'balance' }],
  ['fakturor', { kind: 'invoices' }],
  ['faktura G000123456', { kind: 'invoice', invoiceId: 'G000123456' }],
  ['hjälp', { kind: 'help' }],
  ['avbryt', { kind: 'cancel' }],
  ['mer', { kind: 'more' }],
  ['fakturaunderlag G000123456', { kind: 'statement', invoiceId: 'G000123456' }],
  ['logga in', { kind: 'signIn' }],
  ['Logga ut', { kind: 'signOut' }],
  ['vad kan du göra?', { kind: 'help' }],
  ['licenser för contoso', { kind: 'entitlements', customerQuery: 'contoso' }],
  // A customer whose name holds a Swedish command word keeps its name.
  ['beställningar för Mer Konsult AB', { kind: 'orders', customerQuery: 'Mer Konsult AB' }],
  ['köp för Saldo Ekonomi AB', { kind: 'buy', customerQuery: 'Saldo Ekonomi AB' }],
  // English keeps working for everyone.
  ['orders for contoso last week', { kind: 'orders', customerQuery: 'contoso', window: { kind: 'lastWeek' } }],
  ['balance', { kind: 'balance' }],
];

describe('Swedish requests', () => {
  it.each(CASES)('%s', (typed, expected) => {
    expect(parseCommand(typed)).toMatchObject(expected);
  });

  it.each([
    [
      'köp 10 Windows Server 2022 Standard 1 år för Fabrikam',
      'buy 10 Windows Server 2022 Standard 1 year for Fabrikam',
    ],
    ['Köp 3 st Office 365 E3 för contoso', 'buy 3 Office 365 E3 for contoso'],
  ])('a one-line purchase `%s` is read exactly as `%s`', (swedish, english) => {
    expect(parseCommand(swedish)).toEqual(parseCommand(english));
  });

  it('stops and asks for help at any prompt in Swedish too', () => {
    expect(isInterruption('avbryt')).toBe('cancel');
    expect(isInterruption('Hjälp')).toBe('help');
    expect(isInterruption('Fabrikam')).toBeUndefined();
  });

  it('reads a one-line Swedish purchase as the English one (quantity, term, customer)', () => {
    expect(swedishToCommandWords('köp 10 st Windows Server 2022 Standard 1 år för Fabrikam')).toBe(
      'buy 10 Windows Server 2022 Standard 1 year for Fabrikam',
    );
  });

  it('leaves English text as it was', () => {
    for (const text of ['buy 10 Windows Server 2022 Standard 1 year for Fabrikam', 'invoice G000123456', 'more']) {
      expect(swedishToCommandWords(text)).toBe(text);
    }
  });
});
