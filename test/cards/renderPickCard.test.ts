import { renderPickCard } from '../../cards/renderPickCard';
import { expectValidTeamsCard } from './expectValidTeamsCard';
import { inspectCard } from './inspectCard';

const LONG_NAME =
  'Contoso Pharmaceuticals and Biomedical Research International Holdings (Europe, Middle East and Africa) Limited';

describe('renderPickCard', () => {
  it('draws one button for a single option, with its detail and the footnote', () => {
    const card = renderPickCard({
      title: 'Which customer is this for?',
      text: 'Pick your last customer, or type part of another name.',
      verb: 'pickCustomer',
      options: [{ label: 'Contoso Ltd', detail: 'contoso.onmicrosoft.com · last used', id: 'c-1' }],
      footnote: 'Type more of the name to narrow it down.',
    });
    const { actions, text } = expectValidTeamsCard(card);
    expect(actions).toEqual([
      { type: 'Action.Execute', title: 'Contoso Ltd', data: { verb: 'pickCustomer', id: 'c-1' } },
    ]);
    expect(text).toContain('contoso.onmicrosoft.com · last used');
    expect(text).toContain('Pick your last customer');
    const body = card.body as unknown[];
    expect(JSON.stringify(body[body.length - 1])).toContain('Type more of the name to narrow it down.');
  });

  it('draws ten buttons in the order given, each submitting its own id with the card verb', () => {
    const options = Array.from({ length: 10 }, (_, i) => ({
      label: `SKU ${i + 1}`,
      detail: `Detail ${i + 1}`,
      id: `s${i + 1}`,
    }));
    const { actions, text } = expectValidTeamsCard(renderPickCard({ title: 'Which SKU?', verb: 'pickSku', options }));
    expect(actions.map((a) => a.title)).toEqual(options.map((o) => o.label));
    expect(actions.map((a) => a.data)).toEqual(options.map((o) => ({ verb: 'pickSku', id: o.id })));
    for (const option of options) expect(text).toContain(option.detail);
  });

  it('keeps a very long name whole in the button title and its tooltip', () => {
    const card = renderPickCard({
      title: 'Customers',
      verb: 'pickCustomer',
      options: [{ label: LONG_NAME, id: 'c-9' }],
    });
    const { actions, text } = expectValidTeamsCard(card);
    expect(actions[0].title).toBe(LONG_NAME);
    expect(text).toContain(`"tooltip":"${LONG_NAME}"`);
  });

  it('titles an option by what tells it apart and keeps its whole name in the tooltip', () => {
    const card = renderPickCard({
      title: 'Which Reserved VM Instance, Dv5 Series?',
      verb: 'pickSku',
      options: [
        {
          label: '3 Years',
          fullName: 'Reserved VM Instance, Standard_D8s_v5, EU West, 3 Years',
          detail: '1–100 per order',
          id: 's-3',
        },
      ],
    });
    const { actions, text } = expectValidTeamsCard(card);
    expect(actions[0].title).toBe('3 Years');
    expect(text).toContain('"tooltip":"Reserved VM Instance, Standard_D8s_v5, EU West, 3 Years (1–100 per order)"');
  });

  it('leaves out optional text, details and footnote when absent or blank', () => {
    const card = renderPickCard({
      title: 'Which term?',
      text: ' ',
      verb: 'pickTerm',
      options: [
        { label: '1 year', id: 't1' },
        { label: '3 years', detail: undefined, id: 't3' },
      ],
    });
    const { text } = expectValidTeamsCard(card);
    expect(text).not.toContain('isSubtle');
    expect(card.body).toHaveLength(3);
  });

  it('offers a typeahead over all customers whose first page is the buttons, and whose Choose submits only { verb, id }', () => {
    const card = renderPickCard({
      title: 'Customers',
      verb: 'pickCustomer',
      options: [
        { label: 'Contoso Ltd', detail: 'contoso.onmicrosoft.com', id: 'c-1' },
        { label: 'Contoso [Pay](https://evil.example)', detail: 'contoso2.onmicrosoft.com', id: 'c-2' },
      ],
      search: { dataset: 'customers', placeholder: 'Or search all your customers' },
    });
    // The object model dates `choices.data` from schema 1.6; Teams documents typeahead on the 1.5 cards bots send
    // (and Agents Playground draws such a card with its static choices). That one note is all it may report.
    const { actions, parseEvents, validationEvents, badActions } = inspectCard(card);
    expect(parseEvents).toEqual([
      'UnsupportedProperty: Property "choices.data" is supported in version 1.6, but you are using version 1.5.',
    ]);
    expect(validationEvents).toEqual([]);
    expect(badActions).toEqual([]);
    expect(actions.at(-1)).toEqual({ type: 'Action.Execute', title: 'Choose', data: { verb: 'pickCustomer' } });
    const input = JSON.parse(JSON.stringify(card)) as { body: { items?: Record<string, unknown>[] }[] };
    const choiceSet = input.body.flatMap((element) => element.items ?? []).find((i) => i.type === 'Input.ChoiceSet');
    expect(choiceSet).toMatchObject({
      id: 'id',
      style: 'filtered',
      'choices.data': { type: 'Data.Query', dataset: 'customers' },
    });
    expect(choiceSet?.choices).toEqual([
      { title: 'Contoso Ltd', value: 'c-1' },
      { title: 'Contoso [Pay](https://evil.example)', value: 'c-2' },
    ]);
  });

  it('has no typeahead unless asked', () => {
    const card = renderPickCard({ title: 'Which SKU?', verb: 'pickSku', options: [{ label: 'A', id: 's1' }] });
    expect(JSON.stringify(card)).not.toContain('Input.ChoiceSet');
  });
});
