import { inspectCard } from './inspectCard';

describe('inspectCard (the card checker the other card tests rely on)', () => {
  it('reports an element type the object model does not know', () => {
    const inspection = inspectCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Carousel3D', text: 'x' }] });
    expect(inspection.parseEvents.join('\n')).toMatch(/Carousel3D/);
  });

  it('reports duplicate element ids', () => {
    const inspection = inspectCard({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', id: 'same', text: 'a' },
        { type: 'TextBlock', id: 'same', text: 'b' },
      ],
    });
    expect(inspection.validationEvents.join('\n')).toMatch(/Duplicate/i);
  });

  it('flags buttons that are not Action.Execute, whose verb differs from their data, or whose data carries more than verb and id', () => {
    const inspection = inspectCard({
      type: 'AdaptiveCard',
      version: '1.5',
      actions: [
        { type: 'Action.OpenUrl', title: 'Docs', url: 'https://example.com' },
        { type: 'Action.Execute', title: 'Buy', verb: 'buy', data: { verb: 'buy', id: 'a1', quantity: 3 } },
        { type: 'Action.Submit', title: 'Open', data: { verb: 'openOrder', id: 'a3' } },
        { type: 'Action.Execute', title: 'More', verb: 'help', data: { verb: 'more', id: 'a4' } },
        { type: 'Action.Execute', title: 'Help', verb: 'help', data: { verb: 'help', id: 'a2' } },
      ],
    });
    expect(inspection.actions).toHaveLength(5);
    expect(inspection.badActions).toHaveLength(4);
    expect(inspection.badActions.join('\n')).not.toContain('Help');
  });
});
