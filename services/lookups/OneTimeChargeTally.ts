import type { OneTimeInvoiceLineItem } from '../partnerCenter/schemas/oneTimeInvoiceLineItem';
import type { InvoiceLineSummary } from './types';

type Group = InvoiceLineSummary['groups'][number];

// Sums of many decimal amounts pick up binary float noise; six places keep every real currency digit.
const SUM_PRECISION = 1e6;

/**
 * Adds up an invoice's one-time line items page by page into one group per customer and product, so an invoice with
 * many thousands of items never has to be held in memory at once.
 */
export class OneTimeChargeTally {
  private readonly groups = new Map<string, Group>();
  private lineItemCount = 0;

  /** Counts one page of line items into the groups. */
  add(items: readonly OneTimeInvoiceLineItem[]): void {
    for (const item of items) {
      this.lineItemCount += 1;
      const productName = item.productName?.trim() || item.productId;
      const key = [item.customerId.toLowerCase(), productName, item.currency.toUpperCase()].join('\u0000');
      const group = this.groups.get(key);
      if (group) {
        group.quantity += item.quantity;
        group.total += item.totalForCustomer;
        continue;
      }
      this.groups.set(key, {
        customerName: item.customerName?.trim() || item.customerDomainName?.trim() || item.customerId,
        customerId: item.customerId,
        productName,
        quantity: item.quantity,
        total: item.totalForCustomer,
        currencyCode: item.currency,
      });
    }
  }

  /** The groups so far, by customer name then product name, with the number of items and pages read. */
  summary(pagesRead: number): InvoiceLineSummary {
    const groups = [...this.groups.values()]
      .map((group) => ({ ...group, total: Math.round(group.total * SUM_PRECISION) / SUM_PRECISION }))
      .sort(
        (a, b) =>
          a.customerName.localeCompare(b.customerName, 'en', { sensitivity: 'base' }) ||
          a.customerId.localeCompare(b.customerId) ||
          a.productName.localeCompare(b.productName, 'en', { sensitivity: 'base' }) ||
          a.currencyCode.localeCompare(b.currencyCode),
      );
    return { lineItemCount: this.lineItemCount, pagesRead, groups };
  }
}
