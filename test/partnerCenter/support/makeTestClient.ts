import { LocalTokenProvider } from '../../../services/partnerCenter/auth/LocalTokenProvider';
import {
  PartnerCenterTransport,
  type PartnerCenterTransportOptions,
} from '../../../services/partnerCenter/http/PartnerCenterTransport';
import { PartnerCenterClient } from '../../../services/partnerCenter/PartnerCenterClient';
import { fakeClock, type FakeClock } from './fakeClock';

/** A client against `baseUrl` with a fake clock, random() fixed near 1 and simulator tokens. */
export function makeTestClient(
  baseUrl: string,
  overrides: Partial<PartnerCenterTransportOptions> = {},
): { client: PartnerCenterClient; clock: FakeClock; logs: string[] } {
  const clock = fakeClock();
  const logs: string[] = [];
  const transport = new PartnerCenterTransport({
    baseUrl,
    tokenProvider: new LocalTokenProvider({ baseUrl, auth: 'app' }),
    applicationName: 'pc-bot-tests',
    timeoutMs: 5000,
    maxRetries: 3,
    retryDeadlineMs: 120_000,
    maxRetryAfterSeconds: 60,
    sleep: clock.sleep,
    now: clock.now,
    random: () => 0.999,
    log: (line) => logs.push(line),
    ...overrides,
  });
  return { client: new PartnerCenterClient(transport), clock, logs };
}
