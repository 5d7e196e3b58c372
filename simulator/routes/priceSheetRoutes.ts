import type { CallerAccess } from '../control/callerAccess';
import { findMarket } from '../data/markets';
import { PRICE_SHEET_VIEWS, priceSheetCsv, type PriceSheetViewName } from '../domain/priceSheet';
import { ApiError, invalidInput } from '../http/apiError';
import type { ApiRequest, ApiResponse } from '../http/apiTypes';
import type { Router } from '../http/router';
import { zipOneEntry } from '../http/zipArchive';

/** What the price sheet route needs besides the request. */
export interface PriceSheetRouteOptions {
  /** Who may not see prices (control API `withoutPricingAccess`). */
  access: CallerAccess;
  /** Rows of products the catalog doesn't sell added to each stocked sheet (SimulatorOptions.priceSheetFillerRows). */
  fillerRows: number;
}

const SHEET_SEGMENT = /^pricesheets\(\s*market\s*=\s*'([^']*)'\s*,\s*pricesheetview\s*=\s*'([^']*)'\s*\)$/i;
const MONTH = /^\d{6}$/;

/**
 * `GET /v1.0/sales/pricesheets(Market='{market}',PricesheetView='{view}')/$value` — the partner API's price sheet, served
 * on the simulator's port in place of `https://api.partner.microsoft.com`. App+User only (app-only → 403 / 900329, as
 * for Partner Center's other App+User-only operations; "Application-only isn't yet supported"). A caller listed in
 * `withoutPricingAccess` (no Admin agent or Sales agent role) → 403 / 800043. The CSV streams as it is produced; with
 * `Accept-Encoding` naming `deflate` it comes as a zip archive of the CSV ("To get compressed versions of the files,
 * you can include the below header value … Accept-Encoding: deflate").
 */
export function registerPriceSheetRoutes(router: Router, options: PriceSheetRouteOptions): void {
  router.add('GET', '/v1.0/sales/{sheet}/$value', (request) => priceSheet(request, options), { appUserOnly: true });
}

function priceSheet(request: ApiRequest, options: PriceSheetRouteOptions): ApiResponse {
  const match = SHEET_SEGMENT.exec(request.params.sheet);
  if (!match) throw new ApiError(404, 1000, 'Not found');
  const market = findMarket(match[1]);
  if (!market) throw invalidInput(`market '${match[1]}' isn't a market served by this simulator`);
  const view = PRICE_SHEET_VIEWS.find((name) => name === match[2].toLowerCase());
  if (!view) throw invalidInput(`PricesheetView '${match[2]}' isn't one of ${PRICE_SHEET_VIEWS.join(', ')}`);
  if (options.access.lacksPricingAccess(request.caller)) {
    throw new ApiError(403, 800043, "Access to pricing information isn't granted");
  }
  const timeline = request.query.get('timeline')?.toLowerCase();
  if (timeline !== undefined && !['current', 'history', 'future'].includes(timeline)) {
    throw invalidInput('timeline must be history, current or future');
  }
  if (timeline === 'history' && !MONTH.test(request.query.get('month') ?? '')) {
    throw invalidInput('month (YYYYMM) is required for the history timeline');
  }
  // The simulator's prices never change, so there is no future price list: "there will be no future price list
  // returned … partners will see the following API response code: 404 Not Found".
  if (timeline === 'future') throw new ApiError(404, 1000, 'Not found');
  const csv = () => priceSheetCsv(market, view as PriceSheetViewName, request.now, options.fillerRows);
  const name = `pricesheet_${market.country}_${view}`;
  if (wantsDeflate(request.headers['accept-encoding'])) {
    return {
      status: 200,
      headers: { 'Content-Disposition': `attachment; filename=${name}.zip` },
      stream: { contentType: 'application/octet-stream', data: () => zipOneEntry(`${name}.csv`, csv()) },
    };
  }
  return {
    status: 200,
    headers: { 'Content-Disposition': `attachment; filename=${name}.csv` },
    stream: { contentType: 'application/octet-stream', data: csv },
  };
}

function wantsDeflate(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value
    .split(',')
    .map((part) => part.split(';')[0].trim().toLowerCase())
    .includes('deflate');
}
