import template from './templates/registration.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { CardCustomer, customerText } from './customerText';
import { formatDateTime } from './format';
import { safeForMarkdown } from './untrustedText';
import type { RegistrationView } from '../services/lookups/types';

/** What the registration card shows. */
export interface RegistrationCardData {
  customer: CardCustomer;
  registration: RegistrationView;
  /** ISO 8601: when the bot read the status. */
  checkedAt: string;
  locale: string;
  /** IANA zone of the reader (Teams `localTimezone`); times are shown in UTC without it. */
  timeZone?: string;
}

interface RegistrationCardView {
  customerText: string;
  subscriptionId: string;
  statusText: string;
  statusColor: 'Good' | 'Warning' | 'Attention' | 'Default';
  explanation?: string;
  checkedText: string;
}

const expand = compileCardTemplate<RegistrationCardView>(template);

const STATUS: Record<
  RegistrationView['status'],
  Pick<RegistrationCardView, 'statusText' | 'statusColor' | 'explanation'>
> = {
  registered: {
    statusText: 'Registered ✓',
    statusColor: 'Good',
    explanation: 'Reserved instances can now be bought for this subscription.',
  },
  registering: {
    statusText: 'Registering…',
    statusColor: 'Warning',
    explanation: "I'll update this card when it's done.",
  },
  notregistered: {
    statusText: 'Not registered',
    statusColor: 'Attention',
    explanation: 'Reserved instances cannot be bought for this subscription until it is registered.',
  },
  unknown: {
    statusText: 'Status unknown',
    statusColor: 'Default',
    explanation: 'Partner Center did not say whether this subscription is registered. Check again in a few minutes.',
  },
};

/**
 * Draws whether a customer's Azure subscription is registered for reserved-instance purchases. While registration
 * runs the card promises an update, because the bot replaces it once Partner Center reports the outcome.
 */
export function renderRegistrationCard(data: RegistrationCardData): AdaptiveCardJson {
  const checked = formatDateTime(data.checkedAt, data.locale, data.timeZone);
  return expand({
    customerText: customerText(data.customer),
    subscriptionId: safeForMarkdown(data.registration.subscriptionId, 'id'),
    ...(STATUS[data.registration.status] ?? STATUS.unknown),
    checkedText: checked ? `Checked at ${checked}` : 'Checked just now',
  });
}
