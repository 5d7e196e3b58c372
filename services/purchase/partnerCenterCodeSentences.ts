import { textFor, type MessageKey } from '../../i18n/text';

const ENGLISH = textFor('en-US');

/** A sentence for one Partner Center error code, and whether the same call may simply be tried again. */
export interface CodeSentence {
  /** The message in the catalogs, said in the reader's language where it is shown. */
  key: MessageKey;
  /** The same in English, for logs and records. */
  sentence: string;
  retryable: boolean;
}

/**
 * Partner Center refuses App+User calls whose sign-in had no multi-factor authentication (401 / 900421, enforced from
 * 2026-04-01). Only the person can fix it, by signing in again with MFA; an admin if their sign-in never asks for it.
 */
export const MFA_REQUIRED_SENTENCE = ENGLISH('code.mfaRequired');

/** A catalog message for each Partner Center error code this scenario knows (the wording is in i18n/catalogs). */
const CODE_MESSAGES: Readonly<Record<string, MessageKey>> = {
  '900421': 'code.mfaRequired',
  '900329': 'code.signInAsYourself',
  '900308': 'code.missingRole',
  '900309': 'code.conditionalAccess',
  '800001': 'code.appSignIn',
  '60003': 'code.customerUnknown',
  '20002': 'code.customerUnknown',
  '400013': 'code.productNotInCountry',
  '400018': 'code.skuGone',
  '400019': 'code.staleOffer',
  '800004': 'code.staleOffer',
  '20000': 'code.noSuchOrder',
  '800008': 'code.cartExpired',
  '20003': 'code.noSuchSubscription',
  '800070': 'code.notSoldInCountry',
  '2030': 'code.partnerNotInCountry',
  '800010': 'code.noCapacity',
  '800030': 'code.notRegistered',
  '800013': 'code.notEnabledForReservations',
  '800011': 'code.subscriptionInvalid',
  '800012': 'code.subscriptionInvalid',
  '800021': 'code.subscriptionInvalid',
  '900314': 'code.subscriptionInvalid',
  '900315': 'code.wrongReservationCatalog',
  '900318': 'code.subscriptionInvalid',
  '900312': 'code.provisioning',
  '900313': 'code.provisioning',
  '900317': 'code.provisioning',
  '900275': 'code.quantity',
  '800017': 'code.quantityUnavailable',
  '800067': 'code.quantity',
  '800088': 'code.quantity',
  '800089': 'code.atMostAllowed',
  '800020': 'code.notEligible',
  '2085': 'code.notEligible',
  '2006': 'code.notEligible',
  '2091': 'code.offerGone',
  '800064': 'code.inProgress',
  '800060': 'code.inProgress',
  '800065': 'code.alreadyCheckedOut',
  '13605': 'code.customerAgreement',
  '900124': 'code.partnerAgreement',
  '900123': 'code.resellerAgreement',
  '800023': 'code.credit',
  '800025': 'code.credit',
  '900121': 'code.credit',
  '800022': 'code.manualReview',
  '800024': 'code.notEligibleTransaction',
  '800026': 'code.notEligibleTransaction',
  '800069': 'code.riskCheck',
  '800073': 'code.customerReview',
  '800074': 'code.customerReview',
  '800075': 'code.customerReview',
  '900203': 'code.attestation',
  '900206': 'code.partnerAttestation',
  '800009': 'code.cartItemProblem',
  '800002': 'code.invalidInput',
  '3000': 'code.invalidInput',
  '900126': 'code.invalidInput',
  '900142': 'code.invalidInput',
  '800071': 'code.invalidInput',
};

// Failures on Partner Center's side: the same call can be repeated later.
const SERVICE_CODES: Readonly<Record<string, true>> = { '800003': true, '800005': true, '800031': true };

/** The user sentence for a Partner Center error code, if the code is one this scenario knows. */
export function sentenceForPartnerCenterCode(code: string | undefined): CodeSentence | undefined {
  if (code === undefined) return undefined;
  const key = code.trim();
  if (SERVICE_CODES[key]) return { key: 'failure.service', sentence: ENGLISH('failure.service'), retryable: true };
  const message = CODE_MESSAGES[key];
  return message === undefined ? undefined : { key: message, sentence: ENGLISH(message), retryable: false };
}
