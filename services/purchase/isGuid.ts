const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a text is a GUID in the 8-4-4-4-12 form Partner Center uses for tenant and subscription ids. */
export function isGuid(text: string): boolean {
  return GUID.test(text);
}
