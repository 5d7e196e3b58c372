import { z } from 'zod';
import { attributesSchema, linkSchema } from './link';
import { knownOr, numberFromWire } from './wireValues';

const invoiceDetailSchema = z.object({
  invoiceLineItemType: knownOr(['none', 'billing_line_items', 'usage_line_items']),
  billingProvider: knownOr(['none', 'office', 'azure', 'one_time', 'marketplace', 'all', 'azure_data_market']),
  links: z.object({ self: linkSchema.optional() }).optional(),
  attributes: attributesSchema.optional(),
});

/** An invoice (its `amendments` are invoices too: void and adjustment notes). */
export const invoiceSchema = z.object({
  id: z.string().min(1),
  invoiceDate: z.string().optional(),
  billingPeriodStartDate: z.string().optional(),
  billingPeriodEndDate: z.string().optional(),
  totalCharges: numberFromWire,
  paidAmount: numberFromWire,
  currencyCode: z.string().min(1),
  currencySymbol: z.string().optional(),
  pdfDownloadLink: z.string().optional(),
  taxReceipts: z.array(z.object({ id: z.string(), taxReceiptPdfDownloadLink: z.string().optional() })).optional(),
  invoiceDetails: z.array(invoiceDetailSchema).default([]),
  get amendments(): z.ZodOptional<z.ZodArray<typeof invoiceSchema>> {
    return z.array(invoiceSchema).optional();
  },
  documentType: knownOr(['invoice', 'void_note', 'adjustment_note']).optional(),
  amendsOf: z.string().optional(),
  invoiceType: knownOr(['Recurring', 'OneTime']),
  status: z.string().optional(),
  links: z.object({ self: linkSchema.optional() }).optional(),
  attributes: attributesSchema.optional(),
});

export type Invoice = z.infer<typeof invoiceSchema>;
export type InvoiceDetail = z.infer<typeof invoiceDetailSchema>;
