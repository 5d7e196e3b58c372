import { readFileSync } from 'node:fs';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** The Teams manifest schema version the app package targets; the template's manifestVersion must match. */
export const TEAMS_MANIFEST_VERSION = '1.30';

// The schema ships inside @microsoft/app-manifest because the manifest's $schema URL cannot be fetched offline.
const SCHEMA_PATH = require.resolve(
  `@microsoft/app-manifest/build/json-schemas/teams/v${TEAMS_MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
);

let validator: ValidateFunction | undefined;

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
  if (!validator) {
    // The Microsoft schema is draft-04 and not written for Ajv's strict mode, which would only add console noise.
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
  }
  if (validator(manifest)) return [];
  return [...new Set((validator.errors ?? []).map(toSentence))];
}
