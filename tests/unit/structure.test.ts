import { describe, expect, it } from 'vitest';
import { fileGraph, findCycles, folderGraph, lineCount, sourceFiles, topFolder, type Graph } from './support/import-graph.ts';

/*
 * The shape of the tree, on the real files: the rooms of src/ form a one-way street, no module
 * imports itself round a loop, and no file grows past what one can read in a sitting.
 */

const MAX_LINES = 400;
const graphOf = (edges: Record<string, string[]>): Graph => new Map(Object.entries(edges).map(([k, v]) => [k, new Set(v)]));
const show = (cycles: string[][]) => cycles.map((c) => c.join(' → '));

describe('the cycle finder', () => {
  it('finds nothing in a graph without cycles', () => {
    expect(findCycles(graphOf({ a: ['b', 'c'], b: ['c'], c: [] }))).toEqual([]);
  });

  it('names each cycle, the shortest way round, first node repeated', () => {
    const graph = graphOf({ a: ['b'], b: ['c', 'x'], c: ['a', 'b'], x: ['y'], y: ['x'], z: ['z'], lone: ['a'] });
    expect(show(findCycles(graph))).toEqual(['a → b → c → a', 'x → y → x', 'z → z']);
  });

  it('collapses files onto folders before looking for cycles between folders', () => {
    const files = graphOf({ 'src/a/one.ts': ['src/b/two.ts', 'src/a/three.ts'], 'src/a/three.ts': [], 'src/b/two.ts': ['src/a/three.ts'] });
    expect(show(findCycles(folderGraph(files, topFolder('src/'))))).toEqual(['src/a → src/b → src/a']);
  });
});

describe('the structure of the tree', () => {
  const code = [...sourceFiles('src'), ...sourceFiles('extension')];
  const files = fileGraph(code);

  it('has found the source files (a guard against passing vacuously)', () => {
    expect(code.length).toBeGreaterThan(50);
    expect([...files.values()].reduce((n, edges) => n + edges.size, 0)).toBeGreaterThan(50);
  });

  it('has no import cycle between the folders of src/', () => {
    const core = fileGraph(code.filter((f) => f.startsWith('src/')));
    expect(show(findCycles(folderGraph(core, topFolder('src/')))), 'folders of src/ importing each other').toEqual([]);
  });

  it('has no import cycle between files of src/ and extension/', () => {
    expect(show(findCycles(files)), 'files importing each other').toEqual([]);
  });

  it(`has no source file over ${MAX_LINES} lines`, () => {
    const all = ['src', 'extension', 'scripts', 'tests'].flatMap(sourceFiles);
    const long = all.map((f) => ({ f, lines: lineCount(f) })).filter(({ lines }) => lines > MAX_LINES);
    expect(long.map(({ f, lines }) => `${f} (${lines} lines)`), 'split these files').toEqual([]);
  });
});
