import { z } from 'zod';
import { parseReservationScope, parseSegment, type Catalog } from '../domain/catalog';
import type { AzureSubscription } from '../domain/customers';
import { inventoryRestrictions } from '../domain/inventory';
import { ApiError, invalidInput } from '../http/apiError';
import type { ApiRequest, ApiResponse } from '../http/apiTypes';
import { collection, link } from '../http/links';
import { dictionaryValue } from '../http/lowerCaseKeys';
import type { Router } from '../http/router';
import type { SimulatorContext } from '../simulatorContext';

const inventorySchema = z.object({
  targetitems: z.array(z.object({ productid: z.string(), skuid: z.string().optional() })).min(1),
  inventorycontext: z.record(z.string(), z.string()).optional(),
});

/** Registers products, SKUs, availabilities (lists and by id) and the inventory check. */
export function registerCatalogRoutes(router: Router, context: SimulatorContext): void {
  const catalog = (): Catalog => context.state.catalog;
  router.add('GET', '/v1/products', (request) => {
    const market = catalog().market(request.query.get('country'));
    const segment = parseSegment(request.query.get('targetSegment'));
    const scope = request.query.get('reservationScope');
    // Both reservation catalogs hold the same products; their availabilities differ.
    parseReservationScope(scope);
    const view = request.query.get('targetView');
    const products = catalog().listProducts(market, view, segment);
    let self = `/products?country=${market.country}&targetView=${view}`;
    if (segment) self += `&targetSegment=${segment}`;
    if (scope) self += `&reservationScope=${scope}`;
    return ok(
      collection(
        products.map((product) => catalog().productJson(product, market)),
        { self: link(self) },
      ),
    );
  });
  router.add('GET', '/v1/products/{productId}', (request) => {
    const market = catalog().market(request.query.get('country'));
    parseReservationScope(request.query.get('reservationScope'));
    return ok(catalog().productJson(catalog().product(request.params.productId, market), market));
  });
  router.add('GET', '/v1/products/{productId}/skus', (request) => {
    const market = catalog().market(request.query.get('country'));
    const segment = parseSegment(request.query.get('targetSegment'));
    parseReservationScope(request.query.get('reservationScope'));
    const product = catalog().product(request.params.productId, market);
    const skus = catalog().segmentsFor(product, market, segment).length > 0 ? product.skus : [];
    const self = link(`/products/${product.id}/skus?country=${market.country}`);
    return ok(
      collection(
        skus.map((sku) => catalog().skuJson(product, sku, market)),
        { self },
      ),
    );
  });
  router.add('GET', '/v1/products/{productId}/skus/{skuId}', (request) => {
    const market = catalog().market(request.query.get('country'));
    parseReservationScope(request.query.get('reservationScope'));
    const product = catalog().product(request.params.productId, market);
    return ok(catalog().skuJson(product, catalog().sku(product, request.params.skuId), market));
  });
  router.add('GET', '/v1/products/{productId}/skus/{skuId}/availabilities', (request) => {
    const market = catalog().market(request.query.get('country'));
    const segment = parseSegment(request.query.get('targetSegment'));
    const reservationCatalog = parseReservationScope(request.query.get('reservationScope'));
    const product = catalog().product(request.params.productId, market);
    const sku = catalog().sku(product, request.params.skuId);
    const refs = catalog().availabilities(product, sku, market, segment, reservationCatalog);
    let self = `/products/${product.id}/skus/${sku.id}/availabilities?country=${market.country}`;
    if (segment) self += `&targetSegment=${segment}`;
    if (product.kind === 'reservation' && reservationCatalog === 'azurePlan') self += '&reservationScope=AzurePlan';
    return ok(
      collection(
        refs.map((ref) => catalog().availabilityJson(ref)),
        { self: link(self) },
      ),
    );
  });
  router.add('GET', '/v1/products/{productId}/skus/{skuId}/availabilities/{availabilityId}', (request) => {
    const market = catalog().market(request.query.get('country'));
    const product = catalog().product(request.params.productId, market);
    const sku = catalog().sku(product, request.params.skuId);
    const ref = catalog().findAvailability(request.params.availabilityId);
    if (!ref || ref.product !== product || ref.sku !== sku || ref.market.country !== market.country) {
      throw new ApiError(404, 400019, availabilityNotFound);
    }
    return ok(catalog().availabilityJson(ref));
  });
  router.add('POST', '/v1/extensions/product/checkInventory', (request) => checkInventory(request, context));
}

/** The documented 400019 description. */
export const availabilityNotFound =
  'Availability not found. This error can occur when checking out a cart. Partners that get this error should issue a new GET to ensure they have the current availability ID and retry the cart check out.';

function checkInventory(request: ApiRequest, context: SimulatorContext): ApiResponse {
  const catalog = context.state.catalog;
  const market = catalog.market(request.query.get('country'));
  const parsed = inventorySchema.safeParse(request.jsonBody());
  if (!parsed.success) throw invalidInput('the body needs targetItems (each with a productId) and inventoryContext');
  const inventoryContext = parsed.data.inventorycontext;
  const customerId = dictionaryValue(inventoryContext, 'customerId');
  const subscriptionId = dictionaryValue(inventoryContext, 'azureSubscriptionId');
  let subscription: AzureSubscription | undefined;
  if (customerId) {
    const customer = context.state.customer(customerId);
    if (subscriptionId) {
      subscription = customer.subscriptions.find((s) => s.id.toLowerCase() === subscriptionId.toLowerCase());
      if (!subscription) throw new ApiError(400, 800011, "This subscription isn't a valid Azure subscription");
    }
  }
  const results: Record<string, unknown>[] = [];
  for (const target of parsed.data.targetitems) {
    let product;
    try {
      product = catalog.product(target.productid, market);
    } catch {
      continue;
    }
    const needsCheck = product.kind === 'reservation';
    if (needsCheck && (!customerId || !subscriptionId)) {
      throw invalidInput('inventoryContext needs customerId and azureSubscriptionId for this product');
    }
    const skus = target.skuid ? product.skus.filter((sku) => sku.id === target.skuid?.toUpperCase()) : product.skus;
    for (const sku of skus) {
      const restrictions = inventoryRestrictions(sku, subscription);
      results.push({ productId: product.id, skuId: sku.id, isRestricted: restrictions.length > 0, restrictions });
    }
  }
  return ok(results);
}

function ok(body: unknown): ApiResponse {
  return { status: 200, body };
}
