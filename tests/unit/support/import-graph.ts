import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** The repository root; every path below is relative to it, with forward slashes. */
export const ROOT = resolve(import.meta.dirname, '../../..');

/** A directed graph: each node to the nodes it imports. */
export type Graph = Map<string, Set<string>>;

const CODE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

const toRepoPath = (absolute: string) => relative(ROOT, absolute).split(sep).join('/');

/** Every source file under `dir` (repository-relative), sorted. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const child = join(abs, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (CODE.test(entry.name)) out.push(toRepoPath(child));
    }
  };
  walk(resolve(ROOT, dir));
  return out.sort();
}

function resolveRelative(from: string, specifier: string): string | undefined {
  // `?script` and the like are bundler queries on a real file (e.g. the banner content script).
  const base = posix.join(posix.dirname(from), specifier.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    const abs = resolve(ROOT, candidate);
    if (existsSync(abs) && statSync(abs).isFile()) return toRepoPath(abs);
  }
  return undefined;
}

/**
 * The files a file imports by relative path: static imports and re-exports, `import type`
 * included (the compiler's own pre-parser does not tell them apart, and a type-only cycle still
 * ties two modules together), and dynamic `import()`. Package imports are not ours.
 */
export function relativeImports(file: string): string[] {
  const text = readFileSync(resolve(ROOT, file), 'utf8');
  const { importedFiles } = ts.preProcessFile(text, true, true);
  const out = new Set<string>();
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith('./') && !fileName.startsWith('../')) continue;
    const target = resolveRelative(file, fileName);
    if (target) out.add(target);
  }
  return [...out];
}

/** The import graph between `files` (imports of anything else are left out). */
export function fileGraph(files: string[], importsOf = relativeImports): Graph {
  const known = new Set(files);
  return new Map(files.map((f) => [f, new Set(importsOf(f).filter((t) => known.has(t)))]));
}

/** Collapse a file graph onto folders: `folderOf` names a file's folder; self-edges dropped. */
export function folderGraph(files: Graph, folderOf: (file: string) => string): Graph {
  const out: Graph = new Map();
  for (const [file, targets] of files) {
    const from = folderOf(file);
    const edges = out.get(from) ?? new Set<string>();
    out.set(from, edges);
    for (const target of targets) if (folderOf(target) !== from) edges.add(folderOf(target));
  }
  return out;
}

/** The first folder below `prefix` (`src/match/host.ts` → `src/match`); `dirname` for root files. */
export function topFolder(prefix: string): (file: string) => string {
  return (file) => {
    const rest = file.slice(prefix.length).split('/');
    return rest.length > 1 ? prefix + rest[0] : dirname(file);
  };
}

/**
 * One concrete cycle (first node repeated at the end) per strongly connected component that has
 * one: Tarjan's algorithm finds the components, a breadth-first search the shortest way round.
 */
export function findCycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const succ = (n: string) => [...(graph.get(n) ?? [])].sort();

  const connect = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of succ(node)) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    components.push(component);
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);

  return components
    .filter((c) => c.length > 1 || graph.get(c[0]!)?.has(c[0]!))
    .map((c) => shortestLoop(graph, new Set(c), [...c].sort()[0]!))
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
}

function shortestLoop(graph: Graph, within: Set<string>, start: string): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (!within.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = cameFrom.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start]; // unreachable for a real component
}

/** Lines in a file, as `wc -l` would count them plus a last line without a newline. */
export function lineCount(file: string): number {
  const text = readFileSync(resolve(ROOT, file), 'utf8');
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}
