/**
 * Cosine similarity of one query to every stored signature (rows in compressed sparse form), by
 * whichever of two exact scans does less work for this query:
 *  - by rows: every stored non-zero times the query's value there. Its cost is fixed per prompt
 *    (~100 signatures × ~200 non-zeros), whatever the prompt's length;
 *  - by the query's non-zeros: for each dimension the query uses, the signatures that use it too
 *    (a posting list). A short prompt's hashed vector has few non-zeros (a 20-character prompt
 *    ~60 of 768), so this skips most of the stored ones; a long prompt's vector is mostly filled,
 *    and the row scan wins.
 * Both add each row's terms in ascending dimension order, starting from +0. The second only skips
 * terms whose query value is 0, and adding ±0 to a sum that is never -0 leaves it unchanged, so
 * every similarity is bit-identical either way.
 *
 * The arrays are captured as closure constants: V8 compiles the loops ~2.4x faster than with the
 * same arrays read from object fields (measured on Node 20). The query is widened to doubles once.
 * The result buffer is reused (callers read it before the next call): a fresh Float64Array per
 * query (over V8's 64-byte on-heap limit) cost ~0.5 µs to allocate.
 */
export type SimilarityScan = (vec: Float32Array) => Float64Array;

/**
 * The posting-list scan is chosen when its work is below this share of the row scan's: its adds
 * scatter over the result, ~3x the cost of a row's add. Measured per query over the 94 shipped
 * signatures: 20-character prompts 15.5 → 7.1 µs, 60 characters even, 100 and more rows win.
 */
const BY_QUERY_WORK_SHARE = 0.2;

export function similarityScanner(idx: Int32Array, val: Float64Array, rowStart: Int32Array, rows: number, dim: number): SimilarityScan {
  const q = new Float64Array(dim);
  const out = new Float64Array(rows);
  const { start, row, value } = transpose(idx, val, rowStart, rows, dim);
  const budget = rowStart[rows]! * BY_QUERY_WORK_SHARE;
  return (vec) => {
    let work = 0;
    for (let i = 0; i < dim; i++) {
      const x = vec[i]!;
      q[i] = x;
      if (x !== 0) work += start[i + 1]! - start[i]!;
    }
    if (work < budget) {
      out.fill(0);
      for (let d = 0; d < dim; d++) {
        const x = q[d]!;
        if (x === 0) continue;
        for (let p = start[d]!, end = start[d + 1]!; p < end; p++) out[row[p]!] += value[p]! * x;
      }
      return out;
    }
    let j = 0;
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (const end = rowStart[r + 1]!; j < end; j++) s += val[j]! * q[idx[j]!]!;
      out[r] = s;
    }
    return out;
  };
}

/** Column-major copy of the rows: for each dimension, the rows using it (ascending) and their values. */
function transpose(idx: Int32Array, val: Float64Array, rowStart: Int32Array, rows: number, dim: number): { start: Int32Array; row: Int32Array; value: Float64Array } {
  const start = new Int32Array(dim + 1);
  for (let j = 0; j < rowStart[rows]!; j++) start[idx[j]! + 1]!++;
  for (let d = 0; d < dim; d++) start[d + 1]! += start[d]!;
  const fill = start.slice(0, dim);
  const row = new Int32Array(rowStart[rows]!);
  const value = new Float64Array(rowStart[rows]!);
  for (let r = 0; r < rows; r++) {
    for (let j = rowStart[r]!; j < rowStart[r + 1]!; j++) {
      const at = fill[idx[j]!]!++;
      row[at] = r;
      value[at] = val[j]!;
    }
  }
  return { start, row, value };
}
