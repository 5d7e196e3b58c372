import { renderConfirmationCard } from '../../cards/renderConfirmationCard';
import { MAX_REFRESH_USERS, SHOW_VIEW_VERB, userSpecificCard } from '../../cards/userSpecificCard';
import { buttonsOf } from '../support/dialogHarness';
import { inspectCard } from './inspectCard';

const confirmation = renderConfirmationCard({
  customer: { companyName: 'Contoso Ltd', domain: 'contoso.onmicrosoft.com', countryName: 'United States' },
  lines: [{ productTitle: 'Windows Server', skuTitle: 'Standard', quantity: 3, billingCycle: 'One-time' }],
  actions: { placeOrder: 'po-1', changeQuantity: 'cq-1', cancel: 'cx-1' },
});

describe('userSpecificCard', () => {
  it('shows everyone the same facts with no button, a note on top, and a refresh for the people who may act', () => {
    const shared = userSpecificCard(confirmation, {
      userIds: ['29:alex'],
      viewId: 'view-1',
      note: '**Alex** is preparing this order.',
    });
    const { body, actions, refresh } = shared as unknown as { body: unknown[]; actions?: unknown; refresh: unknown };
    expect(actions).toBeUndefined();
    expect(buttonsOf(body)).toEqual([]);
    expect(JSON.stringify(body[0])).toContain('**Alex** is preparing this order.');
    expect(JSON.stringify(body)).toContain('Windows Server');
    expect(refresh).toEqual({
      action: {
        type: 'Action.Execute',
        title: 'Refresh',
        verb: SHOW_VIEW_VERB,
        data: { verb: SHOW_VIEW_VERB, id: 'view-1' },
      },
      userIds: ['29:alex'],
    });
    expect(inspectCard(shared).parseEvents).toEqual([]);
    // The full card is untouched (it is what the people named get).
    expect(buttonsOf(confirmation).map((b) => b.title)).toEqual(['Place order', 'Change quantity', 'Cancel']);
  });

  it("takes inputs and clickable areas out too, and names at most Teams' 60 users", () => {
    const card = {
      type: 'AdaptiveCard' as const,
      version: '1.5',
      body: [
        { type: 'Container', selectAction: { type: 'Action.Execute', verb: 'more', data: {} }, items: [] },
        { type: 'Input.Text', id: 'note' },
        { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Approve' }] },
      ],
    };
    const users = Array.from({ length: 75 }, (_, i) => `29:user-${i}`);
    const shared = userSpecificCard(card, { userIds: users, viewId: 'v', note: 'Only approvers can act.' });
    expect(JSON.stringify(shared.body)).not.toMatch(/Action\.|Input\./);
    expect((shared.refresh as { userIds: string[] }).userIds).toHaveLength(MAX_REFRESH_USERS);
  });
});
