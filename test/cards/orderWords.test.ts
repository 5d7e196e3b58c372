import { textFor } from '../../i18n/text';
import { invoiceStateWords } from '../../cards/invoiceStateWords';
import { invoiceTypeWords } from '../../cards/invoiceTypeWords';
import { billingCycleWords, orderStatusWords } from '../../cards/orderWords';

describe('orderStatusWords', () => {
  it.each([
    ['pending', 'Pending'],
    ['completed', 'Completed'],
    ['Completed', 'Completed'],
    ['cancelled', 'Cancelled'],
    ['pending_po_upload', 'Waiting for a purchase order'],
    ['pending po upload', 'Waiting for a purchase order'],
    ['PendingPoUpload', 'Waiting for a purchase order'],
    ['po_review_rejected', 'Purchase order rejected'],
    ['partial_success', 'Partly completed'],
  ])('says %p as %p', (status, words) => {
    expect(orderStatusWords(status)).toBe(words);
  });

  it('passes an unknown status through as sent', () => {
    expect(orderStatusWords('awaiting_moon_phase')).toBe('awaiting_moon_phase');
  });
});

describe('billingCycleWords', () => {
  it.each([
    ['one_time', 'One-time'],
    ['OneTime', 'One-time'],
    ['monthly', 'Monthly'],
    ['Annual', 'Annual'],
    ['triennial', 'Every three years'],
  ])('says %p as %p', (cycle, words) => {
    expect(billingCycleWords(cycle)).toBe(words);
  });

  it('passes an unknown cycle through as sent', () => {
    expect(billingCycleWords('fortnightly')).toBe('fortnightly');
  });
});

describe('invoice words', () => {
  it.each([
    ['Recurring', 'Recurring'],
    ['OneTime', 'One-time'],
    ['one_time', 'One-time'],
    ['Marketplace', 'Marketplace'],
  ])('says invoice type %p as %p', (type, words) => {
    expect(invoiceTypeWords(type, textFor('en-US'))).toBe(words);
  });

  it('says paid and open without reusing the Open button title', () => {
    expect(invoiceStateWords('paid', textFor('en-US'))).toBe('Paid');
    expect(invoiceStateWords('open', textFor('en-US'))).toBe('Not yet paid');
  });
});
