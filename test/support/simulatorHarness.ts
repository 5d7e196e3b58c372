import { createPartnerCenterClient } from '../../services/partnerCenter/createPartnerCenterClient';
import type { PartnerCenterClient } from '../../services/partnerCenter/PartnerCenterClient';
import { PartnerCenterLookupService } from '../../services/lookups/PartnerCenterLookupService';
import { PartnerCenterPurchaseService } from '../../services/purchase/PartnerCenterPurchaseService';
import type { RunningSimulator } from '../../simulator/server';
import { DialogHarness } from './dialogHarness';
import { MemoryAtomicStorage } from './MemoryAtomicStorage';
import { unusedPort } from './unusedPort';
import type { RegistrationFollowUp } from '../../dialogs/lookups/deliveryPorts';

/** A Partner Center client of the simulator, as the local bot builds one. */
export function simulatorClient(
  simulator: RunningSimulator,
  auth: 'app' | 'app+user' = 'app+user',
): PartnerCenterClient {
  return createPartnerCenterClient({
    baseUrl: simulator.url,
    mode: 'local',
    auth,
    applicationName: 'dialog-tests',
    timeoutMs: 10_000,
    maxRetries: 0,
    retryDeadlineMs: 10_000,
    maxRetryAfterSeconds: 1,
  });
}

/** The root dialog over the real purchase and lookup services, talking to the simulator (no HTTP edge). */
export function simulatorHarness(simulator: RunningSimulator): DialogHarness {
  const client = simulatorClient(simulator);
  return new DialogHarness(undefined, new MemoryAtomicStorage(), undefined, {
    service: new PartnerCenterPurchaseService(client),
    lookups: new PartnerCenterLookupService(client),
    registrations: unusedPort<RegistrationFollowUp>('registrations'),
  });
}

/** The id of the newest USD one-time invoice the simulator has. */
export async function anInvoiceId(simulator: RunningSimulator): Promise<string> {
  const page = await simulatorClient(simulator, 'app').listInvoices({ correlationId: 'tests' }, { size: 500 });
  const invoice = page.items
    .filter((i) => i.currencyCode === 'USD' && i.invoiceType === 'OneTime')
    .sort((a, b) => String(b.invoiceDate).localeCompare(String(a.invoiceDate)))[0];
  if (!invoice) throw new Error('the simulator has no one-time USD invoice');
  return invoice.id;
}
