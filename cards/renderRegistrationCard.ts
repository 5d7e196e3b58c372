import template from './templates/registration.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { CardCustomer, customerText } from './customerText';
import { formatDateTime } from './format';
import { safeForMarkdown } from './untrustedText';
import { textFor, type MessageKey } from '../i18n/text';
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
  heading: string;
  subscriptionTitle: string;
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
  { statusText: MessageKey; statusColor: RegistrationCardView['statusColor']; explanation: MessageKey }
> = {
  registered: {
    statusText: 'registration.registered',
    statusColor: 'Good',
    explanation: 'registration.registeredNote',
  },
  registering: {
    statusText: 'registration.registering',
    statusColor: 'Warning',
    explanation: 'registration.registeringNote',
  },
  notregistered: {
    statusText: 'registration.notRegistered',
    statusColor: 'Attention',
    explanation: 'registration.notRegisteredNote',
  },
  unknown: {
    statusText: 'registration.unknown',
    statusColor: 'Default',
    explanation: 'registration.unknownNote',
  },
};

/**
 * Draws whether a customer's Azure subscription is registered for reserved-instance purchases. While registration
 * runs the card promises an update, because the bot replaces it once Partner Center reports the outcome.
 */
export function renderRegistrationCard(data: RegistrationCardData): AdaptiveCardJson {
  const say = textFor(data.locale);
  const checked = formatDateTime(data.checkedAt, data.locale, data.timeZone);
  const status = STATUS[data.registration.status] ?? STATUS.unknown;
  return expand({
    heading: say('registration.heading'),
    subscriptionTitle: say('registration.subscriptionId'),
    customerText: customerText(data.customer),
    subscriptionId: safeForMarkdown(data.registration.subscriptionId, 'id'),
    statusText: say(status.statusText),
    statusColor: status.statusColor,
    explanation: say(status.explanation),
    checkedText: checked ? say('registration.checkedAt', { time: checked }) : say('registration.checkedJustNow'),
  });
}
