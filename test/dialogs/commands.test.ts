import { parseCommand } from '../../dialogs/commands';

describe('reading typed commands', () => {
  it.each([
    ['buy', { kind: 'buy' }],
    ['Purchase for Contoso.', { kind: 'buy', customerQuery: 'Contoso' }],
    ['buy 10 Windows Server licences for Fabrikam', { kind: 'buy', customerQuery: 'Fabrikam' }],
    ['<at>Purchase bot</at> buy for northwind', { kind: 'buy', customerQuery: 'northwind' }],
    ['orders', { kind: 'orders' }],
    ['orders for contoso', { kind: 'orders', customerQuery: 'contoso' }],
    ['what did Contoso order last week', { kind: 'orders', customerQuery: 'Contoso' }],
    ['one-time orders for fabrikam', { kind: 'orders', filter: 'one_time', customerQuery: 'fabrikam' }],
    ['Monthly orders', { kind: 'orders', filter: 'monthly' }],
    ['annual orders please', { kind: 'orders', filter: 'annual' }],
    ['order 2cboTm3vyrtPtIAyX5UAOGJuHWvfYhaD1', { kind: 'order', orderId: '2cboTm3vyrtPtIAyX5UAOGJuHWvfYhaD1' }],
    ['is order 7eKl_ig7-Cgq done for contoso', { kind: 'order', orderId: '7eKl_ig7-Cgq', customerQuery: 'contoso' }],
    ['order NoSuchOrder01 for contoso', { kind: 'order', orderId: 'NoSuchOrder01', customerQuery: 'contoso' }],
    ['order #A1B2C3D4', { kind: 'order', orderId: 'A1B2C3D4' }],
    ['order id A1B2C3D4', { kind: 'order', orderId: 'A1B2C3D4' }],
    ["what's our balance", { kind: 'balance' }],
    ['Balance', { kind: 'balance' }],
    ['invoices', { kind: 'invoices' }],
    ['show me the invoices', { kind: 'invoices' }],
    ['invoice G000024135', { kind: 'invoice', invoiceId: 'G000024135' }],
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
    ['hello there', { kind: 'unknown', text: 'hello there' }],
  ])('reads %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});
