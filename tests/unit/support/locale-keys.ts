import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { ROOT } from './import-graph.ts';

/** One message of a `_locales/<locale>/messages.json`, as Chrome and Firefox read it. */
export type LocaleMessage = {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
};
export type LocaleFile = Record<string, LocaleMessage>;

export function readLocale(locale: string): LocaleFile {
  return JSON.parse(readFileSync(resolve(ROOT, 'public/_locales', locale, 'messages.json'), 'utf8')) as LocaleFile;
}

/** `$NAME$` references in a message, lower-cased: the browsers match placeholder names case-insensitively. */
export function placeholderRefs(message: string): Set<string> {
  // `$$` is a literal dollar sign, not the start of a reference.
  const refs = message.replaceAll('$$', '').matchAll(/\$([A-Za-z0-9_@]+)\$/g);
  return new Set([...refs].map((m) => m[1]!.toLowerCase()));
}

/** The placeholder definitions of a message, as "name=content" (name lower-cased), sorted. */
export function placeholderDefinitions(entry: LocaleMessage): string[] {
  return Object.entries(entry.placeholders ?? {}).map(([name, p]) => `${name.toLowerCase()}=${p.content}`).sort();
}

const COMPARISONS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken,
]);

/**
 * A string literal that can be a message key handed to t() later: a value, not a type
 * (`kind: 'loading'` in a type), a module name, a comparison operand or a `case` label.
 */
function isValueLiteral(node: ts.StringLiteralLike): boolean {
  const parent = node.parent;
  if (ts.isLiteralTypeNode(parent) || ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) return false;
  if (ts.isExternalModuleReference(parent) || ts.isCaseClause(parent)) return false;
  if (ts.isBinaryExpression(parent) && COMPARISONS.has(parent.operatorToken.kind)) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return false;
  return true;
}

/** Functions that take a message key, by name and parameter index (`t` itself: 0). */
export type KeyTaker = Map<string, number>;

/** `t(…)` → "t"; `browser.i18n.getMessage(…)` → "getMessage". */
function calleeName(node: ts.CallExpression): string | undefined {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

/** The browsers' own lookup, and ours. */
const BASE_TAKERS: [string, number][] = [['t', 0], ['getMessage', 0]];

function parse(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

/** Functions that pass a parameter straight to t() as the key, like `mount(Page, 'warnTitle')`. */
export function keyTakers(files: Map<string, string>): KeyTaker {
  const takers: KeyTaker = new Map(BASE_TAKERS);
  for (const [fileName, text] of files) {
    if (!/\.(ts|tsx)$/.test(fileName)) continue;
    const visit = (node: ts.Node) => {
      if (ts.isFunctionDeclaration(node) && node.name && node.body) {
        const params = node.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
        const find = (inner: ts.Node) => {
          if (ts.isCallExpression(inner) && calleeName(inner) === 't' && inner.arguments[0] && ts.isIdentifier(inner.arguments[0])) {
            const index = params.indexOf(inner.arguments[0].text);
            if (index >= 0) takers.set(node.name!.text, index);
          }
          ts.forEachChild(inner, find);
        };
        find(node.body);
      }
      ts.forEachChild(node, visit);
    };
    visit(parse(fileName, text));
  }
  return takers;
}

/**
 * The message keys a source file can look up. Direct calls (`t('key')`, or a function that
 * passes its argument to t, `mount(Page, 'key')`) name theirs. A file with a computed call
 * (`t(KIND_TEXT[kind])`, `t(label)`) may pass any key written in it, so every string literal in
 * a value position there counts: its key tables are literal, and a key built by concatenation
 * would be reported as unused, which is the safe way to be wrong. `__MSG_key__` (the manifest,
 * HTML) counts anywhere.
 */
export function keysReferencedBy(fileName: string, text: string, takers: KeyTaker = new Map(BASE_TAKERS)): { direct: Set<string>; candidates: Set<string>; dynamic: boolean } {
  const direct = new Set<string>();
  const candidates = new Set<string>([...text.matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)].map((m) => m[1]!));
  let dynamic = false;
  if (!/\.(ts|tsx)$/.test(fileName)) return { direct, candidates, dynamic };
  const literals: string[] = [];
  const visit = (node: ts.Node) => {
    const name = ts.isCallExpression(node) ? calleeName(node) : undefined;
    const index = name === undefined ? undefined : takers.get(name);
    if (index !== undefined) {
      const arg = (node as ts.CallExpression).arguments[index];
      if (arg && ts.isStringLiteralLike(arg)) direct.add(arg.text);
      else if (name === 't') dynamic = true;
    }
    if (ts.isStringLiteralLike(node) && isValueLiteral(node)) literals.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(parse(fileName, text));
  if (dynamic) for (const literal of literals) candidates.add(literal);
  return { direct, candidates, dynamic };
}

/** Keys of `keys` that none of the given files (name → text) refers to. */
export function unusedKeys(keys: Iterable<string>, files: Map<string, string>): string[] {
  const takers = keyTakers(files);
  const used = new Set<string>();
  for (const [name, text] of files) {
    const found = keysReferencedBy(name, text, takers);
    for (const key of [...found.direct, ...found.candidates]) used.add(key);
  }
  return [...keys].filter((key) => !used.has(key)).sort();
}
