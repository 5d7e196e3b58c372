import type { OrderListFilter } from '../services/lookups/types';
import { type PurchaseRequest, readPurchaseRequest } from './purchaseRequest/readPurchaseRequest';
import { readTimeWindow, type TimeWindowRequest } from './readTimeWindow';
import { swedishToCommandWords } from './swedishWords';

/** A typed request, read forgivingly: case, extra words and an @mention don't matter. */
export type Command =
  | { kind: 'buy'; customerQuery?: string; request?: Omit<PurchaseRequest, 'customerQuery'> }
  | { kind: 'orders'; customerQuery?: string; filter?: OrderListFilter; window?: TimeWindowRequest }
  | { kind: 'order'; orderId: string; customerQuery?: string }
  | { kind: 'more' }
  | { kind: 'balance' }
  | { kind: 'invoices' }
  | { kind: 'invoice'; invoiceId: string }
  | { kind: 'statement'; invoiceId?: string }
  | { kind: 'entitlements'; customerQuery?: string }
  | {
      kind: 'register';
      subscriptionId?: string;
      /** What followed "register" when it isn't a subscription id (`register 123`): said back, never dropped. */
      notASubscriptionId?: string;
      customerQuery?: string;
    }
  | { kind: 'audit'; count: number }
  | { kind: 'help' }
  | { kind: 'hello' }
  | { kind: 'customers' }
  | { kind: 'cancel' }
  | { kind: 'signIn' }
  | { kind: 'signOut' }
  | { kind: 'unknown'; text: string };

