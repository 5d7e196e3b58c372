import type { InvoiceBook, InvoiceRecord } from '../domain/invoiceBook';
import { buildPdf, LINES_PER_PAGE, type PdfLine } from './pdfWriter';

/** Renders an invoice's statement PDF: header, totals, and every OneTime line item (as many pages as needed). */
export function renderInvoiceStatement(invoice: InvoiceRecord, book: InvoiceBook): Buffer {
  const currency = invoice.currency;
  const total = book.totalCharges(invoice);
  const paid = book.paidAmount(invoice);
  const lines: PdfLine[] = [
    { text: `Invoice ${invoice.id}`, heading: true },
    { text: `Microsoft Partner Center - ${invoice.invoiceType} invoice statement` },
    {
      text: `Invoice date: ${day(invoice.invoiceDate)}    Billing period: ${day(invoice.periodStart)} to ${day(invoice.periodEnd)}`,
    },
    { text: `Currency: ${currency}` },
    {
      text: `Total charges: ${money(total)} ${currency}    Paid: ${money(paid)} ${currency}    Balance due: ${money(total - paid)} ${currency}`,
    },
    { text: '' },
  ];
  if (invoice.invoiceType === 'Recurring') {
    lines.push({ text: `Recurring license charges: ${money(total)} ${currency}` });
  } else {
    lines.push({ text: `Line items: ${invoice.lineItems.length}`, heading: true });
    invoice.lineItems.forEach((item, index) => {
      const json = item.json;
      const text =
        `${index + 1}. ${String(json.orderDate).slice(0, 10)}  ${String(json.customerName)}  ` +
        `${String(json.skuName)}  x${String(json.quantity)}  ${money(item.total)} ${currency}`;
      lines.push({ text: text.length > 110 ? `${text.slice(0, 107)}...` : text });
    });
  }
  const pages: PdfLine[][] = [];
  for (let start = 0; start < lines.length; start += LINES_PER_PAGE)
    pages.push(lines.slice(start, start + LINES_PER_PAGE));
  return buildPdf(pages, `Invoice ${invoice.id}`);
}

function day(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function money(value: number): string {
  return value.toFixed(2);
}
