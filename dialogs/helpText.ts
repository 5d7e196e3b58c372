import { ONE_TIME_BILLING_WORDS } from '../cards/billingTimelineWords';

/** What the bot can do, in the words a user types. */
export const HELP_TEXT = [
  'I buy one-time products for your customers through Partner Center (software subscriptions, perpetual software, Azure reserved VM instances) and answer quick questions.',
  '',
  '- **buy** — start a purchase (**buy for Contoso** names the customer)',
  '- **orders** — recent orders (**orders for Contoso**, **one-time orders**, **monthly orders**, **annual orders**; **more** for the next page)',
  '- a time window after **orders**: **last week**, **this month**, **since October**, **in March**, **today**, **yesterday**, **last 30 days** (in your time zone)',
  '- **order** _id_ — one order, with a Refresh button; an order I placed is found whatever customer you used last',
  `- **balance** — ${ONE_TIME_BILLING_WORDS.help}`,
  '- **invoices** — recent invoices; **invoice** _id_ — one invoice and its one-time charges (**more** for the next ten)',
  '- **statement** _invoice id_ — the invoice PDF',
  '- **entitlements** — what a customer is entitled to (**entitlements for Contoso**)',
  '- **register** _Azure subscription id_ — register a subscription for reserved instances',
  '- **audit** _n_ — the latest purchase attempts and outcomes (purchasers only; 10 by default, at most 50)',
  '- **sign in** / **sign out** — when Partner Center acts as you (App+User), sign in once; sign out to forget it',
  '- **cancel** — stop what we are doing; nothing is bought until you press **Place order**',
  '- **help** — this message',
].join('\n');
