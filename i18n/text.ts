import i18next, { type i18n } from 'i18next';
import ICU from 'i18next-icu';
import enApprovals from './catalogs/en-US/approvals.json';
import enAudit from './catalogs/en-US/audit.json';
import enBot from './catalogs/en-US/bot.json';
import enCore from './catalogs/en-US/core.json';
import enDiscovery from './catalogs/en-US/discovery.json';
import enDialogs from './catalogs/en-US/dialogs.json';
import enErrors from './catalogs/en-US/errors.json';
import enLookups from './catalogs/en-US/lookups.json';
import enPurchase from './catalogs/en-US/purchase.json';
import svApprovals from './catalogs/sv-SE/approvals.json';
import svAudit from './catalogs/sv-SE/audit.json';
import svBot from './catalogs/sv-SE/bot.json';
import svCore from './catalogs/sv-SE/core.json';
import svDiscovery from './catalogs/sv-SE/discovery.json';
import svDialogs from './catalogs/sv-SE/dialogs.json';
import svErrors from './catalogs/sv-SE/errors.json';
import svLookups from './catalogs/sv-SE/lookups.json';
import svPurchase from './catalogs/sv-SE/purchase.json';

/** The languages the bot speaks; every other locale falls back to the first. */
export const LANGUAGES = ['en-US', 'sv-SE'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The English catalog, one file per area of the bot (i18n/catalogs/<language>/<area>.json): the reference every other
 * language must match key for key. A new area adds its file here for each language.
 */
const enUS = {
  ...enCore,
  ...enDialogs,
  ...enLookups,
  ...enErrors,
  ...enAudit,
  ...enApprovals,
  ...enBot,
  ...enPurchase,
  ...enDiscovery,
};
const svSE = {
  ...svCore,
  ...svDialogs,
  ...svLookups,
  ...svErrors,
  ...svAudit,
  ...svApprovals,
  ...svBot,
  ...svPurchase,
  ...svDiscovery,
};

/** Every message the bot can say, keyed by id. */
export type MessageKey = keyof typeof enUS;

/** Values a message may interpolate: ICU arguments (plural counts, names, preformatted amounts). */
export type MessageValues = Record<string, string | number | Date>;

/** Says one message in one language. */
export interface Text {
  (key: MessageKey, values?: MessageValues): string;
  readonly language: Language;
}

export const CATALOGS: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = {
  'en-US': enUS,
  'sv-SE': svSE,
};

let shared: i18n | undefined;

/** One i18next instance with ICU message syntax, created on first use; catalogs are bundled, so init is synchronous. */
function instance(): i18n {
  if (shared) return shared;
  const created = i18next.createInstance();
  void created.use(new ICU()).init({
    resources: Object.fromEntries(LANGUAGES.map((language) => [language, { translation: CATALOGS[language] }])),
    lng: 'en-US',
    fallbackLng: 'en-US',
    supportedLngs: [...LANGUAGES],
    // Keys are flat ids with dots ("language.unknown"); they are not paths into nested objects.
    keySeparator: false,
    nsSeparator: false,
    initAsync: false,
    // The bot's output is structured log lines only; no banner on start.
    showSupportNotice: false,
    returnNull: false,
    // Values are escaped where they are shown (cards escape untrusted text themselves); the catalog never does.
    interpolation: { escapeValue: false },
  });
  shared = created;
  return created;
}

/** The bot's language for a Teams locale: any Swedish locale (sv, sv-SE, sv-FI) → sv-SE; everything else → en-US. */
export function languageOf(locale: string | undefined): Language {
  return /^sv(?:[-_]|$)/i.test(locale?.trim() ?? '') ? 'sv-SE' : 'en-US';
}

const cache = new Map<Language, Text>();

/** The message function for a locale (cached per language). */
export function textFor(locale: string | undefined): Text {
  const language = languageOf(locale);
  const known = cache.get(language);
  if (known) return known;
  const translate = instance().getFixedT(language);
  const say = ((key: MessageKey, values?: MessageValues) => translate(key, values ?? {})) as Text;
  Object.defineProperty(say, 'language', { value: language });
  cache.set(language, say);
  return say;
}
