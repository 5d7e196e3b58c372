/**
 * Card templates expanded without the expression engine, for the few binding forms the templates in cards/templates
 * use. adaptivecards-templating evaluates every `${…}` through adaptive-expressions: a fresh memory object, options
 * and a path walk per binding, some 250 KB of garbage and half a millisecond for a sixteen-currency balance card, which
 * under load was a fifth of everything the bot allocated. The forms below are resolved here with the engine's own
 * rules, so the output is the same object the engine would build; a template with any other form, and any expansion
 * that meets a case the engine treats specially (a missing or null value, a Map), is left to the engine.
 */

/** A value path as the engine resolves it: from the current `$data` (bare names) or from `$root`. */
interface BindingPath {
  fromRoot: boolean;
  /** Lower-cased: the engine matches property names without regard to case (the first key that matches wins). */
  keys: string[];
}

/** A `$when` this module evaluates: `${exists(path)}`, `${count(path) > 0}`, or `${path}` (a flag). */
interface Condition {
  test: 'exists' | 'nonEmpty' | 'flag';
  path: BindingPath;
}

type PlanNode =
  | { kind: 'constant'; value: unknown }
  | { kind: 'binding'; path: BindingPath }
  | { kind: 'text'; parts: (string | BindingPath)[] }
  | { kind: 'array'; items: PlanNode[] }
  | { kind: 'object'; entries: [string, PlanNode][]; data?: BindingPath; when?: Condition };

interface Scope {
  root: unknown;
  data: unknown;
}

/** Thrown inside an expansion that must be left to the engine; never escapes this module. */
class LeaveToEngine extends Error {}

