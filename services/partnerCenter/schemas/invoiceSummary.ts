import { z } from 'zod';
import { attributesSchema, linkSchema } from './link';
import { knownOr, numberFromWire } from './wireValues';

const summaryFields = {
  balanceAmount: numberFromWire,
  currencyCode: z.string().min(1),
  currencySymbol: z.string().optional(),
  accountingDate: z.string().optional(),
  firstInvoiceCreationDate: z.string().optional(),
  lastPaymentDate: z.string().optional(),
  lastPaymentAmount: numberFromWire.optional(),
  latestInvoiceDate: z.string().optional(),
  attributes: attributesSchema.optional(),
};

/** The partner's balance in one currency, split into `Recurring` and `OneTime` details. */
export const invoiceSummarySchema = z.object({
  ...summaryFields,
  details: z
    .array(z.object({ invoiceType: knownOr(['Recurring', 'OneTime']), summary: z.object(summaryFields) }))
    .default([]),
  links: z.object({ self: linkSchema.optional() }).optional(),
});

export type InvoiceSummary = z.infer<typeof invoiceSummarySchema>;
