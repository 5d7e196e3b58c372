import { readableText } from '../support/readableText';

/** Normal spaces for the no-break spaces Intl puts in amounts and dates, so expectations can be typed plainly. */
export function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

/** Every TextBlock text of a card, in document order, as a person reads it, with plain spaces. */
export function cardTexts(card: object): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const element = node as { type?: unknown; text?: unknown };
      if (element.type === 'TextBlock' && typeof element.text === 'string')
        found.push(plainSpaces(readableText(element.text)));
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** Every FactSet of a card as title → value records (as a person reads them, plain spaces), in document order. */
export function cardFacts(card: object): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const element = node as { type?: unknown; facts?: { title: string; value: string }[] };
      if (element.type === 'FactSet' && element.facts) {
        found.push(
          Object.fromEntries(
            element.facts.map((fact) => [readableText(fact.title), plainSpaces(readableText(fact.value))]),
          ),
        );
      }
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}
