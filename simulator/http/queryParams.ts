/** Query-string access with case-insensitive parameter names, as Partner Center accepts (`entitlementtype`, `seekoperation`). */
export class QueryParams {
  private readonly values = new Map<string, string>();

  constructor(readonly raw: string) {
    for (const [name, value] of new URLSearchParams(raw)) {
      const key = name.toLowerCase();
      if (!this.values.has(key)) this.values.set(key, value);
    }
  }

  /** The first value of a parameter, whatever the casing of its name. */
  get(name: string): string | undefined {
    return this.values.get(name.toLowerCase());
  }

  /** True when the parameter is present (even if empty). */
  has(name: string): boolean {
    return this.values.has(name.toLowerCase());
  }
}
