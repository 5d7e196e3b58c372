import { E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

describe('finding a customer among 10,000 over HTTP', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ customers: 10_000 });
  });
  afterAll(() => stack.close());

  const user = (conversationId: string) => new TeamsUser(stack.bot.server.url, stack.channel, conversationId);

  it('offers Contoso Ltd first for "buy for contoso", ahead of hundreds of other Contoso companies', async () => {
    const person = user('a:scale-contoso');
    const replies = readAll(await person.say('buy for contoso'));

    expect(replies).toContain("Customers matching 'contoso'");
    const offered = person.latestButtons().map((button) => button.title);
    expect(offered[0]).toBe('Contoso Ltd');
    expect(offered.filter((title) => title.startsWith('Contoso '))).toHaveLength(offered.length);
    expect(readAll(await person.click('Contoso Ltd'))).toContain(
      'Customer: **Contoso Ltd** (contoso.onmicrosoft.com, United States)',
    );
  });

  it.each([['buy for Contoso Ltd'], ['buy for contoso.onmicrosoft.com']])(
    'takes the exact match of "%s" without a pick list',
    async (typed) => {
      const replies = readAll(await user(`a:scale-${typed.length}`).say(typed));
      expect(replies).toContain('Customer: **Contoso Ltd**');
      expect(replies).not.toContain('Customers matching');
    },
  );
});
