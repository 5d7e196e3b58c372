import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { buildAppPackage } from '../../appPackage/packageApp';
import { readPngHeader } from '../../appPackage/readPngHeader';
import { validateLocalization, validateManifest } from '../../appPackage/validateManifest';
import { SEARCH_COMMAND_ID } from '../../bot/invokes/ComposeSearch';
import { swedishToCommandWords } from '../../dialogs/swedishWords';
import { decodeRgbaPng } from './decodeRgbaPng';

const APP_ID = '3f2b9c1e-7a4d-4e8b-9c0f-1a2b3c4d5e6f';
const SOURCE_DIR = path.resolve(__dirname, '../../appPackage');

interface BotEntry {
  botId: string;
  scopes: string[];
  supportsFiles: boolean;
  commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
}

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'app-package-test-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Copies the real package sources into a scratch folder so a test can break one of them. */
async function copySources(name: string): Promise<string> {
  const dir = path.join(workDir, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const file of ['manifest.template.json', 'color.png', 'outline.png', 'sv-se.json']) {
    await copyFile(path.join(SOURCE_DIR, file), path.join(dir, file));
  }
  return dir;
}

describe('buildAppPackage', () => {
  let zip: JSZip;
  let manifest: Record<string, unknown>;
  let returned: Record<string, unknown>;

  beforeAll(async () => {
    const outFile = path.join(workDir, 'out', 'appPackage.zip');
    const result = await buildAppPackage({ appId: APP_ID, outFile });
    expect(result.outFile).toBe(outFile);
    returned = result.manifest;
    zip = await JSZip.loadAsync(await readFile(outFile));
    manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Record<string, unknown>;
  });

  it('zips exactly manifest.json, color.png, outline.png and the Swedish strings at the root', () => {
    const entries = Object.values(zip.files).map((entry) => entry.name);
    expect(entries.sort()).toEqual(['color.png', 'manifest.json', 'outline.png', 'sv-se.json']);
  });

  it('names the app, its commands and its search in Swedish for Teams in Swedish (localizationInfo, sv-se)', async () => {
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'en-us',
      additionalLanguages: [{ languageTag: 'sv-se', file: 'sv-se.json' }],
    });
    const swedish = JSON.parse(await zip.file('sv-se.json')!.async('string')) as Record<string, string>;
    expect(validateLocalization('sv-se.json', swedish, manifest)).toEqual([]);
    expect(swedish['name.short']).toBe('CSP-inköp');
    expect(swedish['bots[0].commandLists[0].commands[0].description']).toBe(
      'Köp en produkt åt en kund: köp för <kund>',
    );
    expect(swedish['composeExtensions[0].commands[0].title']).toBe('Beställningar och kunder');
    // Teams types a chosen command's title into the chat, so each Swedish title is a word the bot reads (or English).
    const titles = Object.entries(swedish)
      .filter(([key]) => /^bots\[0\].*\.title$/.test(key))
      .map(([, title]) => title);
    expect(titles).toEqual([
      'köp',
      'beställningar',
      'beställning',
      'saldo',
      'fakturor',
      'faktura',
      'utdrag',
      'licenser',
      'registrera',
      'audit',
      'hjälp',
      'avbryt',
    ]);
    const english = (manifest.bots as BotEntry[])[0].commandLists[0].commands.map((c) => c.title);
    titles.forEach((title, i) => expect(swedishToCommandWords(title)).toBe(english[i]));
  });

  it('refuses a Swedish file that misses a command, names a string the manifest lacks, or breaks the schema', async () => {
    const sourceDir = await copySources('bad-swedish');
    const file = path.join(sourceDir, 'sv-se.json');
    const swedish = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    delete swedish['bots[0].commandLists[0].commands[11].description'];
    swedish['bots[0].commandLists[0].commands[12].title'] = 'extra';
    swedish['name.short'] = 'Ett alldeles för långt namn på en app i Teams';
    await writeFile(file, JSON.stringify(swedish));
    const outFile = path.join(workDir, 'bad-swedish.zip');
    const refused = buildAppPackage({ appId: APP_ID, outFile, sourceDir });
    await expect(refused).rejects.toThrow(
      /"bots\[0\]\.commandLists\[0\]\.commands\[11\]\.description" is not translated/,
    );
    await expect(refused).rejects.toThrow(/"bots\[0\]\.commandLists\[0\]\.commands\[12\]\.title" is not a string/);
    await expect(refused).rejects.toThrow(/sv-se\.json: \/name\.short must NOT have more than 30 characters/);
    expect(existsSync(outFile)).toBe(false);
  });

  it('writes a manifest that validates against the offline Teams schema and equals the one returned', () => {
    expect(validateManifest(manifest)).toEqual([]);
    expect(manifest).toEqual(returned);
    expect(manifest.manifestVersion).toBe('1.30');
    expect(manifest.$schema).toBe(
      'https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json',
    );
  });

  it('uses the given app id as both the app id and the bot id', () => {
    const bots = manifest.bots as BotEntry[];
    expect(manifest.id).toBe(APP_ID);
    expect(bots).toHaveLength(1);
    expect(bots[0].botId).toBe(APP_ID);
    expect(JSON.stringify(manifest)).not.toContain('${');
  });

  it('offers the bot in personal, team and groupChat, with files (statements), and its commands', () => {
    const [bot] = manifest.bots as BotEntry[];
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(true);
    for (const list of bot.commandLists) expect(list.commands.length).toBeLessThanOrEqual(12);
    const commands = bot.commandLists.flatMap((list) => list.commands);
    expect(commands.map((c) => c.title)).toEqual([
      'buy',
      'orders',
      'order',
      'balance',
      'invoices',
      'invoice',
      'statement',
      'entitlements',
      'register',
      'audit',
      'help',
      'cancel',
    ]);
    expect(commands[0].description).toBe('Buy a product for a customer: buy for <customer>');
    expect(manifest.validDomains).toEqual([]);
  });

  it('offers the compose-box search the bot answers (composeExtension/query), in chats and the command box', () => {
    const [extension] = manifest.composeExtensions as {
      botId: string;
      commands: { id: string; type: string; context: string[]; parameters: { name: string }[] }[];
    }[];
    expect(extension.botId).toBe((manifest.bots as { botId: string }[])[0].botId);
    expect(extension.commands.map((c) => [c.id, c.type])).toEqual([[SEARCH_COMMAND_ID, 'query']]);
    expect(extension.commands[0].context).toEqual(['compose', 'commandBox']);
    expect(extension.commands[0].parameters.map((p) => p.name)).toEqual(['query']);
  });

  it('ships a 192x192 colour icon and a 32x32 outline icon that is only white and transparency', async () => {
    const color = await zip.file('color.png')!.async('nodebuffer');
    const outline = await zip.file('outline.png')!.async('nodebuffer');
    expect(readPngHeader(color)).toMatchObject({ width: 192, height: 192 });
    expect(readPngHeader(outline)).toMatchObject({ width: 32, height: 32, hasAlpha: true });
    const { pixels } = decodeRgbaPng(outline);
    let opaque = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] === 0) continue;
      opaque++;
      expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(opaque).toBeGreaterThan(50);
    expect(opaque).toBeLessThan(32 * 32);
  });

  it.each([
    '',
    'not-a-guid',
    '{3f2b9c1e-7a4d-4e8b-9c0f-1a2b3c4d5e6f}',
    '3f2b9c1e-7a4d-4e8b-9c0f-1a2b3c4d5e6',
    `${APP_ID}"`,
  ])('refuses the app id %p and writes nothing', async (appId) => {
    const outFile = path.join(workDir, 'refused', 'appPackage.zip');
    await expect(buildAppPackage({ appId, outFile })).rejects.toThrow(/must be a GUID/);
    expect(existsSync(outFile)).toBe(false);
  });

  it('adds Teams single sign-on (webApplicationInfo and the token service domain) for App+User, schema-valid', async () => {
    const outFile = path.join(workDir, 'sso', 'appPackage.zip');
    const resource = `api://botid-${APP_ID}`;
    const { manifest: withSso } = await buildAppPackage({ appId: APP_ID, outFile, sso: { resource } });
    expect(validateManifest(withSso)).toEqual([]);
    expect(withSso.webApplicationInfo).toEqual({ id: APP_ID, resource });
    expect(withSso.validDomains).toContain('token.botframework.com');
    await expect(
      buildAppPackage({ appId: APP_ID, outFile, sso: { resource: 'https://not an app id uri' } }),
    ).rejects.toThrow(/Application ID URI/);
  });

  it('leaves single sign-on out of an App-only package', async () => {
    const { manifest: appOnly } = await buildAppPackage({
      appId: APP_ID,
      outFile: path.join(workDir, 'app-only', 'appPackage.zip'),
    });
    expect(appOnly.webApplicationInfo).toBeUndefined();
  });

  it('fails with a readable schema error when a bot scope is spelled groupchat', async () => {
    const sourceDir = await copySources('lowercase-scope');
    const templatePath = path.join(sourceDir, 'manifest.template.json');
    const template = await readFile(templatePath, 'utf8');
    await writeFile(
      templatePath,
      template.replace('"scopes": ["personal", "team", "groupChat"]', '"scopes": ["personal", "team", "groupchat"]'),
    );
    const outFile = path.join(workDir, 'lowercase-scope.zip');
    await expect(buildAppPackage({ appId: APP_ID, outFile, sourceDir })).rejects.toThrow(
      /\/bots\/0\/scopes\/2 must be one of: .*groupChat/,
    );
    expect(existsSync(outFile)).toBe(false);
  });

  it('fails when the outline icon is not 32x32', async () => {
    const sourceDir = await copySources('big-outline');
    await copyFile(path.join(SOURCE_DIR, 'color.png'), path.join(sourceDir, 'outline.png'));
    await expect(
      buildAppPackage({ appId: APP_ID, outFile: path.join(workDir, 'big-outline.zip'), sourceDir }),
    ).rejects.toThrow('outline.png must be 32x32 pixels, but it is 192x192');
  });
});
