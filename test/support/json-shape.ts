/**
 * Compares a raw JSON value with its sanitized form: same structure (keys, array lengths), same
 * numbers, booleans and nulls; string leaves may differ (tokenized). Returns the paths that
 * differ in shape (empty = structure kept) and the string leaves that were changed.
 */
export function compareShape(raw: unknown, sanitized: unknown, path = '$'): { mismatches: string[]; changedStrings: string[] } {
  const out = { mismatches: [] as string[], changedStrings: [] as string[] };
  walk(raw, sanitized, path, out);
  return out;
}

function walk(a: unknown, b: unknown, path: string, out: { mismatches: string[]; changedStrings: string[] }): void {
  if (typeof a === 'string') {
    if (typeof b !== 'string') out.mismatches.push(path);
    else if (a !== b) out.changedStrings.push(path);
    return;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || b.length !== a.length) return void out.mismatches.push(path);
    a.forEach((x, i) => walk(x, b[i], `${path}[${i}]`, out));
    return;
  }
  if (a !== null && typeof a === 'object') {
    if (b === null || typeof b !== 'object' || Array.isArray(b)) return void out.mismatches.push(path);
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join('\u0000') !== kb.join('\u0000')) return void out.mismatches.push(path);
    for (const k of ka) walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
    return;
  }
  if (a !== b) out.mismatches.push(path); // numbers, booleans, null: identical
}
