import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { CLOUD_ENDPOINTS, CLOUD_NAMES, type CloudName } from '../bot/cloudEndpoints';
import { readPngHeader } from './readPngHeader';
import { validateLocalization, validateManifest } from './validateManifest';

/** What {@link buildAppPackage} needs: the bot's Microsoft App ID and where to write the zip. */
export interface AppPackageOptions {
  appId: string;
  outFile: string;
  /** Folder holding manifest.template.json, the icons and the localization files; defaults to this source folder. */
  sourceDir?: string;
  /**
   * Teams single sign-on for App+User mode: the Application ID URI the bot's app registration exposes (usually
   * `api://botid-<app id>`). Adds `webApplicationInfo`, and the token service's domain so the sign-in card can open.
   */
  sso?: { resource: string };
  /** The cloud whose Bot Framework token service hosts the sign-in pages (`CLOUD`); public when absent. */
  cloud?: CloudName;
}

/** The zip written and the manifest inside it. */
export interface AppPackageResult {
  outFile: string;
  manifest: Record<string, unknown>;
}

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const PLACEHOLDER = '${MICROSOFT_APP_ID}';
const ICONS = [
  { file: 'color.png', size: 192, transparent: false },
  { file: 'outline.png', size: 32, transparent: true },
] as const;
// A fixed timestamp makes two builds of the same inputs byte-identical.
const ZIP_DATE = new Date(Date.UTC(2025, 0, 1));

/** Finds the appPackage source folder whether this runs from the TypeScript sources or from the compiled dist/. */
function defaultSourceDir(): string {
  const candidates = [__dirname, path.resolve(__dirname, '..', '..', 'appPackage')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'manifest.template.json')));
  if (!found) throw new Error(`manifest.template.json not found in ${candidates.join(' or ')}`);
  return found;
}

async function readIcon(sourceDir: string, icon: (typeof ICONS)[number]): Promise<Buffer> {
  const png = await readFile(path.join(sourceDir, icon.file));
  const header = readPngHeader(png);
  if (header.width !== icon.size || header.height !== icon.size) {
    throw new Error(
      `${icon.file} must be ${icon.size}x${icon.size} pixels, but it is ${header.width}x${header.height}`,
    );
  }
  if (icon.transparent && !header.hasAlpha) throw new Error(`${icon.file} must have a transparent background`);
  return png;
}

/**
 * Builds the Teams app package: fills the manifest template with the bot's app id, validates it and its localization
 * files against the offline Teams schemas, checks the icon sizes, and zips manifest.json, both icons and the
 * localization files at the root of the archive.
 * Rejects with a readable message when the app id, the manifest or an icon is wrong.
 */
export async function buildAppPackage(options: AppPackageOptions): Promise<AppPackageResult> {
  if (!GUID.test(options.appId)) {
    throw new Error(
      `The Microsoft App ID must be a GUID such as 00000000-0000-0000-0000-000000000000, not "${options.appId}"`,
    );
  }
  const sourceDir = options.sourceDir ?? defaultSourceDir();
  const templateText = await readFile(path.join(sourceDir, 'manifest.template.json'), 'utf8');
  // Safe as plain text: the id was just checked to be a GUID, which has no JSON-special characters.
  const filled = templateText.split(PLACEHOLDER).join(options.appId);
  if (filled.includes('${')) throw new Error('manifest.template.json has a placeholder other than ' + PLACEHOLDER);
  const manifest = JSON.parse(filled) as Record<string, unknown>;
  if (options.sso) {
    if (!/^api:\/\/[\x21-\x7e]{1,200}$/.test(options.sso.resource)) {
      throw new Error('The single sign-on resource must be an Application ID URI such as api://botid-<app id>');
    }
    manifest.webApplicationInfo = { id: options.appId, resource: options.sso.resource };
    const domains = Array.isArray(manifest.validDomains) ? (manifest.validDomains as string[]) : [];
    manifest.validDomains = [...new Set([...domains, CLOUD_ENDPOINTS[options.cloud ?? 'public'].signInHost])];
  }
  const languages = await readLocalizations(sourceDir, manifest);
  const problems = [...validateManifest(manifest), ...languages.flatMap((language) => language.problems)];
  if (problems.length > 0) {
    throw new Error(`The Teams manifest is not valid:\n- ${problems.join('\n- ')}`);
  }
  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(manifest, null, 2) + '\n', { date: ZIP_DATE });
  for (const icon of ICONS) zip.file(icon.file, await readIcon(sourceDir, icon), { date: ZIP_DATE });
  for (const language of languages) zip.file(language.file, language.text, { date: ZIP_DATE });
  const archive = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  await mkdir(path.dirname(options.outFile), { recursive: true });
  await writeFile(options.outFile, archive);
  return { outFile: options.outFile, manifest };
}

/** One localization file the manifest names (`localizationInfo.additionalLanguages`), read and checked. */
interface Localization {
  file: string;
  text: string;
  problems: string[];
}

/**
 * Reads the manifest's localization files from the source folder. Each must be a plain file name next to the manifest
 * (Teams reads them from the package root) and valid for the manifest it translates.
 */
async function readLocalizations(sourceDir: string, manifest: Record<string, unknown>): Promise<Localization[]> {
  const info = manifest.localizationInfo as { additionalLanguages?: { file?: unknown }[] } | undefined;
  const found: Localization[] = [];
  for (const language of info?.additionalLanguages ?? []) {
    const file = typeof language.file === 'string' ? language.file : '';
    if (!/^[\w.-]+\.json$/.test(file)) {
      found.push({
        file,
        text: '',
        problems: [`localization file "${file}" must be a .json file next to the manifest`],
      });
      continue;
    }
    const text = await readFile(path.join(sourceDir, file), 'utf8');
    let strings: unknown;
    try {
      strings = JSON.parse(text);
    } catch {
      found.push({ file, text, problems: [`${file} is not valid JSON`] });
      continue;
    }
    found.push({ file, text, problems: validateLocalization(file, strings, manifest) });
  }
  return found;
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const appId = process.env.MicrosoftAppId?.trim();
  if (!appId) {
    throw new Error("Set MicrosoftAppId to the bot's Microsoft App ID (a GUID) before building the app package.");
  }
  const outFile = path.join(defaultSourceDir(), 'build', 'appPackage.zip');
  // People sign in only in App+User mode, which is exactly when OAUTH_CONNECTION_NAME is set.
  const sso = process.env.OAUTH_CONNECTION_NAME?.trim()
    ? { resource: process.env.SSO_APP_ID_URI?.trim() || `api://botid-${appId}` }
    : undefined;
  const cloud = process.env.CLOUD?.trim() || 'public';
  if (!isCloudName(cloud)) throw new Error(`CLOUD must be one of ${CLOUD_NAMES.join(', ')}, not "${cloud}".`);
  const result = await buildAppPackage({ appId, outFile, cloud, ...(sso ? { sso } : {}) });
  console.log(`Teams app package written to ${result.outFile}`);
}

function isCloudName(value: string): value is CloudName {
  return (CLOUD_NAMES as readonly string[]).includes(value);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
