/**
 * How Partner Center bills one-time purchases, in the words every card uses: a month's one-time charges are invoiced
 * only after that month ends — "we'll make your invoice available on the 8th day of the following month" (Partner
 * Center, "Understanding the types of billing"; until then they are unbilled reconciliation line items). So no card
 * may count a recent purchase as invoiced or owed.
 */
export const ONE_TIME_BILLING_WORDS = {
  /** Under the balance: what the balance does and does not include. */
  balance:
    'The balance counts invoices only: one-time purchases are in it once Partner Center invoices them, on the 8th of the month after the purchase.',
  /** Under the invoice list: why a recent purchase is on none of these invoices yet. */
  invoices:
    "This month's one-time purchases are on no invoice yet: Partner Center invoices each month's one-time purchases on the 8th of the next month.",
  /** The help line of the balance command. */
  help: 'what you owe on Partner Center invoices, per currency (one-time purchases count once invoiced, the month after)',
} as const;
