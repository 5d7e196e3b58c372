import { startE2eStack, type E2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

interface JournalEntry {
  path: string;
  locale: string | null;
}

/**
 * The person's language over HTTP through the real bot: Teams' locale, or the one a person chose with `språk svenska`
 * (kept in user state), decides the replies and Partner Center's X-Locale.
 */
describe('the language a person reads, through the real bot', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ orderListDelaySeconds: 0, orderCompletionSeconds: 0 });
  });
  afterAll(() => stack.close());

  async function localesSentSince(count: number): Promise<(string | null)[]> {
    const response = await fetch(`${stack.simulator.url}/_simulator/requests`);
    const items = ((await response.json()) as { items: JournalEntry[] }).items.slice(count);
    return [...new Set(items.filter((item) => item.path.startsWith('/v1/')).map((item) => item.locale))];
  }
  async function journalLength(): Promise<number> {
    const response = await fetch(`${stack.simulator.url}/_simulator/requests`);
    return ((await response.json()) as { items: unknown[] }).items.length;
  }

  it('`språk svenska` answers in Swedish, sends X-Locale sv-SE from then on, and `language auto` follows Teams again', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:e2e-language-choice', '29:e2e-language-user');

    expect(readAll(await user.say('språk svenska'))).toMatch(/^Okej, jag svarar dig på svenska/);
    let before = await journalLength();
    await user.say('balance');
    expect(await localesSentSince(before)).toEqual(['sv-SE']);

    // Another conversation of the same person (a group chat) follows the same choice.
    const elsewhere = new TeamsUser(
      stack.bot.server.url,
      stack.channel,
      'a:e2e-language-group',
      '29:e2e-language-user',
    );
    before = await journalLength();
    await elsewhere.say('balance');
    expect(await localesSentSince(before)).toEqual(['sv-SE']);

    expect(readAll(await user.say('language auto'))).toBe("Okay, I'll follow your Teams language again.");
    before = await journalLength();
    await user.say('balance');
    expect(await localesSentSince(before)).toEqual(['en-US']);
  });

  it("someone else's choice doesn't change what another person reads", async () => {
    const swede = new TeamsUser(stack.bot.server.url, stack.channel, 'a:e2e-language-swede', '29:e2e-swede');
    const other = new TeamsUser(stack.bot.server.url, stack.channel, 'a:e2e-language-other', '29:e2e-other');
    await swede.say('språk svenska');
    const before = await journalLength();
    await other.say('balance');
    expect(await localesSentSince(before)).toEqual(['en-US']);
  });

  it('a Swedish Teams client gets X-Locale sv-SE without choosing anything', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:e2e-language-teams', '29:e2e-language-teams');
    const before = await journalLength();
    await user.send({ text: 'balance', locale: 'sv-SE' });
    expect(await localesSentSince(before)).toEqual(['sv-SE']);
  });

  it('a bare `språk`, or a language the bot does not speak, lists the choices and changes nothing', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:e2e-language-ask', '29:e2e-language-ask');
    expect(readAll(await user.say('language klingon'))).toMatch(/^I speak English and Swedish/);
    expect(readAll(await user.send({ text: 'språk', locale: 'sv-SE' }))).toMatch(/^Jag talar engelska och svenska/);
    const before = await journalLength();
    await user.say('balance');
    expect(await localesSentSince(before)).toEqual(['en-US']);
  });
});
