/**
 * Reads a `.reg` file (format 5.00) strictly, as the template tests need: UTF-16LE with a BOM,
 * CRLF, the header, `[key]` / `[-key]` sections and `"name"="string"` / `"name"=dword:` values.
 * Anything else is an error naming the line. The result is the registry after import.
 */
export type RegData = string | number;
export type RegTree = Map<string, Map<string, { type: 'sz' | 'dword'; value: RegData }>>;

export function decodeRegFile(bytes: Uint8Array): string {
  if (bytes[0] !== 0xff || bytes[1] !== 0xfe) throw new Error('no UTF-16LE byte-order mark');
  return new TextDecoder('utf-16le').decode(bytes.subarray(2));
}

function unquote(text: string, line: number): [string, string] {
  if (!text.startsWith('"')) throw new Error(`line ${line}: expected a quoted string`);
  let out = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      const next = text[++i];
      if (next !== '\\' && next !== '"') throw new Error(`line ${line}: bad escape \\${next}`);
      out += next;
    } else if (c === '"') return [out, text.slice(i + 1)];
    else out += c;
  }
  throw new Error(`line ${line}: unterminated string`);
}

export function parseRegFile(bytes: Uint8Array): RegTree {
  const text = decodeRegFile(bytes);
  if (/\r(?!\n)|(?<!\r)\n/.test(text)) throw new Error('line ends must be CRLF');
  const lines = text.split('\r\n');
  if (lines[0] !== 'Windows Registry Editor Version 5.00') throw new Error(`bad header: ${lines[0]}`);
  const tree: RegTree = new Map();
  let current: Map<string, { type: 'sz' | 'dword'; value: RegData }> | null = null;
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw === '' || raw.startsWith(';')) return;
    const section = /^\[(-?)(HKEY_LOCAL_MACHINE\\[^\][]+)\]$/.exec(raw);
    if (section) {
      const path = section[2]!;
      if (section[1]) {
        for (const key of [...tree.keys()]) if (key === path || key.startsWith(`${path}\\`)) tree.delete(key);
        current = null;
      } else {
        current = tree.get(path) ?? new Map();
        tree.set(path, current);
      }
      return;
    }
    if (!current) throw new Error(`line ${line}: a value outside a key`);
    const [name, rest] = unquote(raw, line);
    const dword = /^=dword:([0-9a-f]{8})$/.exec(rest);
    if (dword) current.set(name, { type: 'dword', value: parseInt(dword[1]!, 16) });
    else if (rest.startsWith('="')) {
      const [value, after] = unquote(rest.slice(1), line);
      if (after !== '') throw new Error(`line ${line}: text after the value`);
      current.set(name, { type: 'sz', value });
    } else throw new Error(`line ${line}: only REG_SZ and REG_DWORD are written, not ${rest}`);
  });
  return tree;
}

/**
 * One key and its subkeys as the browsers read them: a subkey whose values are all named 1, 2, …
 * is a list; values are strings and numbers (booleans arrive as 0/1 DWORDs).
 */
export function regToObject(tree: RegTree, root: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, v] of tree.get(root) ?? []) out[name] = v.value;
  // Subkeys, including those that exist only as the parents of deeper keys.
  const children = new Set([...tree.keys()].filter((p) => p.startsWith(`${root}\\`)).map((p) => p.slice(root.length + 1).split('\\')[0]!));
  for (const child of children) {
    const path = `${root}\\${child}`;
    const names = [...(tree.get(path)?.keys() ?? [])];
    const isList = names.length > 0 && names.every((n, i) => n === String(i + 1));
    out[child] = isList ? names.map((n) => tree.get(path)!.get(n)!.value) : regToObject(tree, path);
  }
  return out;
}
