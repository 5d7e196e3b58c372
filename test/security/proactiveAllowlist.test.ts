import { Activity, CloudAdapter, TestAdapter, TurnContext } from 'botbuilder';
import type { Logger } from '../../bot/logger';
import { RegistrationWatcher } from '../../bot/RegistrationWatcher';
import { TEAMS_SERVICE_URL_HOSTS } from '../../bot/security/serviceUrlAllowed';
import type { LookupService, RegistrationView } from '../../services/lookups/types';
import { RegistrationWatchStore } from '../../services/registrations/RegistrationWatchStore';
import { MemoryAtomicStorage } from '../support/MemoryAtomicStorage';

const customer = { id: 'cust-1', companyName: 'Contoso', domain: 'contoso.example', country: 'US', countryName: 'USA' };
const registration: RegistrationView = { customerId: 'cust-1', subscriptionId: 'sub-1', status: 'notregistered' };

function setUp(serviceUrl: string): {
  watcher: RegistrationWatcher;
  context: TurnContext;
  proactiveSends: string[];
  polls: () => number;
  warnings: string[];
} {
  const proactiveSends: string[] = [];
  const warnings: string[] = [];
  let polls = 0;
  const adapter = {
    continueConversationAsync: async (_appId: string, reference: { serviceUrl?: string }) => {
      proactiveSends.push(reference.serviceUrl ?? '');
    },
  } as unknown as CloudAdapter;
  const lookups = {
    getRegistration: async () => {
      polls += 1;
      return { ...registration, status: 'registering' as const };
    },
  } as unknown as LookupService;
  const logger: Logger = { info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined };
  const watcher = new RegistrationWatcher({
    adapter,
    appId: 'app',
    lookups,
    logger,
    pollSeconds: 1,
    maxMinutes: 1,
    allowedServiceUrlHosts: TEAMS_SERVICE_URL_HOSTS,
    storage: new RegistrationWatchStore(new MemoryAtomicStorage()),
  });
  const activity: Partial<Activity> = {
    type: 'message',
    id: 'act-1',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:user', name: 'Alex', aadObjectId: 'oid-1' },
    recipient: { id: '28:bot', name: 'bot' },
    conversation: { id: 'a:1', isGroup: false, conversationType: 'personal', name: '' },
  };
  return {
    watcher,
    context: new TurnContext(new TestAdapter(), activity),
    proactiveSends,
    polls: () => polls,
    warnings,
  };
}

describe('proactive registration updates', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('updates the card through a Teams connector once the status moves', async () => {
    const { watcher, context, proactiveSends } = setUp('https://smba.trafficmanager.net/emea/');
    await watcher.follow(context, { activityId: 'card-1', customer, registration });
    await jest.advanceTimersByTimeAsync(1500);
    watcher.close();
    expect(proactiveSends).toEqual(['https://smba.trafficmanager.net/emea/']);
  });

  it('never sends to a serviceUrl host that is not allowed, and logs the refusal', async () => {
    const { watcher, context, proactiveSends, polls, warnings } = setUp('https://attacker.example/');
    await watcher.follow(context, { activityId: 'card-1', customer, registration });
    await jest.advanceTimersByTimeAsync(5000);
    watcher.close();
    expect(proactiveSends).toEqual([]);
    expect(polls()).toBe(0);
    expect(warnings.join('\n')).toMatch(/serviceUrl host not allowed/);
  });
});
