import { readFileSync } from 'node:fs';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** The Teams manifest schema version the app package targets; the template's manifestVersion must match. */
export const TEAMS_MANIFEST_VERSION = '1.30';

// The schema ships inside @microsoft/app-manifest because the manifest's $schema URL cannot be fetched offline.
const SCHEMA_PATH = require.resolve(
  `@microsoft/app-manifest/build/json-schemas/teams/v${TEAMS_MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
);

// Teams' schema for a localization file (localizationInfo.additionalLanguages[].file) of the same manifest version.
const LOCALIZATION_SCHEMA_PATH = require.resolve(
  `@microsoft/app-manifest/build/json-schemas/teams/v${TEAMS_MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`,
);

let validator: ValidateFunction | undefined;
let localizationValidator: ValidateFunction | undefined;

function compile(schemaPath: string, unicodeRegExp = true): ValidateFunction {
  // The Microsoft schemas are draft-04 and not written for Ajv's strict mode, which would only add console noise.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
}

function toSentence(error: ErrorObject): string {
  const where = error.instancePath || '(manifest root)';
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `${where} must be one of: ${params.allowedValues.join(', ')}`;
  }
  if (error.keyword === 'additionalProperties')
    return `${where} has unknown property "${String(params.additionalProperty)}"`;
  return `${where} ${error.message ?? 'is invalid'}`;
}

/**
 * Checks a filled manifest against the offline Teams manifest JSON schema and returns one readable sentence per
 * problem (an empty list when valid).
 */
export function validateManifest(manifest: unknown): string[] {
  validator ??= compile(SCHEMA_PATH);
  if (validator(manifest)) return [];
  return [...new Set((validator.errors ?? []).map(toSentence))];
}

/**
 * Checks one localization file against the offline Teams localization schema and against the manifest it translates:
 * every key names a string the manifest has, and every command title and description of the manifest is translated,
 * so a command added in English is not left untranslated. Returns one readable sentence per problem.
 */
export function validateLocalization(file: string, strings: unknown, manifest: Record<string, unknown>): string[] {
  // Its key patterns hold a bare "]" (activityTypes[\b…\b]), valid for JavaScript regular expressions without the
  // u flag only, which is how the schema's authors meant them.
  localizationValidator ??= compile(LOCALIZATION_SCHEMA_PATH, false);
  const problems = localizationValidator(strings)
    ? []
    : (localizationValidator.errors ?? []).map((error) => `${file}: ${toSentence(error)}`);
  if (!strings || typeof strings !== 'object') return problems;
  const keys = Object.keys(strings).filter((key) => key !== '$schema');
  for (const key of keys) {
    if (typeof stringAt(manifest, key) !== 'string') problems.push(`${file}: "${key}" is not a string of the manifest`);
  }
  for (const key of commandStringKeys(manifest)) {
    if (!keys.includes(key)) problems.push(`${file}: "${key}" is not translated`);
  }
  return [...new Set(problems)];
}

/** The manifest value a localization key names: `name.short` or `bots[0].commandLists[0].commands[1].title`. */
function stringAt(manifest: Record<string, unknown>, key: string): unknown {
  let node: unknown = manifest;
  for (const part of key.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** The keys of the bot's command list texts and the compose extension's texts, which Teams shows translated. */
function commandStringKeys(manifest: Record<string, unknown>): string[] {
  const keys: string[] = [];
  const each = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  each((each(manifest.bots)[0] as { commandLists?: unknown } | undefined)?.commandLists).forEach((list, l) =>
    each((list as { commands?: unknown }).commands).forEach((_, c) => {
      keys.push(`bots[0].commandLists[${l}].commands[${c}].title`);
      keys.push(`bots[0].commandLists[${l}].commands[${c}].description`);
    }),
  );
  each((each(manifest.composeExtensions)[0] as { commands?: unknown } | undefined)?.commands).forEach((command, c) => {
    keys.push(`composeExtensions[0].commands[${c}].title`, `composeExtensions[0].commands[${c}].description`);
    each((command as { parameters?: unknown }).parameters).forEach((_, p) => {
      keys.push(`composeExtensions[0].commands[${c}].parameters[${p}].title`);
      keys.push(`composeExtensions[0].commands[${c}].parameters[${p}].description`);
    });
  });
  return keys;
}
