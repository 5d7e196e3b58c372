import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { planDirectExpansion } from '../../cards/directCardExpansion';
import { type SeededRandom, seededRandom } from '../faults/seededRandom';

const TEMPLATES = path.join(__dirname, '..', '..', 'cards', 'templates');
const DATA_SETS_PER_TEMPLATE = 400;

/** The names a template binds: those repeated over (`$data`), those that hold further names, and all of them. */
interface Names {
  all: string[];
  lists: Set<string>;
  parents: Set<string>;
}

function namesOf(template: unknown): Names {
  const text = JSON.stringify(template);
  const all = new Set<string>();
  const lists = new Set<string>();
  const parents = new Set<string>();
  for (const [, expression] of text.matchAll(/\$\{([^}]*)\}/g)) {
    for (const [pathText] of expression.matchAll(/[$A-Za-z][A-Za-z0-9.]*/g)) {
      const names = pathText.split('.').filter((name) => !name.startsWith('$'));
      names.forEach((name, i) => {
        all.add(name);
        if (i < names.length - 1) parents.add(name);
      });
    }
  }
  for (const [, name] of text.matchAll(/"\$data":"\$\{([A-Za-z0-9]+)\}"/g)) lists.add(name);
  for (const [, name] of text.matchAll(/count\(([A-Za-z0-9]+)\)/g)) lists.add(name);
  return { all: [...all].filter((name) => !['exists', 'count'].includes(name)), lists, parents };
}

const WORDS = [
  'Contoso',
  'Order ${orderId}',
  'a `quoted` word',
  '',
  'x',
  'Ünïcödé ✓',
  '${title}',
  '[link](https://x)',
  '0',
];

/**
 * Data of every shape the engine might meet: present, missing, null, differently cased and duplicated keys, lists of
 * any length, numbers, booleans and text that looks like a binding. `complete` data binds every name to a value, so the
 * direct expansion answers it instead of leaving it to the engine.
 */
function dataFor(names: Names, random: SeededRandom, complete: boolean, depth = 0): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const name of names.all) {
    if (!complete && random.next() < 0.2) continue;
    const value = valueFor(name, names, random, complete, depth);
    const casing = random.next();
    if (!complete && casing < 0.1) data[name.toUpperCase()] = value;
    else if (!complete && casing < 0.15) {
      data[name[0].toUpperCase() + name.slice(1)] = valueFor(name, names, random, complete, depth);
      data[name] = value;
    } else data[name] = value;
  }
  return data;
}

function valueFor(name: string, names: Names, random: SeededRandom, complete: boolean, depth: number): unknown {
  if (!complete && random.next() < 0.1) return random.pick([null, undefined, 0, false]);
  if (names.lists.has(name)) {
    if (depth >= 2) return [];
    if (!complete && random.next() < 0.15) return random.pick(['text', 3, { title: 'one' }]);
    return Array.from({ length: random.int(0, 3) }, () => dataFor(names, random, complete, depth + 1));
  }
  if (names.parents.has(name)) return depth >= 2 ? {} : dataFor(names, random, complete, depth + 1);
  const kind = random.next();
  if (kind < 0.7) return random.pick(WORDS);
  if (kind < 0.85) return random.pick([0, 1, -2.5, 1e21, 42]);
  return random.pick([true, false]);
}

function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return { threw: error instanceof Error ? error.constructor.name : 'non-error' };
  }
}

describe('direct card expansion', () => {
  const files = readdirSync(TEMPLATES).filter((file) => file.endsWith('.json'));

  it.each(files)('%s expands to exactly what adaptivecards-templating makes of the same data', (file) => {
    const template = JSON.parse(readFileSync(path.join(TEMPLATES, file), 'utf8')) as object;
    const direct = planDirectExpansion(template);
    // Every template of the bot uses only the forms expanded directly; a new form would silently cost the engine.
    if (!direct) throw new Error(`${file} uses a binding the direct expansion leaves to the engine`);
    const engine = new Template(template);
    const names = namesOf(template);
    const random = seededRandom(file.length * 7919);
    let answered = 0;
    for (let i = 0; i < DATA_SETS_PER_TEMPLATE; i += 1) {
      const data = dataFor(names, random, i % 2 === 0);
      const mine = outcome(() => direct(data));
      if (mine === undefined) continue;
      answered += 1;
      expect(mine).toStrictEqual(outcome(() => engine.expand({ $root: data })));
    }
    expect(answered).toBeGreaterThanOrEqual(DATA_SETS_PER_TEMPLATE / 2);
  });

  it.each([
    ['an interpolation with a function', { text: '${toUpper(name)}' }],
    ['text with an escape', { text: 'a \\n ${name}' }],
    ['a literal $when', { $when: true, text: 'x' }],
    ['a $data list written in the template', { $data: [{ a: 1 }], text: '${a}' }],
    ['a name the engine reads as a literal', { text: '${true}' }],
  ])('leaves %s to the engine', (_what, template) => {
    expect(planDirectExpansion(template)).toBeUndefined();
  });

  it('leaves a missing or null value to the engine, which writes it as its own binding', () => {
    const direct = planDirectExpansion({ text: '${name}', other: 'Order ${id}' });
    expect(direct?.({ id: 1 })).toBeUndefined();
    expect(direct?.({ name: null, id: 1 })).toBeUndefined();
    expect(direct?.({ name: 'Contoso', id: 7 })).toStrictEqual({ text: 'Contoso', other: 'Order 7' });
  });
});
