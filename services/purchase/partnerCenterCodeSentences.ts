/** A sentence for one Partner Center error code, and whether the same call may simply be tried again. */
export interface CodeSentence {
  sentence: string;
  retryable: boolean;
}

const STALE_OFFER =
  'The offer changed in the Partner Center catalog while you were buying; choose the product again and it will use the current offer.';
const QUANTITY =
  "That quantity isn't allowed for this product; choose a quantity between the product's minimum and maximum.";
const IN_PROGRESS =
  "This order is already being processed; wait a few minutes and check the customer's orders before trying again.";
const CREDIT =
  "Your company's credit line with Microsoft is too low for this purchase; lower the order or contact Partner Center support about the credit limit.";
const NOT_ELIGIBLE =
  "Your company isn't eligible to buy this product (perpetual software needs prior qualification from Microsoft); contact Partner Center support to get qualified.";
const CUSTOMER_UNKNOWN =
  "Partner Center doesn't know this customer or your company has no relationship with it any more; search for the customer again.";
const SUBSCRIPTION_INVALID =
  "That Azure subscription can't be used for reservations (it isn't a valid, active Azure subscription of this customer); choose another subscription.";
const PROVISIONING =
  'The reservation needs a scope (single or shared) and the Azure subscription it applies to; choose them again.';
const CUSTOMER_REVIEW =
  "Microsoft is reviewing or has declined this customer's account, so purchases for it are blocked; check the customer's status in Partner Center.";
const SERVICE_PROBLEM = 'Partner Center had a problem on its side; try again in a few minutes.';
const INVALID_INPUT =
  'Partner Center rejected the request as invalid; start the purchase again, and contact support with the code if it keeps happening.';

/**
 * Partner Center refuses App+User calls whose sign-in had no multi-factor authentication (401 / 900421, enforced from
 * 2026-04-01). Only the person can fix it, by signing in again with MFA; an admin if their sign-in never asks for it.
 */
export const MFA_REQUIRED_SENTENCE =
  'Partner Center requires multi-factor sign-in and yours had none, so nothing was done: type "sign out", then "sign in" again and complete the multi-factor prompt (if none appears, ask your administrator to require MFA for your account).';

const SENTENCES: Readonly<Record<string, string>> = {
  '900421': MFA_REQUIRED_SENTENCE,
  '900329': 'This needs you signed in to Partner Center as yourself; sign in to the bot and try again.',
  '900308':
    "Your Partner Center account doesn't have the role this needs (for example Admin agent or Sales agent); ask a Partner Center admin.",
  '900309': "Your organisation's Conditional Access policies blocked the bot's Partner Center access; ask an admin.",
  '800001':
    "Partner Center didn't accept the bot's sign-in; ask your administrator to check the bot's app registration.",
  '60003': CUSTOMER_UNKNOWN,
  '20002': CUSTOMER_UNKNOWN,
  '400013': "That product isn't in the catalog for this customer's country any more; choose another product.",
  '400018': "That product option (SKU) isn't in the catalog any more; choose the product again.",
  '400019': STALE_OFFER,
  '800004': STALE_OFFER,
  '20000': 'Partner Center has no order with that ID for this customer; check the order ID.',
  '800008': 'The cart has expired or no longer exists (carts last 7 days); start the purchase again.',
  '20003': "Partner Center couldn't find that Azure subscription for this customer; check the subscription ID.",
  '800070': "This product can't be sold to customers in this customer's country or region.",
  '2030': "Your company isn't set up to sell in this customer's country or region; ask your Partner Center admin.",
  '800010':
    "There's no capacity left for this reservation in that region for this subscription; choose another region, VM size or subscription.",
  '800030':
    "The Azure subscription isn't registered for reservation purchases yet; register it, wait until its status is Registered, then try again.",
  '800013':
    "The Azure subscription isn't enabled for buying reservations; register it for reservations or choose another subscription.",
  '800011': SUBSCRIPTION_INVALID,
  '800012': SUBSCRIPTION_INVALID,
  '800021': SUBSCRIPTION_INVALID,
  '900314': SUBSCRIPTION_INVALID,
  '900315':
    "This reservation can't be bought with that Azure subscription: Azure plans and Microsoft Azure (MS-AZR-0145P) subscriptions have different reservation catalogs. Start the purchase again and give the subscription first.",
  '900318': SUBSCRIPTION_INVALID,
  '900312': PROVISIONING,
  '900313': PROVISIONING,
  '900317': PROVISIONING,
  '900275': QUANTITY,
  '800017': "That quantity isn't available for this product right now; try a smaller quantity.",
  '800067': QUANTITY,
  '800088': QUANTITY,
  '800089': 'The customer already has the most of this product that Partner Center allows; lower the quantity.',
  '800020': NOT_ELIGIBLE,
  '2085': NOT_ELIGIBLE,
  '2006': NOT_ELIGIBLE,
  '2091': 'This offer is no longer available for purchase; choose another product.',
  '800064': IN_PROGRESS,
  '800060': IN_PROGRESS,
  '800065': "This cart has already been checked out; look at the customer's recent orders.",
  '13605':
    'The customer must accept the Microsoft Customer Agreement first; record their acceptance in Partner Center, then try again.',
  '900124':
    "Your company hasn't accepted the Microsoft Partner Agreement; a Partner Center admin must accept it first.",
  '900123': "The indirect reseller hasn't accepted the Microsoft Partner Agreement yet; ask them to accept it.",
  '800023': CREDIT,
  '800025': CREDIT,
  '900121': CREDIT,
  '800022': 'Partner Center needs a manual review before this purchase; contact Partner Center support.',
  '800024': "Partner Center says your company isn't eligible for this transaction; contact Partner Center support.",
  '800026': "Partner Center says your company isn't eligible for this transaction; contact Partner Center support.",
  '800069': "The order didn't pass Microsoft's risk check; contact Partner Center support.",
  '800073': CUSTOMER_REVIEW,
  '800074': CUSTOMER_REVIEW,
  '800075': CUSTOMER_REVIEW,
  '900203':
    "Partner Center didn't take this product's attestation as accepted; start the purchase again, read the attestation on the confirmation card and place the order, or buy it in Partner Center.",
  '900206':
    "Partner Center didn't take your company's attestation (partner of record) as accepted; start the purchase again, or buy it in Partner Center.",
  '800009': 'Partner Center found a problem with an item in the cart; review the cart lines and fix the flagged ones.',
  '800002': INVALID_INPUT,
  '3000': INVALID_INPUT,
  '900126': INVALID_INPUT,
  '900142': INVALID_INPUT,
  '800071': INVALID_INPUT,
};

// Failures on Partner Center's side: the same call can be repeated later.
const SERVICE_CODES: Readonly<Record<string, true>> = { '800003': true, '800005': true, '800031': true };

/** The user sentence for a Partner Center error code, if the code is one this scenario knows. */
export function sentenceForPartnerCenterCode(code: string | undefined): CodeSentence | undefined {
  if (code === undefined) return undefined;
  const key = code.trim();
  if (SERVICE_CODES[key]) return { sentence: SERVICE_PROBLEM, retryable: true };
  const sentence = SENTENCES[key];
  return sentence === undefined ? undefined : { sentence, retryable: false };
}