/** Removes Teams `<at>…</at>` mentions and collapses white space. */
export function cleanText(text: string): string {
  return text
    .replace(/<at>.*?<\/at>/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const GUID = /\b([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/i;

/** `… for <customer>` at the end of a message, without trailing punctuation. */
function customerAfterFor(text: string): string | undefined {
  const match = /\bfor\s+(.+)$/i.exec(text);
  const query = match?.[1].replace(/[.!?,;:]+$/g, '').trim();
  return query ? query : undefined;
}

/** The first word after a keyword that looks like an identifier (order or invoice id). */
function idAfter(keyword: RegExp, text: string): string | undefined {
  const label = String.raw`(?:#\s*|(?:id|number|no\.?)\s+)?`;
  // Partner Center's order ids may start with "-" or "_" (e.g. "s-BZlr_…", "-gvQl…"), so any id character may lead.
  const match = new RegExp(`${keyword.source}\\s*${label}([A-Za-z0-9_-]{4,64})(?![A-Za-z0-9_-])`, 'i').exec(text);
  const id = match?.[1];
  return id && /[A-Za-z0-9]/.test(id) && !/^(for|the|my|our|last|latest|please)$/i.test(id) ? id : undefined;
}

const NOT_AN_ID = /^(for|the|my|our|last|latest|please|list|details|summary|of|from|this|that|a|an)$/i;

/** The word right after a keyword, whatever it looks like (without trailing punctuation), unless it is a filler. */
function wordAfter(keyword: RegExp, text: string): string | undefined {
  const match = new RegExp(`${keyword.source}\\s+(?:#\\s*|(?:id|number|no\\.?)\\s+)?(\\S+)`, 'i').exec(text);
  const word = match?.[1].replace(/[.!?,;:]+$/g, '');
  return word && !NOT_AN_ID.test(word) ? word : undefined;
}

/** Reads a message as one of the bot's commands. */
export function parseCommand(raw: string): Command {
  // Swedish requests ("köp … för Fabrikam", "saldo") read as the English ones: one grammar for both languages.
  const text = swedishToCommandWords(cleanText(raw));
  const lower = text.toLowerCase();
  if (/^(cancel|stop|quit|abort|never ?mind)\b/.test(lower)) return { kind: 'cancel' };
  if (/^(help|\?|what can you do|commands|menu)\b/.test(lower)) return { kind: 'help' };
  if (/^(hi|hello|hey|hiya|good (morning|afternoon|evening)|start)\b[\s!.]*$/.test(lower)) return { kind: 'hello' };
  if (/^(my )?customers$/.test(lower)) return { kind: 'customers' };
  if (/^(more|next|show more|next page)$/.test(lower)) return { kind: 'more' };
  if (/^(sign ?in|log ?in)$/.test(lower)) return { kind: 'signIn' };
  if (/^(sign ?out|log ?out)$/.test(lower)) return { kind: 'signOut' };
  const audit = /^audit(?:\s+(?:trail|log))?(?:\s+(\d{1,6}))?$/.exec(lower);
  if (audit) return { kind: 'audit', count: auditCount(audit[1]) };
  // "what did Fabrikam buy last week" asks about orders; it must not start a purchase.
  const asksWhatWasBought = /\bwhat did .+ (order|buy)\b/.test(lower);
  if (!asksWhatWasBought && /\b(buy|purchase)\b/.test(lower)) return buyCommand(text);
  if (/\bregister\b/.test(lower)) {
    const subscriptionId = GUID.exec(text)?.[1];
    // Only something that looks meant as an id (a digit or a dash in it), not "register my subscription".
    const typed = subscriptionId ? undefined : /\bregister\s+(\S*[\d-]\S*)/i.exec(text)?.[1];
    return withCustomer(
      {
        kind: 'register',
        ...(subscriptionId ? { subscriptionId } : {}),
        ...(typed ? { notASubscriptionId: typed } : {}),
      },
      text,
    );
  }
  if (/\bstatement\b|\bpdf\b/.test(lower)) {
    const invoiceId = idAfter(/\b(?:statement|pdf)(?:\s+for)?(?:\s+invoice)?/, text) ?? idAfter(/\binvoice/, text);
    return invoiceId ? { kind: 'statement', invoiceId } : { kind: 'statement' };
  }
  if (/\binvoices\b/.test(lower)) return { kind: 'invoices' };
  if (/\binvoice\b/.test(lower)) {
    // Whatever word follows is what the person means by the invoice, even "zzz": the lookup says when it can't be one.
    const invoiceId = idAfter(/\binvoice/, text) ?? wordAfter(/\binvoice/, text);
    return invoiceId ? { kind: 'invoice', invoiceId } : { kind: 'invoices' };
  }
  if (/\b(balance|owe|outstanding)\b/.test(lower)) return { kind: 'balance' };
  if (/\bentitlements?\b/.test(lower)) return withCustomer({ kind: 'entitlements' }, text);
  if (/\borders\b/.test(lower) || asksWhatWasBought) {
    const filter: OrderListFilter | undefined = /\bone[- ]?time\b/.test(lower)
      ? 'one_time'
      : /\bmonthly\b/.test(lower)
        ? 'monthly'
        : /\bannual\b|\byearly\b/.test(lower)
          ? 'annual'
          : undefined;
    // The window comes out first, so "orders for contoso last week" names the customer "contoso".
    const timed = readTimeWindow(text);
    const rest = timed?.rest ?? text;
    const whatDid = /\bwhat did (.+?) (?:order|buy)\b/i.exec(rest)?.[1];
    const customerQuery = customerAfterFor(rest) ?? whatDid;
    return {
      kind: 'orders',
      ...(filter ? { filter } : {}),
      ...(timed ? { window: timed.window } : {}),
      ...(customerQuery ? { customerQuery } : {}),
    };
  }
  if (/\border\b/.test(lower)) {
    const orderId = idAfter(/\border/, text);
    if (orderId) return withCustomer({ kind: 'order', orderId }, text);
    return withCustomer({ kind: 'orders' }, text);
  }
  return { kind: 'unknown', text };
}

/** A purchase request, with every slot the one line fills (`buy 10 Windows Server 2022 Standard 1 year for Fabrikam`). */
function buyCommand(text: string): Command {
  const { customerQuery, ...slots } = readPurchaseRequest(text);
  return {
    kind: 'buy',
    ...(customerQuery ? { customerQuery } : {}),
    ...(Object.keys(slots).length > 0 ? { request: slots } : {}),
  };
}

/** `audit` shows 10 entries; a number asks for 1 to 50. */
function auditCount(typed: string | undefined): number {
  if (typed === undefined) return 10;
  return Math.min(50, Math.max(1, Number(typed)));
}

function withCustomer<T extends { kind: string }>(command: T, text: string): T & { customerQuery?: string } {
  const customerQuery = customerAfterFor(text);
  return customerQuery ? { ...command, customerQuery } : command;
}

/** True when a message, at any step, asks to stop or for help (the root dialog handles these first). */
export function isInterruption(raw: string): 'help' | 'cancel' | undefined {
  const lower = swedishToCommandWords(cleanText(raw)).toLowerCase();
  if (/^(cancel|stop|quit|abort|never ?mind)$/.test(lower)) return 'cancel';
  if (/^(help|\?)$/.test(lower)) return 'help';
  return undefined;
}
