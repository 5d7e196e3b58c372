/** What a person without the role for an action is told; nothing else happens. */
export const ROLE_REFUSALS = {
  unknownUser: "You're not set up to use this bot; ask your administrator to add you.",
  viewerBuying:
    'You can look up orders, balances and invoices, but buying needs the purchaser role, so nothing was started. Ask your administrator if you need it.',
  viewerPlacingOrder:
    'Placing orders needs the purchaser role, so nothing was bought. Ask your administrator if you need it.',
  auditNeedsPurchaser: 'The audit trail is shown to purchasers only.',
} as const;
