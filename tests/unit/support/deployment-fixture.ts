import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DeploymentConfig } from '../../../src/deploy/deployment-config.ts';
import { deploymentTemplates, type TemplateFile } from '../../../src/deploy/templates.ts';

export const ROOT = join(import.meta.dirname, '../../..');
export const DEPLOYMENT_FILE = join(ROOT, 'tests/fixtures/deployment.yaml');

export function fixtureDeployment(): DeploymentConfig {
  return DeploymentConfig.parse(parse(readFileSync(DEPLOYMENT_FILE, 'utf8')));
}

/** The fixture's templates by path. */
export function fixtureTemplates(config = fixtureDeployment()): Map<string, TemplateFile['content']> {
  return new Map(deploymentTemplates(config).map((f) => [f.path, f.content]));
}

export function text(content: TemplateFile['content'] | undefined): string {
  if (content === undefined) throw new Error('no such template');
  return typeof content === 'string' ? content : new TextDecoder('utf-16le').decode(content.subarray(2));
}

export function jsonOf(files: Map<string, TemplateFile['content']>, path: string): Record<string, unknown> {
  return JSON.parse(text(files.get(path))) as Record<string, unknown>;
}
