import { type InspectOptions, inspectCard } from './inspectCard';

const ELEMENT_TYPES = new Set([
  'AdaptiveCard',
  'TextBlock',
  'Container',
  'ColumnSet',
  'Column',
  'FactSet',
  'ActionSet',
  // A picker's typeahead and where its choices come from (see renderPickCard).
  'Input.ChoiceSet',
  'Data.Query',
]);

/**
 * The one note a picker's typeahead may draw: the object model dates `choices.data` from schema 1.6, while Teams
 * documents typeahead (`Data.Query`) on the 1.5 cards bots send (see renderPickCard.test.ts).
 */
const TYPEAHEAD_NOTE =
  'UnsupportedProperty: Property "choices.data" is supported in version 1.6, but you are using version 1.5.';

function elementTypes(node: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => elementTypes(item, found));
  else if (typeof node === 'object' && node !== null) {
    const { type } = node as { type?: unknown };
    if (typeof type === 'string' && !type.startsWith('Action.')) found.add(type);
    Object.values(node).forEach((value) => elementTypes(value, found));
  }
  return found;
}

/**
 * Asserts a rendered card is one Teams can draw for a bot: schema 1.5, parsed by the Adaptive Cards object model
 * without events (but a typeahead's schema note), no duplicate ids, no unexpanded template expression, only plain layout elements (no media), and
 * every button an Action.Execute carrying exactly a valid card action (or an Action.ShowCard opening more of the card;
 * with `allowHttpsOpenUrl`, an Action.OpenUrl to an https link). Returns the inspection for further checks.
 */
export function expectValidTeamsCard(json: object, options: InspectOptions = {}): ReturnType<typeof inspectCard> {
  const inspection = inspectCard(json, options);
  expect((json as { version?: unknown }).version).toBe('1.5');
  expect(inspection.parseEvents.filter((event) => event !== TYPEAHEAD_NOTE)).toEqual([]);
  expect(inspection.validationEvents).toEqual([]);
  expect(inspection.text).not.toContain('${');
  expect(inspection.badActions).toEqual([]);
  expect([...elementTypes(json, new Set())].filter((type) => !ELEMENT_TYPES.has(type))).toEqual([]);
  return inspection;
}
