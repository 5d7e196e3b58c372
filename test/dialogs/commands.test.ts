import { parseCommand } from '../../dialogs/commands';

describe('reading typed commands', () => {
  it.each([
    ['buy', { kind: 'buy' }],
    ['Purchase for Contoso.', { kind: 'buy', customerQuery: 'Contoso' }],
    [
      'buy 10 Windows Server licences for Fabrikam',
      { kind: 'buy', customerQuery: 'Fabrikam', request: { quantity: 10, words: 'Windows Server licences' } },
    ],
    [
      'buy 2 Standard_D4s_v5 West Europe 3 years shared for Contoso on 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
      {
        kind: 'buy',
        customerQuery: 'Contoso',
        request: {
          quantity: 2,
          size: 'Standard_D4s_v5',
          category: 'azure-reservations',
          termDuration: 'P3Y',
          scope: 'shared',
          azureSubscriptionId: '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
          words: 'Standard_D4s_v5 West Europe 3 years',
        },
      },
    ],
    [
      'purchase 3 x visual studio pro 1yr for Rio logistica',
      {
        kind: 'buy',
        customerQuery: 'Rio logistica',
        request: { quantity: 3, termDuration: 'P1Y', words: 'visual studio pro 1 year' },
      },
    ],
    [
      'buy a D8s v5 reservation for contoso in east us',
      {
        kind: 'buy',
        customerQuery: 'contoso',
        request: {
          size: 'Standard_D8s_v5',
          category: 'azure-reservations',
          words: 'a Standard_D8s_v5 reservation east us',
        },
      },
    ],
    ['hi', { kind: 'hello' }],
    ['Hello!', { kind: 'hello' }],
    ['menu', { kind: 'help' }],
    ['customers', { kind: 'customers' }],
    ['<at>Purchase bot</at> buy for northwind', { kind: 'buy', customerQuery: 'northwind' }],
    ['orders', { kind: 'orders' }],
    ['orders for contoso', { kind: 'orders', customerQuery: 'contoso' }],
    ['what did Contoso order last week', { kind: 'orders', window: { kind: 'lastWeek' }, customerQuery: 'Contoso' }],
    ['one-time orders for fabrikam', { kind: 'orders', filter: 'one_time', customerQuery: 'fabrikam' }],
    ['Monthly orders', { kind: 'orders', filter: 'monthly' }],
    ['annual orders please', { kind: 'orders', filter: 'annual' }],
    ['order 2cboTm3vyrtPtIAyX5UAOGJuHWvfYhaD1', { kind: 'order', orderId: '2cboTm3vyrtPtIAyX5UAOGJuHWvfYhaD1' }],
    ['is order 7eKl_ig7-Cgq done for contoso', { kind: 'order', orderId: '7eKl_ig7-Cgq', customerQuery: 'contoso' }],
    ['order NoSuchOrder01 for contoso', { kind: 'order', orderId: 'NoSuchOrder01', customerQuery: 'contoso' }],
    ['order #A1B2C3D4', { kind: 'order', orderId: 'A1B2C3D4' }],
    // Partner Center's ids may start with "-" or "_" (the simulator's random ids do too).
    ['order -gvQl0ZW1S3lzgGs0ElvLUIBsgDc_QAP1', { kind: 'order', orderId: '-gvQl0ZW1S3lzgGs0ElvLUIBsgDc_QAP1' }],
    ['order _Xq9-ab12 for contoso', { kind: 'order', orderId: '_Xq9-ab12', customerQuery: 'contoso' }],
    ['order id A1B2C3D4', { kind: 'order', orderId: 'A1B2C3D4' }],
    ["what's our balance", { kind: 'balance' }],
    ['Balance', { kind: 'balance' }],
    ['invoices', { kind: 'invoices' }],
    ['show me the invoices', { kind: 'invoices' }],
    ['invoice G000024135', { kind: 'invoice', invoiceId: 'G000024135' }],
    // Whatever follows "invoice" is what was meant; the lookup says when it can't be an invoice id.
    ['invoice zzz', { kind: 'invoice', invoiceId: 'zzz' }],
    ['invoice please', { kind: 'invoices' }],
    ['statement G000024135', { kind: 'statement', invoiceId: 'G000024135' }],
    ['send me the statement for invoice G000024135', { kind: 'statement', invoiceId: 'G000024135' }],
    ['statement', { kind: 'statement' }],
    ['entitlements for contoso', { kind: 'entitlements', customerQuery: 'contoso' }],
    [
      'register 3a231fbe-1d8f-4e76-b6b2-6ed7a5f8a2c1 for contoso',
      { kind: 'register', subscriptionId: '3a231fbe-1d8f-4e76-b6b2-6ed7a5f8a2c1', customerQuery: 'contoso' },
    ],
    ['more', { kind: 'more' }],
    ['audit', { kind: 'audit', count: 10 }],
    ['Audit 5', { kind: 'audit', count: 5 }],
    ['audit 500', { kind: 'audit', count: 50 }],
    ['audit 0', { kind: 'audit', count: 1 }],
    ['audit trail 20', { kind: 'audit', count: 20 }],
    ['help', { kind: 'help' }],
    ['cancel', { kind: 'cancel' }],
    ['sign in', { kind: 'signIn' }],
    ['Login', { kind: 'signIn' }],
    ['sign out', { kind: 'signOut' }],
    ['log out', { kind: 'signOut' }],
    ['sign in to buy for contoso', { kind: 'buy', customerQuery: 'contoso' }],
    ['hello there', { kind: 'unknown', text: 'hello there' }],
  ])('reads %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});

describe('reading a time window after orders', () => {
  it.each([
    ['orders for contoso last week', { kind: 'orders', window: { kind: 'lastWeek' }, customerQuery: 'contoso' }],
    ['what did Contoso order last week', { kind: 'orders', window: { kind: 'lastWeek' }, customerQuery: 'Contoso' }],
    ['what did Fabrikam buy this week?', { kind: 'orders', window: { kind: 'thisWeek' }, customerQuery: 'Fabrikam' }],
    [
      'one-time orders for fabrikam since October',
      { kind: 'orders', filter: 'one_time', window: { kind: 'since', month: 10 }, customerQuery: 'fabrikam' },
    ],
    [
      'orders for contoso in March',
      { kind: 'orders', window: { kind: 'inMonth', month: 3 }, customerQuery: 'contoso' },
    ],
    ['orders in march 2025', { kind: 'orders', window: { kind: 'inMonth', month: 3, year: 2025 } }],
    ['orders today', { kind: 'orders', window: { kind: 'today' } }],
    ['orders for today', { kind: 'orders', window: { kind: 'today' } }],
    [
      'orders yesterday for Contoso Ltd',
      { kind: 'orders', window: { kind: 'yesterday' }, customerQuery: 'Contoso Ltd' },
    ],
    ['orders for contoso this month', { kind: 'orders', window: { kind: 'thisMonth' }, customerQuery: 'contoso' }],
    [
      'orders placed last month for contoso',
      { kind: 'orders', window: { kind: 'lastMonth' }, customerQuery: 'contoso' },
    ],
    [
      'orders for contoso in the last 30 days',
      { kind: 'orders', window: { kind: 'lastDays', days: 30 }, customerQuery: 'contoso' },
    ],
    ['orders over the past 2 weeks', { kind: 'orders', window: { kind: 'lastDays', days: 14 } }],
    [
      'orders for contoso past week',
      { kind: 'orders', window: { kind: 'lastDays', days: 7 }, customerQuery: 'contoso' },
    ],
    [
      'orders since 1 Oct 2025 for contoso',
      { kind: 'orders', window: { kind: 'since', month: 10, day: 1, year: 2025 }, customerQuery: 'contoso' },
    ],
    ['orders since October 5th', { kind: 'orders', window: { kind: 'since', month: 10, day: 5 } }],
    ['orders since the 5th of Sept', { kind: 'orders', window: { kind: 'since', month: 9, day: 5 } }],
    ['orders since 2025-10-01', { kind: 'orders', window: { kind: 'since', month: 10, day: 1, year: 2025 } }],
    [
      'monthly orders since Feb 29',
      { kind: 'orders', filter: 'monthly', window: { kind: 'since', month: 2, day: 29 } },
    ],
    // A customer whose name holds a month is a customer, not a window.
    ['orders for May Industries', { kind: 'orders', customerQuery: 'May Industries' }],
    ['orders for Marlin Corp', { kind: 'orders', customerQuery: 'Marlin Corp' }],
    // An impossible date is no window: the words stay with the customer, who then isn't found (and the bot says so).
    ['orders for contoso since 31 April', { kind: 'orders', customerQuery: 'contoso since 31 April' }],
  ])('reads %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});
