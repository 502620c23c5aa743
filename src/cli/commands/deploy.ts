import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkManagedValues } from '../../deploy/chrome-schema-check.ts';
import { DeploymentConfig, describeIssues, testOnlyAddresses } from '../../deploy/deployment-config.ts';
import { managedSchema } from '../../deploy/managed-schema.ts';
import { deploymentTemplates } from '../../deploy/templates.ts';
import { CliError } from '../errors.ts';

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

/** The output folder: new, empty, or one this command wrote before (replaced whole, so no stale unit folder stays). */
function prepare(out: string): void {
  if (existsSync(out) && readdirSync(out).length > 0) {
    const readme = join(out, 'README.md');
    if (!existsSync(readme) || !readFileSync(readme, 'utf8').startsWith(MARK)) {
      throw new CliError(`${out} is not empty and was not written by aup deploy: choose a new folder`);
    }
    rmSync(out, { recursive: true });
  }
  mkdirSync(out, { recursive: true });
}

export function deploy(args: { configFile: string; out: string; json: boolean }): void {
  const config = readDeploymentConfig(args.configFile);
  const files = deploymentTemplates(config);
  prepare(args.out);
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
