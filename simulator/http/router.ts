import type { RouteHandler } from './apiTypes';

/** How a route behaves in the request pipeline besides its handler. */
export interface RouteOptions {
  /** App+User only: app-only callers get 403 / 900329. */
  appUserOnly?: boolean;
  /** Counts against the per-partner rate limit (CONTRACT §3.7 list). */
  throttled?: boolean;
}

/** A matched route with its captured path parameters. */
export interface RouteMatch {
  handler: RouteHandler;
  options: RouteOptions;
  params: Record<string, string>;
}

interface Route {
  method: string;
  segments: string[];
  handler: RouteHandler;
  options: RouteOptions;
}

/** Splits a URL path into decoded, non-empty segments (so a trailing slash or `//` doesn't matter). */
export function pathSegments(path: string): string[] {
  return path
    .split('/')
    .filter((segment) => segment.length > 0)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

/**
 * A small router that matches path segments case-insensitively (`checkInventory` = `checkinventory`), with `{name}`
 * placeholders capturing one segment. Routes are tried in registration order, so literal routes go first.
 */
export class Router {
  private readonly routes: Route[] = [];

  /** Registers a route; `pattern` like `/v1/customers/{customerId}/carts`. */
  add(method: string, pattern: string, handler: RouteHandler, options: RouteOptions = {}): this {
    this.routes.push({ method: method.toUpperCase(), segments: pathSegments(pattern), handler, options });
    return this;
  }

  /** Finds the route for a request; `methodAllowed` is false when only the path matched. */
  match(method: string, path: string): { route?: RouteMatch; pathKnown: boolean } {
    const segments = pathSegments(path);
    let pathKnown = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      pathKnown = true;
      if (route.method === method.toUpperCase()) {
        return { route: { handler: route.handler, options: route.options, params }, pathKnown };
      }
    }
    return { pathKnown };
  }
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i];
    const value = actual[i];
    if (expected.startsWith('{') && expected.endsWith('}')) {
      params[expected.slice(1, -1)] = value;
    } else if (expected.toLowerCase() !== value.toLowerCase()) {
      return undefined;
    }
  }
  return params;
}
