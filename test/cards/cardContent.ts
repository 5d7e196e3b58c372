/** Normal spaces for the no-break spaces Intl puts in amounts and dates, so expectations can be typed plainly. */
export function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

/** Every TextBlock text of a card, in document order, with plain spaces. */
export function cardTexts(card: object): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const element = node as { type?: unknown; text?: unknown };
      if (element.type === 'TextBlock' && typeof element.text === 'string') found.push(plainSpaces(element.text));
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** Every FactSet of a card as title → value records (plain spaces), in document order. */
export function cardFacts(card: object): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const element = node as { type?: unknown; facts?: { title: string; value: string }[] };
      if (element.type === 'FactSet' && element.facts) {
        found.push(Object.fromEntries(element.facts.map((fact) => [fact.title, plainSpaces(fact.value)])));
      }
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}
