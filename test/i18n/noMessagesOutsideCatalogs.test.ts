import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');

/**
 * Modules whose every sentence must come from the message catalogs. A module joins this list when it has moved to
 * the catalogs; from then on a sentence written in its code fails here.
 */
const SPEAKING_MODULES = [
  'bot/OrderTracker.ts',
  'bot/PurchaseBot.ts',
  'bot/RegistrationWatcher.ts',
  'bot/checkoutTurnFlag.ts',
  'bot/invokes/ComposeSearch.ts',
  'bot/invokes/ExecuteAnswer.ts',
  'bot/invokes/TypeaheadSearch.ts',
  'bot/invokes/groupCardViews.ts',
  'bot/turns/PreferredLanguage.ts',
  'bot/turns/TurnPacer.ts',
  'cards/fileConsentCard.ts',
  'cards/invoiceStateWords.ts',
  'cards/invoiceTypeWords.ts',
  'cards/orderWords.ts',
  'cards/renderBalanceCard.ts',
  'cards/renderDownloadCard.ts',
  'cards/renderEntitlementsCard.ts',
  'cards/renderInvoiceCard.ts',
  'cards/renderInvoiceListCard.ts',
  'cards/renderNoticeCard.ts',
  'cards/renderOrderListCard.ts',
  'cards/renderRegistrationCard.ts',
  'cards/renderSearchPreview.ts',
  'cards/renderWelcomeCard.ts',
  'cards/timeWindowWords.ts',
  'cards/userSpecificCard.ts',
  'dialogs/MainDialog.ts',
  'dialogs/cardActions/CardActionGate.ts',
  'dialogs/lookups/LookupActions.ts',
  'dialogs/QuantityDialog.ts',
  'dialogs/lookups/CustomerLookupDialog.ts',
  'dialogs/purchaseEligibility.ts',
  'dialogs/quantity.ts',
  'dialogs/readTurn.ts',
  'dialogs/subscriptionIdPrompt.ts',
  'dialogs/SelectCustomerDialog.ts',
  'dialogs/security/roleOrExplain.ts',
  'dialogs/security/commandAccess.ts',
  'dialogs/security/roleRefusals.ts',
  'dialogs/security/auditListText.ts',
  'dialogs/tellFailure.ts',
  'services/purchase/checkoutSummaryOf.ts',
  'services/purchase/describeCartLineError.ts',
  'services/purchase/describeInventoryRestriction.ts',
  'services/purchase/describePurchaseFailure.ts',
  'services/purchase/partnerCenterCodeSentences.ts',
  'cards/renderApprovalCard.ts',
  'cards/renderCancelOrderCard.ts',
  'cards/renderConfirmationCard.ts',
  'cards/renderOrderCard.ts',
  'cards/renderOrderResultCard.ts',
  'dialogs/CartCheckoutDialog.ts',
  'dialogs/approvalPort.ts',
  'dialogs/checkoutOutcomeCard.ts',
  'dialogs/duplicateWarning.ts',
  'dialogs/listedPurchases.ts',
  'dialogs/openConfirmation.ts',
  'dialogs/orderCancellation/CancelOrderActions.ts',
  'dialogs/orderCancellation/cancelOffer.ts',
  'dialogs/orderResultCard.ts',
  'dialogs/termPrices.ts',
  'services/checkout/CheckoutProcessor.ts',
  'cards/renderPickCard.ts',
  'dialogs/DiscoverProductDialog.ts',
  'dialogs/PickPrompt.ts',
  'dialogs/PurchaseDialog.ts',
  'dialogs/ReservationRegistrationDialog.ts',
  'dialogs/categoryWords.ts',
  'dialogs/purchaseRequest/NarrowingPickDialog.ts',
  'dialogs/purchaseRequest/bestMatches.ts',
  'dialogs/purchaseRequest/readPurchaseRequest.ts',
];

/** Card templates whose readable text must all be bindings (the renderer fills them from the catalogs). */
const SPEAKING_TEMPLATES = [
  'balance',
  'download',
  'entitlements',
  'invoice',
  'invoiceList',
  'notice',
  'orderList',
  'registration',
  'welcome',
  'approval',
  'cancelOrder',
  'confirmation',
  'order',
  'orderResult',
  'pick',
];

/** Calls whose string arguments are for people who read logs or code, not for the chat. */
const NOT_FOR_CHAT =
  /^(?:logger|this\.logger|this\.options\.logger|console)\.|^(?:Error|TypeError|RangeError)$|^res\.send$/;

/** Two words of prose or more: what a sentence for a person looks like (ids, keys and paths don't). */
const PROSE = /\p{L}{2,}[\s,;:]+\p{L}{2,}/u;

function sentencesIn(file: string, text = readFileSync(path.join(ROOT, file), 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      if (NOT_FOR_CHAT.test(node.expression.getText(source))) return;
    }
    // An audit record's `detail` is kept as written, for whoever reads the trail later.
    if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'detail') return;
    const text =
      ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
        ? node.text
        : ts.isTemplateExpression(node)
          ? [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ')
          : undefined;
    if (text !== undefined && PROSE.test(text))
      found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function literalTexts(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => literalTexts(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && ['text', 'title', 'tooltip', 'altText', 'placeholder'].includes(key)) {
        // Whatever is left once every binding is taken out was written into the template.
        if (/\p{L}/u.test(value.replace(/\$\{[^}]*\}/g, ''))) found.push(`${key}: ${value}`);
      } else literalTexts(value, found);
    }
  }
  return found;
}

describe('messages come from the catalogs', () => {
  it.each(SPEAKING_MODULES)('%s writes no sentence of its own', (file) => {
    expect(sentencesIn(file)).toEqual([]);
  });

  it.each(SPEAKING_TEMPLATES)('cards/templates/%s.json has no words of its own', (name) => {
    const template: unknown = JSON.parse(readFileSync(path.join(ROOT, 'cards', 'templates', `${name}.json`), 'utf8'));
    expect(literalTexts(template)).toEqual([]);
  });

  it('catches a sentence written in code (so the check can fail)', () => {
    const written = [
      "await context.sendActivity('There is nothing more to show.');",
      'const title = `Orders for ${company}`;',
      "logger.info('this line is for the log', {});",
      "throw new Error('Nor is this one.');",
      "const key = say('lookup.nothingMore');",
    ].join('\n');
    expect(sentencesIn('example.ts', written).map((found) => found.replace(/^example\.ts:\d+: /, ''))).toEqual([
      'There is nothing more to show.',
      'Orders for  ',
    ]);
  });
});
