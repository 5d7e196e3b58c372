import { renderRegistrationCard } from '../../cards/renderRegistrationCard';
import type { RegistrationView } from '../../services/lookups/types';
import { cardTexts } from './cardContent';
import { expectValidTeamsCard } from './expectValidTeamsCard';
import { contoso } from './lookupFixtures';

const SUBSCRIPTION = '3d5eced6-1151-44c7-aee6-70a4bb725666';
const PROMISE = "I'll update this card when it's done.";

function render(status: RegistrationView['status'], locale = 'en-US'): object {
  return renderRegistrationCard({
    customer: contoso,
    registration: { customerId: 'c1', subscriptionId: SUBSCRIPTION, status },
    checkedAt: '2026-03-12T09:30:00Z',
    locale,
  });
}

describe('renderRegistrationCard', () => {
  it.each<[RegistrationView['status'], string, string]>([
    ['registered', 'Registered ✓', 'Good'],
    ['registering', 'Registering…', 'Warning'],
    ['notregistered', 'Not registered', 'Attention'],
    ['unknown', 'Status unknown', 'Default'],
  ])('shows %s as %p in %s colour with the subscription id and check time', (status, words, color) => {
    const card = render(status);
    const { actions, text } = expectValidTeamsCard(card);
    expect(actions).toEqual([]);
    expect(text).toContain(`"text":"${SUBSCRIPTION}","fontType":"Monospace"`);
    expect(text).toContain(`"text":"${words}","color":"${color}"`);
    expect(cardTexts(card)).toContain('Checked at Mar 12, 2026, 9:30 AM UTC');
  });

  it('promises an update only while registering', () => {
    expect(cardTexts(render('registering'))).toContain(PROMISE);
    for (const status of ['registered', 'notregistered', 'unknown'] as const) {
      expect(cardTexts(render(status))).not.toContain(PROMISE);
    }
  });

  it('writes the check time for the locale', () => {
    const card = render('registered', 'ja-JP');
    expectValidTeamsCard(card);
    expect(cardTexts(card).some((t) => t.startsWith('Checked at 2026年3月12日 9:30'))).toBe(true);
  });
});
