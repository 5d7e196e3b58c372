import { renderPickCard } from '../../cards/renderPickCard';
import { expectValidTeamsCard } from './expectValidTeamsCard';

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
      { type: 'Action.Submit', title: 'Contoso Ltd', data: { verb: 'pickCustomer', id: 'c-1' } },
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
});
