import { AdaptiveCard, SerializationContext, ValidationEvent, Versions } from 'adaptivecards';
import { parseCardAction } from '../../cards/cardAction';

/** What the Adaptive Cards object model and a walk of the JSON found wrong with a card, plus its actions. */
export interface CardInspection {
  parseEvents: string[];
  validationEvents: string[];
  actions: { type: unknown; title: unknown; data: unknown }[];
  badActions: string[];
  text: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function collectActions(node: unknown, found: CardInspection['actions']): void {
  if (Array.isArray(node)) {
    node.forEach((item) => collectActions(item, found));
    return;
  }
  if (!isRecord(node)) return;
  if (typeof node.type === 'string' && node.type.startsWith('Action.')) {
    found.push({ type: node.type, title: node.title, data: node.data });
  }
  Object.values(node).forEach((value) => collectActions(value, found));
}

/**
 * Parses a card the way a 1.5 host would (the object model targeting schema 1.5) and reports every parse or
 * validation event, every action, and every action whose data is not exactly a valid card action.
 */
export function inspectCard(json: object): CardInspection {
  const card = new AdaptiveCard();
  const context = new SerializationContext(Versions.v1_5);
  card.parse(json, context);
  const parseEvents: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    parseEvents.push(`${ValidationEvent[event.event]}: ${event.message}`);
  }
  const validationEvents = card
    .validateProperties()
    .validationEvents.map((event) => `${ValidationEvent[event.event]}: ${event.message}`);
  const actions: CardInspection['actions'] = [];
  collectActions(json, actions);
  const badActions = actions
    .filter((action) => {
      if (action.type !== 'Action.Submit') return true;
      const parsed = parseCardAction(action.data);
      return parsed === undefined || JSON.stringify(parsed) !== JSON.stringify(action.data);
    })
    .map((action) => JSON.stringify(action));
  return { parseEvents, validationEvents, actions, badActions, text: JSON.stringify(json) };
}
