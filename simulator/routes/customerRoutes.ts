import { z } from 'zod';
import { customerDomain, customerJson, customerListItemJson, type CustomerRecord } from '../domain/customers';
import { decodeContinuationToken, encodeContinuationToken } from '../domain/continuationToken';
import { invalidInput } from '../http/apiError';
import type { ApiRequest, ApiResponse } from '../http/apiTypes';
import { headerValue } from '../http/headerValue';
import { collection, link } from '../http/links';
import { lowerCaseKeys } from '../http/lowerCaseKeys';
import { isSeekNext, nonNegativeInteger } from '../http/queryValues';
import type { Router } from '../http/router';
import type { SimulatorContext } from '../simulatorContext';

const filterSchema = z.object({ field: z.string(), value: z.string(), operator: z.string() });

/** Registers customers list/search (seek paging) and get-by-id. */
export function registerCustomerRoutes(router: Router, context: SimulatorContext): void {
  router.add('GET', '/v1/customers', (request) => listCustomers(request, context));
  router.add(
    'GET',
    '/v1/customers/{customerId}',
    (request) => ({
      status: 200,
      body: customerJson(context.state.customer(request.params.customerId)),
    }),
    { throttled: true },
  );
}

function listCustomers(request: ApiRequest, context: SimulatorContext): ApiResponse {
  let filterText = request.query.get('filter');
  let size = nonNegativeInteger('size', request.query.get('size'), 0);
  let offset = 0;
  if (isSeekNext(request.query.get('seekOperation'))) {
    const position = decodeContinuationToken(headerValue(request, 'ms-continuationtoken'), 'customers|');
    filterText = position.scope.slice('customers|'.length) || undefined;
    offset = position.offset;
    size = position.size;
  }
  const matches = filterText ? filterCustomers(context.state.customers, filterText) : context.state.customers;
  const pageSize = size === 0 ? matches.length : size;
  const page = matches.slice(offset, offset + pageSize);
  const base = `/customers?size=${size}${filterText ? `&filter=${encodeURIComponent(filterText)}` : ''}`;
  const links: Record<string, ReturnType<typeof link>> = { self: link(base) };
  const extra: Record<string, unknown> = {};
  if (pageSize > 0 && offset + pageSize < matches.length) {
    const token = encodeContinuationToken({
      scope: `customers|${filterText ?? ''}`,
      offset: offset + pageSize,
      size: pageSize,
    });
    links.next = link(`${base}&seekOperation=Next`, [{ key: 'MS-ContinuationToken', value: token }]);
    extra.continuationToken = token;
  }
  return { status: 200, body: collection(page.map(customerListItemJson), links, extra) };
}

function filterCustomers(customers: CustomerRecord[], filterText: string): CustomerRecord[] {
  let raw: unknown;
  try {
    raw = JSON.parse(filterText);
  } catch {
    throw invalidInput(
      'filter must be URL-encoded JSON like {"Field":"CompanyName","Value":"con","Operator":"starts_with"}',
    );
  }
  const parsed = filterSchema.safeParse(lowerCaseKeys(raw));
  if (!parsed.success) throw invalidInput('filter needs Field, Value and Operator');
  const { field, value, operator } = parsed.data;
  if (operator.toLowerCase() !== 'starts_with') throw invalidInput('the only supported filter operator is starts_with');
  const prefix = value.toLowerCase();
  const fieldName = field.toLowerCase();
  if (fieldName === 'companyname') {
    return customers.filter((customer) => customer.seed.companyName.toLowerCase().startsWith(prefix));
  }
  if (fieldName === 'domain') {
    return customers.filter((customer) => customerDomain(customer).toLowerCase().startsWith(prefix));
  }
  throw invalidInput(`filter field '${field}' isn't supported; use CompanyName or Domain`);
}
