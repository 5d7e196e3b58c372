import type { Activity } from 'botbuilder';

/**
 * Finds markdown in text a card or chat message would draw that makes a link or an image, or shows a web or e-mail
 * address Teams would turn into a link. A backslash-escaped punctuation character stands for itself, so it takes no
 * part in any of these; a word joiner between `https:` and `//`, after `www` or after `@` keeps an address plain
 * (both as seen in Microsoft 365 Agents Playground). Returns what was found, in words, so a failure says what leaked.
 */
export function plantedLinks(markdown: string): string[] {
  const text = withoutEscapes(markdown);
  const found: string[] = [];
  if (/\[[^\]]*\]\s*\(/.test(text)) found.push(`markdown link or image in ${sample(markdown)}`);
  if (/\[[^\]]*\]\s*\[/.test(text) || /^\s{0,3}\[[^\]]+\]:/m.test(text))
    found.push(`reference link in ${sample(markdown)}`);
  if (/<[a-z][a-z0-9+.-]*:[^\s<>]*>/i.test(text)) found.push(`autolink in ${sample(markdown)}`);
  if (/<\/?[a-z!?]/i.test(text)) found.push(`HTML tag in ${sample(markdown)}`);
  if (/&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(text)) found.push(`HTML entity in ${sample(markdown)}`);
  if (/[a-z][a-z0-9+.-]*:\/\//i.test(text)) found.push(`web address in ${sample(markdown)}`);
  if (/(^|[^a-z0-9])www\./i.test(text)) found.push(`www address in ${sample(markdown)}`);
  if (/[a-z0-9._%+-]@[a-z0-9-]+\.[a-z]/i.test(text)) found.push(`e-mail address in ${sample(markdown)}`);
  return found;
}

/**
 * The markdown with every backslash-escaped ASCII punctuation character replaced by a placeholder that takes part in
 * no syntax, so what is left unescaped can be searched for markdown.
 */
export function withoutEscapes(markdown: string): string {
  return markdown.replace(/\\[!-/:-@[-`{-~]/g, '\u0001');
}

function sample(text: string): string {
  return JSON.stringify(text.length > 160 ? `${text.slice(0, 160)}…` : text);
}

/** Text a card or message shows, split by how Teams draws it. */
export interface ShownText {
  /** Drawn as markdown: message text, TextBlock text, FactSet titles and values. */
  markdown: string[];
  /** Drawn as plain text: button titles and tooltips. */
  plain: string[];
}

/** Every piece of text an Adaptive Card shows, split by how Teams draws it. */
export function cardShownText(card: unknown): ShownText {
  const found: ShownText = { markdown: [], plain: [] };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const element = node as Record<string, unknown>;
      if (element.type === 'TextBlock' && typeof element.text === 'string') found.markdown.push(element.text);
      if (element.type === 'FactSet' && Array.isArray(element.facts)) {
        for (const fact of element.facts as { title: string; value: string }[])
          found.markdown.push(fact.title, fact.value);
      }
      if (typeof element.type === 'string' && element.type.startsWith('Action.')) {
        for (const key of ['title', 'tooltip']) if (typeof element[key] === 'string') found.plain.push(element[key]);
      }
      Object.values(element).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** Everything a message activity shows: its text (markdown unless sent as plain) and its Adaptive Cards. */
export function activityShownText(activity: Partial<Activity>): ShownText {
  const found: ShownText = { markdown: [], plain: [] };
  if (typeof activity.text === 'string') {
    (activity.textFormat === 'plain' ? found.plain : found.markdown).push(activity.text);
  }
  for (const attachment of activity.attachments ?? []) {
    if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive') continue;
    const card = cardShownText(attachment.content);
    found.markdown.push(...card.markdown);
    found.plain.push(...card.plain);
  }
  return found;
}
