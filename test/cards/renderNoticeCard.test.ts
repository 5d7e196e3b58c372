import { renderNoticeCard } from '../../cards/renderNoticeCard';
import { expectValidTeamsCard } from './expectValidTeamsCard';

describe('renderNoticeCard', () => {
  it('shows the title and text and has no buttons, so a replaced confirmation cannot be pressed again', () => {
    const card = renderNoticeCard({
      title: 'Order already placed',
      text: 'This order was already placed: 7a4c1e2b-9f0d-4c3a-8e21-5b6d7f8a9c0e',
    });
    const inspection = expectValidTeamsCard(card);
    expect(inspection.actions).toEqual([]);
    expect(inspection.text).toContain('Order already placed');
    expect(inspection.text).toContain('7a4c1e2b-9f0d-4c3a-8e21-5b6d7f8a9c0e');
  });

  it('shows a template-like value literally instead of evaluating it', () => {
    const card = renderNoticeCard({ title: 'Purchase cancelled', text: 'Name ${title} kept as typed' });
    expect(JSON.stringify(card)).toContain('Name ${title} kept as typed');
  });
});
