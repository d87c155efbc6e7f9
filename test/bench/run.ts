/**
 * `npm run bench`: every throughput and latency figure the issues ask for, measured on this
 * machine against the local stack. `--only a,b` picks sections; `--json` prints JSON at the end.
 * Sections: detect, stages, crypto, vault, audit, pipeline.
 */
import { cpus, loadavg } from 'node:os';
import { bootstrap, createAppContext } from '../../workers/runtime/app-context';
import { benchDetect } from './detect.bench';
import { benchLogDetect } from './log-detect.bench';
import { benchStages } from './stages.bench';
import { benchAead, benchFf1 } from './ff1.bench';
import { benchPipeline, DEFAULT_WARMUP_PROMPTS, type PipelineBenchResult } from './pipeline.bench';
import type { CpuBreakdown } from './cpu-account';
import { benchVault } from './vault.bench';
import { benchAnchoring, benchSinkThroughput, benchVerify } from './audit.bench';

type Row = [section: string, figure: string, value: string, target: string];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const onlyArg = args.find((a) => a.startsWith('--only'))?.split('=')[1] ?? (args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined);
  const only = onlyArg ? new Set(onlyArg.split(',')) : undefined;
  const want = (s: string) => !only || only.has(s);
  const rows: Row[] = [];
  const raw: Record<string, unknown> = {};
  const say = (r: Row) => {
    rows.push(r);
    process.stderr.write(`  ${r[0]}: ${r[1]} = ${r[2]}\n`);
  };
  process.stderr.write(`bench on ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${new Date().toISOString()}\n`);

  if (want('detect')) {
    const d = benchDetect(5000);
    raw.detect = d;
    say(['detect', 'PII/secret detection, 500-char prompts (per CPU-second)', `${d.cpuPromptsPerSec} prompts/s/core`, '≥ 5,000']);
    say(['detect', 'PII/secret detection, wall clock', `${d.promptsPerSec} prompts/s`, '']);
  }
  if (want('stages')) {
    const st = benchStages();
    raw.stages = st;
    say(['stages', 'detect / decide / protect per prompt (mean)', `${st.detectUs} / ${st.decideUs} / ${st.protectUs} µs`, '']);
    say(['stages', 'all three stages, one core (CPU time)', `${st.cpuPromptsPerSec} prompts/s/core`, '']);
    const logs = benchLogDetect();
    raw.logDetect = logs;
    say(['stages', 'detect stage, JSON log lines of 8-9 fields (CPU per line)', `${logs.cpuUsPerLine} µs`, '']);
  }
  if (want('crypto')) {
    const f = benchFf1(30_000);
    const a = benchAead(30_000);
    raw.crypto = { ...f, ...a };
    say(['crypto', 'FF1 encrypt, 16 digits', `${f.opsPerSecReusedCipher} ops/s`, '']);
    say(['crypto', 'AES-256-GCM seal / open', `${a.sealOpsPerSec} / ${a.openOpsPerSec} ops/s`, '']);
  }
  if (want('vault') || want('audit')) {
    const ctx = await createAppContext('bench');
    try {
      await bootstrap(ctx);
      if (want('vault')) {
        const v = await benchVault(ctx);
        raw.vault = v;
        say(['vault', 'tokenize + batched vault write', `${Math.round(v.tokenizeWritePerSec)} values/s`, '≥ 20,000']);
        say(['vault', 'detokenize p50 / p99 (cached key; relay in the jobs worker)', `${v.detokenizeP50Ms.toFixed(2)} / ${v.detokenizeP99Ms.toFixed(2)} ms`, 'p99 < 5 ms']);
        say(['vault', 'its audit event acked by Kafka, after return p50 / p99', `${v.auditDeliveryP50Ms.toFixed(2)} / ${v.auditDeliveryP99Ms.toFixed(2)} ms`, '']);
        const inProc = v.inProcessRelay;
        say(['vault', 'detokenize p50 / p99, relay in the serving process', `${inProc.p50Ms.toFixed(2)} / ${inProc.p99Ms.toFixed(2)} ms`, '']);
      }
      if (want('audit')) {
        const s = await benchSinkThroughput(ctx);
        const ver = await benchVerify(ctx, s.tenantId);
        const anchor = await benchAnchoring(ctx, Number(process.env.BENCH_ANCHOR_EVENTS ?? 1_000_000));
        raw.audit = { sink: s, verify: ver, anchor };
        say(['audit', 'sink: chain + insert into ClickHouse', `${Math.round(s.eventsPerSec)} events/s`, '≥ 50,000']);
        say(['audit', 'verify chain from ClickHouse', `${Math.round(ver.eventsPerSec)} events/s`, '']);
        say(['audit', `anchor ${anchor.events.toLocaleString('en')} events`, `${anchor.anchorSec.toFixed(1)} s`, '']);
      }
    } finally {
      await ctx.close();
    }
  }
  if (want('pipeline')) {
    const results: PipelineBenchResult[] = [];
    // A 60,000-prompt backlog measures a warmed-up worker: in a 20,000-prompt drain the JIT warm-up
    // of each thread (three isolates per fused process) was 12–16 % of the worker's CPU per prompt.
    const prompts = Number(process.env.BENCH_PROMPTS ?? 60_000);
    say(['pipeline', 'each drain: measured backlog (after a warm-up backlog)', `${prompts.toLocaleString('en')} prompts (after ${DEFAULT_WARMUP_PROMPTS.toLocaleString('en')})`, '']);
    // Fused ×1/×2/×3 is issue 9's scaling series (processes share the topics' 6 partitions).
    for (const [t, p] of [['passthrough', 1], ['fused', 1], ['fused', 2], ['fused', 3], ['split', 1]] as const) {
      const r = await benchPipeline(t, { prompts, processes: p });
      results.push(r);
      say(['pipeline', `${t}${p > 1 ? ` ×${p} processes` : ''}: throughput`, `${r.promptsPerSec} prompts/s`, t === 'fused' && p > 1 ? '≥ 5,000' : '']);
      say(['pipeline', `${t}${p > 1 ? ` ×${p}` : ''}: end-to-end p50 / p99 at ${r.steadyRate}/s`, `${r.p50Ms} / ${r.p99Ms} ms`, '']);
      if (r.cpu) say(['pipeline', `${t}${p > 1 ? ` ×${p}` : ''}: CPU µs per prompt during the drain`, cpuSummary(r.cpu), '']);
    }
    // The passthrough again, last: the first drain after a broker start runs on a cold JVM (12,361
    // prompts/s with the broker at 66 µs per prompt, against 20,775–27,149 and 15–20 µs warm), which
    // flattered every ratio. The faster of the two is the base, so drift cannot flatter them either.
    const again = await benchPipeline('passthrough', { prompts });
    results.push(again);
    say(['pipeline', 'passthrough, again after the others: throughput', `${again.promptsPerSec} prompts/s`, '']);
    if (again.cpu) say(['pipeline', 'passthrough, again: CPU µs per prompt during the drain', cpuSummary(again.cpu), '']);
    const base = Math.max(results[0]!.promptsPerSec, again.promptsPerSec);
    say(['pipeline', 'base of the ratios: the faster passthrough', `${base} prompts/s`, '']);
    // One drain of the same code varies by ±10 % with the host's speed (4,479–6,160 prompts/s in one
    // hour of session 10): the fused target is judged on the median of several drains, run at
    // different points of the run.
    const fused = [results[1]!.promptsPerSec];
    for (let k = 1; k < FUSED_DRAINS; k++) {
      const r = await benchPipeline('fused', { prompts });
      fused.push(r.promptsPerSec);
      say(['pipeline', `fused, drain ${k + 1} of ${FUSED_DRAINS}: throughput`, `${r.promptsPerSec} prompts/s`, '']);
    }
    const fusedMedian = median(fused);
    raw.fusedDrains = { promptsPerSec: fused, median: fusedMedian };
    say(['pipeline', `fused: median of ${FUSED_DRAINS} drains (range)`, `${fusedMedian} (${Math.min(...fused)}–${Math.max(...fused)}) prompts/s`, '≥ 5,000']);
    say(['pipeline', 'fused (median) / passthrough', (fusedMedian / base).toFixed(2), '≥ 0.3']);
    for (const r of results.filter((x) => x.topology !== 'passthrough' && x.processes > 1)) say(['pipeline', `${r.topology} ×${r.processes} / passthrough`, (r.promptsPerSec / base).toFixed(2), '≥ 0.3']);
    const splitRun = results.find((x) => x.topology === 'split');
    if (splitRun) say(['pipeline', 'split / passthrough', (splitRun.promptsPerSec / base).toFixed(2), '']);
    // The same mix cut to 100 characters (the shared labeled data's prompts: median 65, mean 83)
    // splits the worker's CPU into a cost per prompt and a cost per character.
    const short = await benchPipeline('fused', { prompts, promptChars: SHORT_PROMPT_CHARS });
    results.push(short);
    say(['pipeline', `fused, ${SHORT_PROMPT_CHARS}-char prompts: throughput`, `${short.promptsPerSec} prompts/s`, '']);
    // Context for the ratio at about the labeled data's prompt length: one drain, and not the
    // target's figure, which is judged on the 500-character median above.
    say(['pipeline', `fused, ${SHORT_PROMPT_CHARS}-char prompts / passthrough (one drain)`, (short.promptsPerSec / base).toFixed(2), '']);
    if (short.cpu) say(['pipeline', `fused, ${SHORT_PROMPT_CHARS}-char prompts: CPU µs per prompt`, cpuSummary(short.cpu), '']);
    const split = workerCostSplit(results[1]!, short);
    if (split) say(['pipeline', 'fused worker CPU: per prompt + per 100 chars', `${split.perPromptUs} + ${split.per100CharsUs} µs`, '']);
    raw.pipeline = results;
  }

  const width = [10, 58, 28, 10];
  const line = (r: string[]) => r.map((c, i) => c.padEnd(width[i]!)).join(' ');
  process.stdout.write(`\n${line(['section', 'figure', 'measured', 'target'])}\n${'-'.repeat(110)}\n${rows.map(line).join('\n')}\n`);
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(raw, null, 2)}\n`);
}

const SHORT_PROMPT_CHARS = 100;

/** Single-process fused drains per run (BENCH_FUSED_DRAINS): the first with the other topologies, the rest after them. */
const FUSED_DRAINS = drainsFromEnv(process.env.BENCH_FUSED_DRAINS);

function drainsFromEnv(value: string | undefined): number {
  const n = Number(value ?? 3);
  if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_FUSED_DRAINS must be a whole number ≥ 1, got ${JSON.stringify(value)}`);
  return n;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

/**
 * The worker's CPU per prompt as a line through two prompt lengths of the same run: what every
 * prompt costs whatever its length (transport, decide, protect, audit) and what each 100 characters
 * of text add (mostly detection).
 */
function workerCostSplit(long: PipelineBenchResult, short: PipelineBenchResult): { perPromptUs: number; per100CharsUs: number } | undefined {
  if (!long.cpu || !short.cpu || long.promptChars === short.promptChars) return undefined;
  const slope = (long.cpu.usPerPrompt.workers - short.cpu.usPerPrompt.workers) / (long.promptChars - short.promptChars);
  return { perPromptUs: Math.round(short.cpu.usPerPrompt.workers - slope * short.promptChars), per100CharsUs: Math.round(slope * 100) };
}

/** "workers 480 · kafka 85 · bench 95 · … µs, idle 8 %": the groups that spent anything, largest first. */
function cpuSummary(cpu: CpuBreakdown): string {
  const parts = Object.entries(cpu.usPerPrompt)
    .filter(([, us]) => us > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([group, us]) => `${group} ${us}`);
  return `${parts.join(' · ')} µs; idle ${cpu.idlePct} %`;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
