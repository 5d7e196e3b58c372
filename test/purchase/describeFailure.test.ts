import { textFor } from '../../i18n/text';
import { SignInRequiredError } from '../../services/partnerCenter/auth/SignInRequiredError';
import { PartnerCenterError, type PartnerCenterErrorInit } from '../../services/partnerCenter/PartnerCenterError';
import { describePurchaseFailure, isSignInRequired } from '../../services/purchase/describePurchaseFailure';
import { PurchaseRequestError } from '../../services/purchase/PurchaseRequestError';

const CORRELATION_ID = '6f1c2a7e-1b7d-4c9e-9a53-2d1f0c8b7a61';

function pcError(init: Partial<PartnerCenterErrorInit>): PartnerCenterError {
  return new PartnerCenterError({
    operation: 'createCart',
    kind: 'http',
    requestId: 'a0b1c2d3-0000-4000-8000-000000000001',
    correlationId: CORRELATION_ID,
    attempts: 1,
    ...init,
  });
}

// [case, error, sentence must match, retryable]
const cases: [string, PartnerCenterError, RegExp, boolean][] = [
  ['401 access denied', pcError({ httpStatus: 401, code: '400' }), /sign-in.*app registration/, false],
  ['401 partner token missing', pcError({ httpStatus: 401, code: '800001' }), /sign-in/, false],
  ['403 app-only not supported', pcError({ httpStatus: 403, code: '900329' }), /signed in .* as yourself/, false],
  ['403 without a known code', pcError({ httpStatus: 403, code: '99999' }), /permissions/, false],
  ['404 tenant not found', pcError({ httpStatus: 404, code: '60003' }), /search for the customer again/, false],
  ['404 product not found', pcError({ httpStatus: 404, code: '400013' }), /choose another product/, false],
  ['404 order not found', pcError({ httpStatus: 404, code: '20000' }), /no order with that ID/, false],
  ['404 cart not found', pcError({ httpStatus: 404, code: '800008' }), /cart has expired/, false],
  ['400 stale offer id', pcError({ httpStatus: 400, code: '800004' }), /choose the product again/, false],
  ['404 availability not found', pcError({ httpStatus: 404, code: '400019' }), /choose the product again/, false],
  ['400 not sold in the market', pcError({ httpStatus: 400, code: '800070' }), /country or region/, false],
  ['400 no inventory', pcError({ httpStatus: 400, code: '800010' }), /no capacity left/, false],
  ['400 subscription not registered', pcError({ httpStatus: 400, code: '800030' }), /register it/, false],
  [
    '400 subscription not enabled for RI',
    pcError({ httpStatus: 400, code: '800013' }),
    /enabled for buying reservations/,
    false,
  ],
  ['400 quantity out of range', pcError({ httpStatus: 400, code: '900275' }), /minimum and maximum/, false],
  ['400 quantity unavailable', pcError({ httpStatus: 400, code: '800017' }), /smaller quantity/, false],
  ['403 perpetual software qualification', pcError({ httpStatus: 403, code: '800020' }), /qualif/, false],
  ['403 offer not eligible', pcError({ httpStatus: 403, code: '2085' }), /isn't eligible/, false],
  ['409 cart being processed', pcError({ httpStatus: 409, code: '800064' }), /already being processed/, false],
  ['409 order in progress', pcError({ httpStatus: 409, code: '800060' }), /check the customer's orders/, false],
  ['403 MCA not accepted', pcError({ httpStatus: 403, code: '13605' }), /Microsoft Customer Agreement/, false],
  ['403 credit line', pcError({ httpStatus: 403, code: '800023' }), /credit line/, false],
  ['400 credit line', pcError({ httpStatus: 400, code: '800025' }), /credit line/, false],
  ['403 insufficient credit limit', pcError({ httpStatus: 403, code: '900121' }), /credit line/, false],
  ['500 unexpected service error', pcError({ httpStatus: 500, code: '800003' }), /on its side/, true],
  ['503 without a code', pcError({ httpStatus: 503 }), /on its side/, true],
  ['400 unknown code', pcError({ httpStatus: 400, code: '123456' }), /couldn't complete the request/, false],
  ['timeout', pcError({ kind: 'timeout', reason: 'no answer in 30000 ms' }), /took too long/, true],
  ['network', pcError({ kind: 'network', reason: 'ECONNRESET' }), /couldn't reach Partner Center/, true],
  ['unreadable answer', pcError({ kind: 'invalid-response', reason: 'items: expected array' }), /couldn't read/, false],
];

describe('describePurchaseFailure', () => {
  it.each(cases)('%s becomes one actionable sentence', (_name, error, sentence, retryable) => {
    const described = describePurchaseFailure(error);
    expect(described.sentence).toMatch(sentence);
    expect(described.retryable).toBe(retryable);
    expect(described.correlationId).toBe(CORRELATION_ID);
    expect(described.code).toBe(error.code);
    expect(described.sentence.split(/[.!?](\s|$)/).filter((part) => part && part.trim()).length).toBe(1);
  });

  it('says when to retry after throttling, from Retry-After', () => {
    const described = describePurchaseFailure(pcError({ kind: 'throttled', httpStatus: 429, retryAfterSeconds: 57 }));
    expect(described.sentence).toMatch(/try again in about 57 seconds/);
    expect(described.retryable).toBe(true);
  });

  it('says to retry in about a minute when throttled without Retry-After', () => {
    const described = describePurchaseFailure(pcError({ kind: 'throttled', httpStatus: 429 }));
    expect(described.sentence).toMatch(/about a minute/);
    expect(described.retryable).toBe(true);
  });

  it('never repeats the Partner Center description, request id or any payload', () => {
    const secret = 'Bearer eyJhbGciOiJSUzI1NiJ9.payload.signature';
    const described = describePurchaseFailure(
      pcError({ httpStatus: 400, code: '800002', description: `bad input near ${secret}`, details: [secret] }),
    );
    const shown = JSON.stringify(described);
    expect(shown).not.toContain('eyJ');
    expect(shown).not.toContain('bad input near');
    expect(shown).not.toContain('a0b1c2d3');
  });

  it('shows a purchase request error as its own sentence, in the catalog so each reader gets their language', () => {
    const error = new PurchaseRequestError('quantity-out-of-range', 'request.quantityRange', {
      sku: 'Office 365 E3',
      minimum: 1,
      maximum: 10,
    });
    expect(describePurchaseFailure(error)).toEqual({
      key: 'request.quantityRange',
      values: { sku: 'Office 365 E3', minimum: 1, maximum: 10 },
      sentence: 'Office 365 E3 can be bought in quantities from 1 to 10; choose a quantity in that range.',
      retryable: false,
    });
    expect(textFor('sv-SE')('request.quantityRange', { sku: 'Office 365 E3', minimum: 1, maximum: 10 })).toBe(
      'Office 365 E3 kan köpas i antal från 1 till 10; välj ett antal inom det intervallet.',
    );
  });

  it('gives a generic sentence without details for any other error', () => {
    const described = describePurchaseFailure(new TypeError('Cannot read properties of undefined (reading "x")'));
    expect(described.sentence).toMatch(/went wrong in the bot/);
    expect(described.sentence).not.toMatch(/undefined/);
    expect(described.code).toBeUndefined();
    expect(described.retryable).toBe(false);
  });

  it('asks a person who has not signed in to type sign in, and not to just retry', () => {
    const described = describePurchaseFailure(new SignInRequiredError('not-signed-in'));
    expect(described).toEqual({
      key: 'failure.notSignedIn',
      sentence: 'You need to sign in to Partner Center first: type "sign in", then try again.',
      retryable: false,
    });
  });

  it('asks for sign-in again when Partner Center needs fresh consent, without MSAL details', () => {
    const described = describePurchaseFailure(new SignInRequiredError('consent-required', 'consent_required'));
    expect(described.sentence).toBe('Partner Center needs your consent again: type "sign in", then try again.');
    expect(described.retryable).toBe(false);
    expect(JSON.stringify(described)).not.toContain('consent_required');
  });

  it('recognises a required sign-in and nothing else as one', () => {
    expect(isSignInRequired(new SignInRequiredError('consent-required'))).toBe(true);
    expect(isSignInRequired(pcError({ httpStatus: 401, code: '800001' }))).toBe(false);
    expect(isSignInRequired(new Error('sign in'))).toBe(false);
  });
});
