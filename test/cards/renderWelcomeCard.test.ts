import { renderWelcomeCard } from '../../cards/renderWelcomeCard';
import { expectValidTeamsCard } from './expectValidTeamsCard';

describe('renderWelcomeCard', () => {
  it('greets the user by name and offers Buy something and Help with the given ids', () => {
    const card = renderWelcomeCard({ userName: 'Alex Wilber', actions: { buy: 'w-buy-1', help: 'w-help-1' } });
    const inspection = expectValidTeamsCard(card);
    expect(inspection.text).toContain('Alex Wilber');
    expect(inspection.actions).toEqual([
      { type: 'Action.Execute', title: 'Buy something', data: { verb: 'buy', id: 'w-buy-1' } },
      { type: 'Action.Execute', title: 'Help', data: { verb: 'help', id: 'w-help-1' } },
    ]);
  });

  it('says what the bot buys', () => {
    const { text } = expectValidTeamsCard(renderWelcomeCard({ actions: { buy: 'b', help: 'h' } }));
    expect(text).toMatch(/software subscriptions/);
    expect(text).toMatch(/perpetual software/);
    expect(text).toMatch(/Azure reserved VM instances/);
  });

  it.each([undefined, '', '   '])('still greets without a usable name (%p)', (userName) => {
    const { text } = expectValidTeamsCard(renderWelcomeCard({ userName, actions: { buy: 'b', help: 'h' } }));
    expect(text).toContain('"Hello!"');
    expect(text).not.toContain('undefined');
  });
});
