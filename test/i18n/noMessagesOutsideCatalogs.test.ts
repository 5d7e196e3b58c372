import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');

/** Where the bot's code lives: every module here speaks only through the message catalogs, except those below. */
const SCANNED = ['bot', 'dialogs', 'cards', 'services'];

/**
 * Modules that may hold prose of their own, and why: none of it reaches a person in chat or on a card. Anything else
 * that writes a sentence in code fails here, so a new message has to go to the catalogs.
 */
const NOT_SPOKEN_IN_CHAT: Readonly<Record<string, string>> = {
  'bot/CheckoutRunner.ts': 'log lines and audit details',
  'bot/approvals/ApprovalDesk.ts': 'audit details and log labels',
  'bot/cloudEndpoints.ts': 'Bot Framework endpoint URNs',
  'bot/config.ts': 'configuration errors for the administrator, before the bot starts',
  'bot/jobs/LeasedJobRunner.ts': 'log lines',
  'bot/security/TenantAllowlist.ts': 'log reasons for refused requests',
  'bot/security/securitySettings.ts': 'configuration errors for the administrator, before the bot starts',
  'bot/startBotApp.ts': 'labels of log lines',
  'bot/statements/StatementService.ts':
    'the statement download page in the browser, and log lines (README: in English)',
  'bot/turns/answerMessage.ts': 'log lines',
  'dialogs/swedishWords.ts': 'the table that reads Swedish words as English commands',
  'services/directory/GraphGroupMembership.ts': 'errors and log lines',
  'services/lookups/PartnerCenterLookupService.ts': 'an error reason for logs',
  'services/partnerCenter/PartnerCenterClient.ts': 'errors for logs',
  'services/partnerCenter/PartnerCenterError.ts': 'errors for logs',
  'services/partnerCenter/PartnerCenterSettings.ts': 'configuration errors for the administrator',
  'services/partnerCenter/PriceSheetClient.ts': 'errors for logs',
  'services/partnerCenter/auth/MsalAppTokenProvider.ts': 'errors for logs',
  'services/partnerCenter/auth/SignInRequiredError.ts': 'errors for logs (people get the catalog sentence)',
  'services/partnerCenter/http/PartnerCenterTransport.ts': 'errors for logs',
  'services/partnerCenter/priceSheet/CsvRecordParser.ts': 'errors for logs',
  'services/partnerCenter/priceSheet/priceSheetBytes.ts': 'errors for logs',
  'services/partnerCenter/restrictedMarkets.ts': "Partner Center's own country names",
  'services/partnerCenter/schemas/wireValues.ts': 'validation errors for logs',
  'services/purchase/OrderCancellationService.ts': 'refusal descriptions for the audit trail',
  'services/purchase/PriceSheetService.ts': 'reasons for logs (people get the catalog sentence)',
  'services/purchase/attestationOf.ts':
    "Partner Center's documented attestation wording, which must be shown as written",
  'services/storage/BlobStateStorage.ts': 'errors for logs',
  'services/storage/EtagConflictError.ts': 'errors for logs',
  'services/storage/SqliteStorage.ts': 'errors and what an administrator must do, in logs',
  'services/storage/openStateStorage.ts': 'errors and what an administrator must do, in logs',
  'services/storage/probeStateStorage.ts': 'health reasons for logs and /healthz',
  'services/storage/retentionRules.ts': 'names of retention rules for logs',
  'services/storage/sqliteFileChecks.ts': 'errors and what an administrator must do, in logs',
  'services/storage/storageFailureReason.ts': 'health reasons for logs and /healthz',
};

function modulesIn(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return modulesIn(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

const SPEAKING_MODULES = SCANNED.flatMap(modulesIn).filter((file) => !(file in NOT_SPOKEN_IN_CHAT));

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

  it('lists only modules that exist, each with its reason', () => {
    const all = new Set(SCANNED.flatMap(modulesIn));
    expect(Object.keys(NOT_SPOKEN_IN_CHAT).filter((file) => !all.has(file))).toEqual([]);
    expect(SPEAKING_MODULES.length).toBeGreaterThan(200);
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
