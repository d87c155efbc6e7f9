import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { DEFAULT_POLICY_REF, DEFAULT_RULESET, decide, rulesetHash, validateRuleset, type Ruleset } from '../../../pipelines/policy';
import { detectStage } from '../../../pipelines/stages/detect.stage';
import { clearShadowPolicy, pinPolicy, setShadowPolicy, tenantPolicyState, unpinPolicy } from '../../policy/policy-pins.repo';
import { DEFAULT_POLICY_NAME, listPolicies } from '../../policy/policy.repo';
import { formatShadowReport, shadowReport } from '../../policy/shadow-report';
import { parseTimeBound, printPathErrors, readJsonFile, rethrowRefusal } from '../policy-io';
import { action, CommandFailure, printJson, withApp } from '../run-command';

const out = (line: string): void => void process.stdout.write(`${line}\n`);

/** `policy list|pin|unpin|shadow|shadow-report|decide`: which version applies, and trying candidates safely. */
export function registerPolicyRolloutCommands(policy: Command): void {
  policy
    .command('list')
    .description("list a tenant's versions, marking the one that applies, the pin and the shadow candidate")
    .requiredOption('--tenant <uuid>', 'tenant id')
    .option('--name <name>', 'only this policy name')
    .option('--json', 'print as JSON')
    .action(
      action(async (o: { tenant: string; name?: string; json?: boolean }) => {
        const [versions, state] = await withApp('cli', async (ctx) => [await listPolicies(ctx.pg.admin, o.tenant, o.name), await tenantPolicyState(ctx.pg.admin, o.tenant)] as const).catch(
          (err: unknown) => rethrowRefusal('list', err),
        );
        if (o.json) return printJson({ ...state, versions });
        if (!state.applies) out(`applies: built-in default ${DEFAULT_POLICY_REF.version} (${DEFAULT_POLICY_REF.rulesetHash})`);
        for (const v of versions) {
          const marks = [v.id === state.applies?.id ? 'APPLIES' : '', v.id === state.pinned?.id ? 'PINNED' : '', v.id === state.shadow?.id ? 'SHADOW' : ''].filter(Boolean).join(',');
          out(`${v.name.padEnd(12)} ${v.version.padEnd(10)} ${v.status.padEnd(10)} ${marks.padEnd(22)} ${v.id}  ${v.createdAt}`);
        }
      }),
    );

  policy
    .command('pin')
    .description('pin the tenant to one active or deprecated version (it applies instead of the active one)')
    .requiredOption('--tenant <uuid>', 'tenant id')
    .requiredOption('--version <semver>', 'version to pin')
    .option('--name <name>', 'policy name', DEFAULT_POLICY_NAME)
    .action(
      action(async (o: { tenant: string; version: string; name: string }) => {
        const p = await withApp('cli', (ctx) => pinPolicy(ctx.pg.admin, o.tenant, o.version, o.name)).catch((err: unknown) => rethrowRefusal('pin', err));
        out(`pinned to ${p.name} ${p.version} (${p.id}, ${p.status})`);
      }),
    );

  policy
    .command('unpin')
    .description('remove the pin: the active version applies again')
    .requiredOption('--tenant <uuid>', 'tenant id')
    .action(
      action(async (o: { tenant: string }) => {
        await withApp('cli', (ctx) => unpinPolicy(ctx.pg.admin, o.tenant)).catch((err: unknown) => rethrowRefusal('unpin', err));
        out('unpinned');
      }),
    );

  policy
    .command('shadow')
    .description('evaluate a candidate version beside the applicable one: audited with shadow=true, never enforced')
    .requiredOption('--tenant <uuid>', 'tenant id')
    .option('--version <semver>', 'candidate version (draft, active or deprecated)')
    .option('--name <name>', 'policy name', DEFAULT_POLICY_NAME)
    .option('--off', 'stop shadowing')
    .action(
      action(async (o: { tenant: string; version?: string; name: string; off?: boolean }) => {
        if (!o.off && !o.version) throw new CommandFailure('give --version <semver> or --off', 2);
        await withApp('cli', async (ctx) => {
          if (o.off) return void (await clearShadowPolicy(ctx.pg.admin, o.tenant));
          const p = await setShadowPolicy(ctx.pg.admin, o.tenant, o.version as string, o.name);
          out(`shadowing ${p.name} ${p.version} (${p.id}, ${p.status})`);
        }).catch((err: unknown) => rethrowRefusal('shadow', err));
        if (o.off) out('shadow off');
      }),
    );

  policy
    .command('shadow-report')
    .description('compare enforced and shadow decisions over a window (from the ClickHouse audit log)')
    .requiredOption('--tenant <uuid>', 'tenant id')
    .option('--since <when>', 'window start: duration before now (1h, 30m, 7d) or ISO time', '1h')
    .option('--until <when>', 'window end: duration before now or ISO time (default now)')
    .option('--json', 'print the report as JSON')
    .action(
      action(async (o: { tenant: string; since: string; until?: string; json?: boolean }) => {
        const now = Date.now();
        const from = parseTimeBound(o.since, now, '--since');
        const until = o.until ? parseTimeBound(o.until, now, '--until') : now;
        if (!/^[0-9a-f-]{36}$/i.test(o.tenant)) throw new CommandFailure('--tenant must be a UUID', 2);
        if (until <= from) throw new CommandFailure('--until must be after --since', 2);
        const r = await withApp('cli', (ctx) => shadowReport(ctx.ch, ctx.env.CLICKHOUSE_DATABASE, o.tenant.toLowerCase(), from, until));
        if (o.json) printJson(r);
        else process.stdout.write(formatShadowReport(r));
      }),
    );

  policy
    .command('decide')
    .description('decide JSON lines {"text": ...} from stdin with a ruleset file (or the built-in default); no service needed')
    .option('--file <file>', 'ruleset JSON file (default: the built-in default ruleset)')
    .option('--source <source>', 'prompt or log', 'prompt')
    .action(
      action(async (o: { file?: string; source: string }) => {
        let ruleset: Ruleset = DEFAULT_RULESET;
        if (o.file) {
          const r = validateRuleset(readJsonFile(o.file));
          if (!r.ok) {
            printPathErrors(o.file, r.errors);
            throw new CommandFailure(`${o.file}: invalid ruleset (${r.errors.length} error(s))`);
          }
          ruleset = r.ruleset;
        }
        const ref = o.file ? { policyId: `file:${o.file}`, version: '0.0.0', rulesetHash: rulesetHash(ruleset) } : DEFAULT_POLICY_REF;
        const source = o.source === 'log' ? 'log' : 'prompt';
        for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
          if (line.trim() === '') continue;
          const text = (JSON.parse(line) as { text?: unknown }).text;
          if (typeof text !== 'string') throw new CommandFailure('expected JSON lines {"text": string}', 2);
          const detection = detectStage(text, source);
          const d = decide({ ruleset, policyRef: ref, source, text, findings: detection.findings, injection: detection.injection });
          out(JSON.stringify({ action: d.action, matchedRules: d.matchedRules, actedOn: d.actedOn.map((a) => `${a.entity}[${a.start},${a.end})=${a.action}`), injection: detection.injection.score }));
        }
      }),
    );
}
