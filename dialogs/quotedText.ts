/** Text wrapped in quotes ("…", '…', “…”, ‘…’), without them; undefined when the text isn't quoted. */
export function quotedText(text: string): string | undefined {
  const match = /^\s*(?:"([^"]+)"|'([^']+)'|“([^”]+)”|‘([^’]+)’)\s*$/.exec(text);
  const inner = match?.slice(1).find((group) => group !== undefined);
  return inner?.trim() ? inner.trim() : undefined;
}

/** The text without the quotes a person put around a name to mean it literally (`buy for "Balance Ltd"`). */
export function withoutQuotes(text: string): string {
  return quotedText(text) ?? text.trim();
}