// The engine drops these keys from what it outputs (adaptivecards-templating's reserved fields).
const RESERVED_KEYS = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);
const NAME = '[A-Za-z][A-Za-z0-9]*';
const PATH = new RegExp(`^(?:\\$(root|data)((?:\\.${NAME})*)|(${NAME}(?:\\.${NAME})*))$`);
const EXISTS = /^exists\(([^()\s]+)\)$/;
const NON_EMPTY = /^count\(([^()\s]+)\) > 0$/;
const BINDING = /\$\{([^{}]*)\}/g;
// Text around bindings that the engine's string parser takes literally (no escapes, quotes or braces).
const PLAIN_TEXT = /^[^\\`${}]*$/;
// Words the expression language reads as literals, not as names.
const LITERALS = new Set(['true', 'false', 'null']);

/**
 * Plans the direct expansion of a card template; undefined when it uses anything beyond the forms above (it is then
 * always expanded by the engine). The returned function gives the expanded card, or undefined when this data must be
 * expanded by the engine.
 */
export function planDirectExpansion(template: unknown): ((root: object) => unknown) | undefined {
  let plan: PlanNode;
  try {
    plan = planOf(template);
  } catch (error) {
    if (error instanceof LeaveToEngine) return undefined;
    throw error;
  }
  return (root) => {
    try {
      return expand(plan, { root, data: root });
    } catch (error) {
      if (error instanceof LeaveToEngine) return undefined;
      throw error;
    }
  };
}

function pathOf(expression: string): BindingPath {
  const match = PATH.exec(expression);
  if (!match) throw new LeaveToEngine();
  const [, scope, scopeRest, bare] = match;
  const names = (bare ?? scopeRest.slice(1)).split('.').filter((name) => name !== '');
  if (bare !== undefined && LITERALS.has(names[0].toLowerCase())) throw new LeaveToEngine();
  return { fromRoot: scope === 'root', keys: names.map((name) => name.toLowerCase()) };
}

/** `${…}` alone: the expression inside; undefined for a string that is anything else. */
function soleBinding(text: string): string | undefined {
  return text.startsWith('${') &&
    text.endsWith('}') &&
    text.indexOf('${', 2) < 0 &&
    text.indexOf('}') === text.length - 1
    ? text.slice(2, -1)
    : undefined;
}

function stringPlan(text: string): PlanNode {
  if (!text.includes('${')) return { kind: 'constant', value: text };
  const sole = soleBinding(text);
  if (sole !== undefined) return { kind: 'binding', path: pathOf(sole) };
  const parts: (string | BindingPath)[] = [];
  let at = 0;
  for (const match of text.matchAll(BINDING)) {
    const before = text.slice(at, match.index);
    if (!PLAIN_TEXT.test(before)) throw new LeaveToEngine();
    if (before !== '') parts.push(before);
    parts.push(pathOf(match[1]));
    at = match.index + match[0].length;
  }
  const after = text.slice(at);
  if (!PLAIN_TEXT.test(after)) throw new LeaveToEngine();
  if (after !== '') parts.push(after);
  return { kind: 'text', parts };
}

function conditionOf(when: unknown): Condition {
  const expression = typeof when === 'string' ? soleBinding(when) : undefined;
  if (expression === undefined) throw new LeaveToEngine();
  const exists = EXISTS.exec(expression);
  if (exists) return { test: 'exists', path: pathOf(exists[1]) };
  const nonEmpty = NON_EMPTY.exec(expression);
  if (nonEmpty) return { test: 'nonEmpty', path: pathOf(nonEmpty[1]) };
  return { test: 'flag', path: pathOf(expression) };
}

function planOf(node: unknown): PlanNode {
  if (typeof node === 'string') return stringPlan(node);
  if (Array.isArray(node)) return { kind: 'array', items: node.map(planOf) };
  if (typeof node !== 'object' || node === null) return { kind: 'constant', value: node };
  const fields = node as Record<string, unknown>;
  const plan: Extract<PlanNode, { kind: 'object' }> = { kind: 'object', entries: [] };
  if ('$data' in fields) {
    const data = typeof fields.$data === 'string' ? soleBinding(fields.$data) : undefined;
    if (data === undefined) throw new LeaveToEngine();
    plan.data = pathOf(data);
  }
  if ('$when' in fields) plan.when = conditionOf(fields.$when);
  for (const [key, value] of Object.entries(fields)) {
    if (!RESERVED_KEYS.has(key)) plan.entries.push([key, planOf(value)]);
  }
  return plan;
}

/** One property as the engine reads it: nothing from a falsy value, else the first key equal but for case. */
function propertyOf(value: unknown, key: string): unknown {
  if (!value) return undefined;
  if (value instanceof Map) throw new LeaveToEngine();
  // for…in visits own keys in Object.keys order (then inherited ones, skipped) without building an array per lookup.
  for (const name in value as object) {
    if (name.length === key.length && Object.hasOwn(value as object, name) && name.toLowerCase() === key) {
      return (value as Record<string, unknown>)[name];
    }
  }
  return undefined;
}

function valueAt(path: BindingPath, scope: Scope): unknown {
  let value = path.fromRoot ? scope.root : scope.data;
  for (const key of path.keys) value = propertyOf(value, key);
  return value;
}

/** A bound value; the engine writes a missing one as its own `${…}` text and keeps null, so both are left to it. */
function boundValue(path: BindingPath, scope: Scope): unknown {
  const value = valueAt(path, scope);
  if (value === undefined || value === null) throw new LeaveToEngine();
  return value;
}

function holds(condition: Condition, scope: Scope): boolean {
  const value = valueAt(condition.path, scope);
  if (condition.test === 'exists') return value !== undefined && value !== null;
  // The engine keeps an element only for the boolean true, not for other truthy values.
  if (condition.test === 'flag') return value === true;
  // The engine's count(): a string's or list's length, a Map's size, an object's key count; anything else fails,
  // which makes the condition false.
  if (typeof value === 'string' || Array.isArray(value)) return value.length > 0;
  if (value instanceof Map) throw new LeaveToEngine();
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

function expand(node: PlanNode, scope: Scope): unknown {
  switch (node.kind) {
    case 'constant':
      return node.value;
    case 'binding':
      return boundValue(node.path, scope);
    case 'text':
      return node.parts.map((part) => (typeof part === 'string' ? part : String(boundValue(part, scope)))).join('');
    case 'array': {
      // As the engine: dropped elements (null) leave no gap, and a repeated element's copies are spliced in.
      const items: unknown[] = [];
      for (const item of node.items) {
        const expanded = expand(item, scope);
        if (Array.isArray(expanded)) items.push(...(expanded as unknown[]));
        else if (expanded !== null) items.push(expanded);
      }
      return items;
    }
    case 'object':
      return expandObject(node, scope);
  }
}

/** One copy per `$data` item (or one), without those whose `$when` fails: null for none, the copy for one. */
function expandObject(node: Extract<PlanNode, { kind: 'object' }>, scope: Scope): unknown {
  let contexts: unknown[] = [undefined];
  if (node.data) {
    const data = boundValue(node.data, scope);
    contexts = Array.isArray(data) ? data : [data];
  }
  const copies: Record<string, unknown>[] = [];
  // As the engine: an undefined item keeps the previous item's data (or the enclosing one's, for the first).
  let data = scope.data;
  for (const context of contexts) {
    if (context !== undefined) data = context;
    const inner: Scope = { root: scope.root, data };
    if (node.when && !holds(node.when, inner)) continue;
    const copy: Record<string, unknown> = {};
    for (const [key, child] of node.entries) {
      const value = expand(child, inner);
      if (value !== undefined) copy[key] = value;
    }
    copies.push(copy);
  }
  if (copies.length === 0) return null;
  return copies.length === 1 ? copies[0] : copies;
}
