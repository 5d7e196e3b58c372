import type { PurchaseCategory } from '../../services/purchase/types';
import type { ReservationScope } from '../cardActions/cardActionValues';

/**
 * What one typed purchase request says, slot by slot (`buy 10 Windows Server 2022 Standard 1 year for Fabrikam`). A
 * slot left out is asked for later; `words` are what is left to find the category, product, SKU, size and region by.
 */
export interface PurchaseRequest {
  customerQuery?: string;
  quantity?: number;
  /** ISO 8601 (`P1Y`, `P3Y`). */
  termDuration?: string;
  azureSubscriptionId?: string;
  scope?: ReservationScope;
  /** Said outright (`perpetual`, `reservation`, a VM size). */
  category?: PurchaseCategory;
  /** A VM size named in the request, as Azure spells it (`Standard_D4s_v5`). */
  size?: string;
  /** The rest: product, SKU and region words, with the term and size written the way the catalog writes them. */
  words?: string;
}

const GUID =
  /(?:\b(?:on|in|under|using|to)\s+)?(?:\b(?:azure\s+)?subscription\s+)?\b([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/i;
const SCOPE = /\b(?:(shared)(?:\s+scope)?|(single)(?:\s+(?:subscription|scope))?)\b/i;
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, five: 5 };
const TERM = /\b(\d|one|two|three|five)[\s-]*(?:years?|yrs?|y)\b|\bp(\d)y\b/i;
// A VM size: `Standard_D4s_v5`, `D4s_v5`, `D4s v5`, `Standard_B2s`.
const SIZE = /\b(?:standard[_\s]([a-z]{1,3}\d{1,3}[a-z]*(?:[_\s]v\d)?)|([a-z]{1,3}\d{1,3}[a-z]*)[_\s](v\d))\b/i;
const QUANTITY_FIRST = /^(\d{1,6})(?:\s*[x×])?(?!\s*(?:[-\d]|years?\b|yrs?\b|cores?\b|months?\b))\b/i;
const QUANTITY_NAMED =
  /\b(?:(?:qty|quantity)\s*:?\s*(\d{1,6})|[x×]\s*(\d{1,6})|(\d{1,6})\s*(?:[x×]|licen[cs]es?|seats?|units?|copies|instances|reservations?|vms?)(?=\s|$))/i;
const REQUEST_START = /\b(?:buy|purchase)\b\s*/i;

/** Reads a typed purchase request into its slots; everything not recognised stays in `words`. */
export function readPurchaseRequest(text: string): PurchaseRequest {
  const start = REQUEST_START.exec(text);
  let rest = start ? text.slice(start.index + start[0].length) : text;
  const request: PurchaseRequest = {};
  const take = (pattern: RegExp, use: (match: RegExpExecArray) => string): void => {
    const match = pattern.exec(rest);
    if (!match) return;
    rest = `${rest.slice(0, match.index)} ${use(match)} ${rest.slice(match.index + match[0].length)}`;
  };

  take(GUID, (m) => {
    request.azureSubscriptionId = m[1].toLowerCase();
    return '';
  });
  take(SCOPE, (m) => {
    request.scope = m[1] ? 'shared' : 'single';
    return '';
  });
  rest = rest.trim();
  take(QUANTITY_FIRST, (m) => {
    request.quantity = Number(m[1]);
    return '';
  });
  if (request.quantity === undefined) {
    take(QUANTITY_NAMED, (m) => {
      request.quantity = Number(m[1] ?? m[2] ?? m[3]);
      return '';
    });
  }
  take(TERM, (m) => {
    const years = m[3] ? Number(m[3]) : (NUMBER_WORDS[m[1].toLowerCase()] ?? Number(m[1]));
    request.termDuration = `P${years}Y`;
    // Written as the catalog writes it, so it also narrows SKUs named by term ("… - 1 year").
    return years === 1 ? '1 year' : `${years} years`;
  });
  take(SIZE, (m) => {
    const name = m[1] ?? `${m[2]}_${m[3]}`;
    const size = `Standard_${name.replace(/\s/g, '_')}`;
    request.size = size.replace(/_(v\d)$/i, (_, v: string) => `_${v.toLowerCase()}`);
    request.category = 'azure-reservations';
    return request.size;
  });

  const customer = /\bfor\s+(.+)$/i.exec(rest);
  if (customer) {
    // "for Contoso in West Europe": what follows the name is more of the request.
    const [name, ...more] = customer[1].split(/\s+(?:in|on|with|at)\s+/i);
    const query = name.replace(/[.!?,;:]+$/g, '').trim();
    if (query) request.customerQuery = query;
    rest = `${rest.slice(0, customer.index)} ${more.join(' ')}`;
  }

  if (!request.category) request.category = categoryNamed(rest);
  if (!request.category) delete request.category;
  const words = rest
    .replace(/\b(?:i\s+(?:want|need|would like)\s+to|can you|could you|please)\b/gi, ' ')
    .replace(/[.!?,;:]+(\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (words) request.words = words;
  return request;
}

/** A category said in so many words. */
function categoryNamed(text: string): PurchaseCategory | undefined {
  if (/\b(?:reservations?|reserved|ri)\b/i.test(text)) return 'azure-reservations';
  if (/\bperpetual\b/i.test(text)) return 'perpetual-software';
  return undefined;
}
