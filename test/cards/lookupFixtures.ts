import type { CardCustomer } from '../../cards/customerText';
import type { InvoiceView, OrderView } from '../../services/lookups/types';

/** A customer as the lookup cards name it. */
export const contoso: CardCustomer = {
  companyName: 'Contoso Ltd',
  domain: 'contoso.onmicrosoft.com',
  countryName: 'United States',
};

/** A name long enough to wrap on any screen, to prove cards keep it whole. */
export const LONG_PRODUCT_NAME =
  'Windows Server 2022 Datacenter - 16 Core License Pack with Software Assurance for Education Institutions (Perpetual)';

/** A one-time order of two lines, in USD, as the lookup service returns it. */
export function oneTimeOrder(overrides: Partial<OrderView> = {}): OrderView {
  return {
    id: 'VulAvcXKPvZqsyAAaahiT7Ii0QEJuReH1',
    customerId: '0c39d6d5-c70d-4c55-bc02-f620844f3fd1',
    status: 'pending',
    billingCycle: 'one_time',
    creationDate: '2026-03-12T17:10:51.2712905Z',
    currencyCode: 'USD',
    totalPrice: 1234.5,
    lines: [
      {
        lineItemNumber: 0,
        name: 'Reserved VM Instance, Standard_D2s_v5, EU West, 1 Year',
        offerId: 'DZH318Z0BQ3P:0001',
        quantity: 5,
        termDuration: 'P1Y',
      },
      { lineItemNumber: 1, name: 'SQL Server 2022 Standard', offerId: 'DG7GMGF0DWTL:0001:DG7GMGF0DSFM', quantity: 2 },
    ],
    ...overrides,
  };
}

/** An invoice as the lookup service returns it. */
export function invoice(overrides: Partial<InvoiceView> = {}): InvoiceView {
  return {
    id: 'G000024135',
    invoiceDate: '2026-03-01T00:00:00',
    billingPeriodStartDate: '2026-02-01T00:00:00',
    billingPeriodEndDate: '2026-02-28T00:00:00',
    totalCharges: 1234.5,
    paidAmount: -1234.5,
    currencyCode: 'EUR',
    invoiceType: 'OneTime',
    documentType: 'invoice',
    state: 'paid',
    hasOneTimeLineItems: true,
    ...overrides,
  };
}
