/** A typed request, read forgivingly: case, extra words and an @mention don't matter. */
export type Command =
  { kind: 'buy'; customerQuery?: string } | { kind: 'help' } | { kind: 'cancel' } | { kind: 'unknown'; text: string };

/** Removes Teams `<at>…</at>` mentions and collapses white space. */
export function cleanText(text: string): string {
  return text
    .replace(/<at>.*?<\/at>/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads a message as one of the bot's commands. */
export function parseCommand(raw: string): Command {
  const text = cleanText(raw);
  const lower = text.toLowerCase();
  if (/^(cancel|stop|quit|abort|never ?mind)\b/.test(lower)) return { kind: 'cancel' };
  if (/^(help|\?|what can you do|commands)\b/.test(lower)) return { kind: 'help' };
  if (/\b(buy|purchase)\b/.test(lower)) {
    const forMatch = /\bfor\s+(.+)$/i.exec(text);
    const customerQuery = forMatch?.[1].replace(/[.!?,;:]+$/g, '').trim();
    return customerQuery ? { kind: 'buy', customerQuery } : { kind: 'buy' };
  }
  return { kind: 'unknown', text };
}

/** True when a message, at any step, asks to stop or for help (the root dialog handles these first). */
export function isInterruption(raw: string): 'help' | 'cancel' | undefined {
  const lower = cleanText(raw).toLowerCase();
  if (/^(cancel|stop|quit|abort|never ?mind)$/.test(lower)) return 'cancel';
  if (/^(help|\?)$/.test(lower)) return 'help';
  return undefined;
}
