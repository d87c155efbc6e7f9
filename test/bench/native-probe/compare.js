// The native probe (src/lib.rs) against the TypeScript injection embedder and signature scan:
// every vector and best similarity compared bit for bit, then CPU µs per call, interleaved rounds,
// over the pipeline bench's synthetic prompts, normalize()d as the injection scorer passes them.
//   npm run build && cargo build --release --manifest-path test/bench/native-probe/Cargo.toml
//   node test/bench/native-probe/compare.js [chars=500]
// Plain JS, not in the build: it needs the Rust toolchain, which the product does not.
const path = require('node:path');
const dist = path.join(__dirname, '../../../dist');
const { defaultEmbedder } = require(`${dist}/pipelines/detect/injection/embedder`);
const { defaultSignatureIndex } = require(`${dist}/pipelines/detect/injection/defaults`);
const { normalize } = require(`${dist}/pipelines/detect/injection/normalize`);
const { makePrompts } = require(`${dist}/test/bench/detect.bench`);

const native = { exports: {} };
process.dlopen(native, path.join(__dirname, 'target/release/libnative_probe.so'));
const probe = native.exports;

const dim = defaultEmbedder.dim;
const index = defaultSignatureIndex(defaultEmbedder);
// SignatureIndex keeps its compressed rows private; the probe reads the same arrays.
probe.loadSignatures(index.idx, index.val, index.rowStart, dim);
const chars = Number(process.argv[2] ?? 500);
const texts = makePrompts(4000, 7, chars).map((p) => normalize(p).text);

let differing = 0;
for (const t of texts) {
  const js = defaultEmbedder.embed(t);
  const rs = probe.embed(t, dim);
  if (js.some((x, i) => !Object.is(x, rs[i]))) differing++;
  else if (!Object.is(index.best(js).similarity, probe.bestSimilarity(t))) differing++;
}
console.log(`${texts.length} texts of ${chars} chars: ${differing} differ from the TypeScript results`);
if (differing > 0) process.exit(1);

function cpuMicrosPerCall(f) {
  for (let i = 0; i < 2000; i++) f(texts[i % texts.length]);
  const c0 = process.cpuUsage();
  for (let r = 0; r < 5; r++) for (const t of texts) f(t);
  const c = process.cpuUsage(c0);
  return ((c.user + c.system) / (5 * texts.length)).toFixed(2);
}
const runs = {
  'embed+best ts': (t) => index.best(defaultEmbedder.embed(t)).similarity,
  'embed+best native': (t) => probe.bestSimilarity(t),
  'embed ts': (t) => defaultEmbedder.embed(t)[0],
  'embed native': (t) => probe.embedOnly(t, dim),
  'crossing only': (t) => probe.crossing(t),
};
for (let round = 0; round < 4; round++) {
  console.log(`round ${round} (CPU µs per call): ${Object.entries(runs).map(([name, f]) => `${name} ${cpuMicrosPerCall(f)}`).join(' | ')}`);
}
