/** What the bot can do, in the words a user types. */
export const HELP_TEXT = [
  'I buy one-time products for your customers through Partner Center: software subscriptions, perpetual software and Azure reserved VM instances.',
  '',
  '- **buy** — start a purchase (or **buy for Contoso** to name the customer)',
  '- **cancel** — stop what we are doing; nothing is bought until you press **Place order**',
  '- **help** — this message',
].join('\n');
