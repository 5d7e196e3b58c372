import { loadConfig } from '../../bot/config';
import { approvalNeedOf } from '../../services/approvals/approvalRules';

const APPROVER = '00000000-0000-0000-0000-0000000000b2';

describe('approval settings', () => {
  it('are off without approvers; cancellation reminders and the days-long duplicate guard have their defaults', () => {
    const config = loadConfig({});
    expect(config.approvals).toBeUndefined();
    expect(config.cancellation).toEqual({ reminders: true });
    expect(config.checkout.duplicateDaysMs).toBe(0);
    expect(loadConfig({ CANCELLATION_REMINDERS: 'false' }).cancellation.reminders).toBe(false);
    expect(loadConfig({ DUPLICATE_GUARD_DAYS: '7' }).checkout.duplicateDaysMs).toBe(7 * 86_400_000);
  });

  it('read thresholds per currency, approver ids (lower case), the first-purchase rule and the expiry', () => {
    expect(
      loadConfig({
        APPROVAL_THRESHOLDS: 'usd=5000, EUR = 4500.5',
        APPROVER_IDS: APPROVER.toUpperCase(),
        APPROVAL_FIRST_PURCHASE: 'true',
        APPROVAL_EXPIRY_HOURS: '48',
      }).approvals,
    ).toEqual({
      approverIds: [APPROVER],
      thresholds: { USD: 5000, EUR: 4500.5 },
      firstPurchase: true,
      expiryMs: 48 * 3_600_000,
    });
  });

  it('refuse a threshold without approvers, a malformed threshold and an approver that is not an object id', () => {
    expect(() => loadConfig({ APPROVAL_THRESHOLDS: 'USD=5000' })).toThrow(/needs APPROVER_IDS/);
    expect(() => loadConfig({ APPROVAL_THRESHOLDS: 'five thousand', APPROVER_IDS: APPROVER })).toThrow(
      /is not CURRENCY=amount/,
    );
    expect(() => loadConfig({ APPROVER_IDS: 'megan@contoso.com' })).toThrow(/APPROVER_IDS has 1 value/);
    // Approver groups are read from Microsoft Graph: live mode only, and group ids must be GUIDs.
    expect(() => loadConfig({ APPROVER_GROUP_IDS: '00000000-0000-0000-0000-0000000000e5' })).toThrow(
      /APPROVER_GROUP_IDS needs MODE=live/,
    );
    expect(() => loadConfig({ APPROVER_GROUP_IDS: 'approvers@contoso.com' })).toThrow(/APPROVER_GROUP_IDS has 1 value/);
  });
});

describe('approval rules', () => {
  const settings = { approverIds: [APPROVER], thresholds: { USD: 1000 }, firstPurchase: true, expiryMs: 1 };

  it('hold a total at or above its currency’s threshold, not one below it or in a currency without one', () => {
    expect(approvalNeedOf(settings, { total: { amount: 1000, currency: 'USD' } })).toEqual({
      required: true,
      reasons: ['over-threshold'],
      threshold: 1000,
    });
    expect(approvalNeedOf(settings, { total: { amount: 999.99, currency: 'USD' } })).toEqual({ required: false });
    expect(approvalNeedOf(settings, { total: { amount: 9999, currency: 'EUR' } })).toEqual({ required: false });
  });

  it('hold a purchase without a price when there are thresholds, and a first purchase', () => {
    expect(approvalNeedOf(settings, {})).toEqual({ required: true, reasons: ['price-unknown'] });
    expect(approvalNeedOf({ ...settings, thresholds: {} }, {})).toEqual({ required: false });
    expect(approvalNeedOf(settings, { total: { amount: 1, currency: 'USD' }, firstPurchase: true })).toMatchObject({
      reasons: ['first-purchase'],
    });
  });
});
