/**
 * Returns the text, or undefined when it is missing or only whitespace, so a card leaves out an optional row
 * instead of drawing an empty one.
 */
export function nonBlank(value: string | undefined): string | undefined {
  return value?.trim() ? value : undefined;
}
