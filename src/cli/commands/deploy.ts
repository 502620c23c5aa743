import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkManagedValues } from '../../deploy/chrome-schema-check.ts';
import { DeploymentConfig, describeIssues, testOnlyAddresses } from '../../deploy/deployment-config.ts';
import { managedSchema } from '../../deploy/managed-schema.ts';
import { deploymentTemplates } from '../../deploy/templates.ts';
import { CHROME_DEV_ID, DEVELOPMENT_BUNDLE_KEY } from '../../config/development-build.ts';
import { CliError } from '../errors.ts';

/**
 * What must never reach a council device: the development bundle key and extension id (their
 * private halves are in the repository) and plain-http addresses. Refused unless `--test`.
 */
function developmentMaterial(config: DeploymentConfig): string[] {
  const found: string[] = [];
  if (config.settings.trustedKeys.includes(DEVELOPMENT_BUNDLE_KEY)) found.push('settings.trustedKeys holds the development bundle key (its private half is public)');
  for (const [field, id] of [['chromeId', config.extension.chromeId], ['edgeId', config.extension.edgeId]] as const) {
    if (id === CHROME_DEV_ID) found.push(`extension.${field} is the development extension id (its key is public): use the id aup package printed`);
  }
  for (const url of testOnlyAddresses(config)) found.push(`${url} is a test-only address (plain http)`);
  return found;
}

/** The first line of the README every output folder gets: how a folder of ours is recognised. */
const MARK = '# AUP Guard deployment templates';

/** ICT's deployment file (YAML, or JSON, which YAML reads too), checked field by field. */
export function readDeploymentConfig(file: string): DeploymentConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CliError(`cannot read ${file}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new CliError(`${file} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = DeploymentConfig.safeParse(raw);
  if (!parsed.success) throw new CliError(`${file} is not a valid deployment:\n  ${describeIssues(parsed.error).join('\n  ')}`);
  // The settings as Chrome will check them (the zod schema is stricter, so this is a last guard).
  const chrome = checkManagedValues(parsed.data.settings, managedSchema());
  if (chrome.errors.length > 0) throw new CliError(`${file}: Chrome would refuse these settings:\n  ${chrome.errors.join('\n  ')}`);
  return parsed.data;
}

/** Every file under `dir`, as paths relative to it with / separators. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(dir, `${prefix}${e.name}/`) : [`${prefix}${e.name}`]);
}

/**
 * The output folder: new, empty, or one this command wrote before. Nothing is deleted: a file
 * this run would not write (ICT's own notes, or a unit folder from an older deployment file) is
 * named and the run refused, rather than removed or left stale beside the new templates.
 */
function prepare(out: string, writing: readonly string[]): void {
  if (existsSync(out) && readdirSync(out).length > 0) {
    const readme = join(out, 'README.md');
    if (!existsSync(readme) || !readFileSync(readme, 'utf8').startsWith(MARK)) {
      throw new CliError(`${out} is not empty and was not written by aup deploy: choose a new folder`);
    }
    const ours = new Set(writing);
    const others = filesUnder(out).filter((f) => !ours.has(f));
    if (others.length > 0) throw new CliError(`${out} holds files this run would not write (${others.slice(0, 5).join(', ')}${others.length > 5 ? ', …' : ''}): move them, or choose a new folder`);
  }
  mkdirSync(out, { recursive: true });
}

export function deploy(args: { configFile: string; out: string; json: boolean; test?: boolean }): void {
  const config = readDeploymentConfig(args.configFile);
  const development = developmentMaterial(config);
  if (development.length > 0 && !args.test) {
    throw new CliError(`${args.configFile} is not for council devices:\n  ${development.join('\n  ')}\n(--test writes it anyway, for a test machine)`);
  }
  const files = deploymentTemplates(config);
  prepare(args.out, files.map((f) => f.path));
  for (const file of files) {
    const path = join(args.out, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
  const testOnly = testOnlyAddresses(config);
  if (args.json) {
    console.log(JSON.stringify({ out: args.out, files: files.map((f) => f.path), testOnlyAddresses: testOnly }));
    return;
  }
  console.log(`Wrote ${files.length} files to ${args.out} (what each is and where it goes: ${join(args.out, 'README.md')})`);
  if (testOnly.length > 0) console.log(`Warning: not for council devices, these addresses are test-only (plain http): ${testOnly.join(', ')}`);
}
