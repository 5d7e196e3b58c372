import { E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

describe('finding a customer among 10,000 over HTTP', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ customers: 10_000 });
  });
  afterAll(() => stack.close());

  const user = (conversationId: string) => new TeamsUser(stack.bot.server.url, stack.channel, conversationId);

  it('offers a list for "buy for cont", Contoso companies among hundreds starting the same way', async () => {
    const person = user('a:scale-contoso');
    const replies = readAll(await person.say('buy for cont'));

    expect(replies).toContain("Customers matching 'cont'");
    // The customer buttons (the card's typeahead Choose button carries no id of its own).
    const offered = person
      .latestButtons()
      .filter((button) => button.data.id !== undefined)
      .map((button) => button.title);
    expect(offered).toHaveLength(10);
    expect(offered.filter((title) => title.startsWith('Cont'))).toHaveLength(offered.length);
    expect(readAll(await person.click(offered[0]))).toContain(`Customer: **${offered[0]}**`);
  });

  // `contoso` is the first label of Contoso Ltd's domain: a tenant's own name wins over hundreds of names starting so.
  it.each([['buy for Contoso Ltd'], ['buy for contoso.onmicrosoft.com'], ['buy for contoso'], ['buy for CONTOSO']])(
    'takes the exact match of "%s" without a pick list',
    async (typed) => {
      const replies = readAll(await user(`a:scale-${typed.length}`).say(typed));
      expect(replies).toContain('Customer: **Contoso Ltd**');
      expect(replies).not.toContain('Customers matching');
    },
  );
});
