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

function collectActions(node: unknown, found: Record<string, unknown>[]): void {
  if (Array.isArray(node)) {
    node.forEach((item) => collectActions(item, found));
    return;
  }
  if (!isRecord(node)) return;
  if (typeof node.type === 'string' && node.type.startsWith('Action.')) {
    found.push(node);
  }
  Object.values(node).forEach((value) => collectActions(value, found));
}

function isVerbOnly(data: unknown): boolean {
  return isRecord(data) && Object.keys(data).length === 1 && typeof data.verb === 'string';
}

/** True when the card has an input with this id anywhere. */
function hasInput(node: unknown, id: string): boolean {
  if (Array.isArray(node)) return node.some((item) => hasInput(item, id));
  if (!isRecord(node)) return false;
  if (typeof node.type === 'string' && node.type.startsWith('Input.') && node.id === id) return true;
  return Object.values(node).some((value) => hasInput(value, id));
}

/** What {@link inspectCard} accepts besides Action.Execute buttons carrying exactly a valid card action. */
export interface InspectOptions {
  /** Action.OpenUrl to an absolute https URL (an entitlement's download); any other OpenUrl is still bad. */
  allowHttpsOpenUrl?: boolean;
}

function isHttpsUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Parses a card the way a 1.5 host would (the object model targeting schema 1.5) and reports every parse or
 * validation event, every action, and every action that is bad: not an Action.Execute carrying exactly a valid card
 * action (its verb the data's verb), an Action.ShowCard (which only opens a card inside this one, whose own actions are inspected too), or, when
 * allowed, an Action.OpenUrl to an https URL.
 */
export function inspectCard(json: object, options: InspectOptions = {}): CardInspection {
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
  const nodes: Record<string, unknown>[] = [];
  collectActions(json, nodes);
  const actions = nodes.map((node) => ({ type: node.type, title: node.title, data: node.data }));
  const badActions = nodes
    .filter((action) => {
      if (action.type === 'Action.ShowCard') return action.data !== undefined;
      if (action.type === 'Action.OpenUrl') return !options.allowHttpsOpenUrl || !isHttpsUrl(action.url);
      if (action.type !== 'Action.Execute') return true;
      // Teams routes an Execute by its verb; the data's verb is what the gate checks, so the two must agree.
      if (action.verb !== (action.data as { verb?: unknown } | undefined)?.verb) return true;
      // A typeahead's Choose button: the chosen value (an opaque id) arrives as the input named `id`.
      if (isVerbOnly(action.data) && hasInput(json, 'id')) return false;
      const parsed = parseCardAction(action.data);
      return parsed === undefined || JSON.stringify(parsed) !== JSON.stringify(action.data);
    })
    .map((action) => JSON.stringify({ type: action.type, title: action.title, data: action.data, url: action.url }));
  return { parseEvents, validationEvents, actions, badActions, text: JSON.stringify(json) };
}
