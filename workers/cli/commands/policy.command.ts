import type { Command } from 'commander';
import { diffRulesets, isEmptyDiff, rulesetHash, validateRuleset } from '../../../pipelines/policy';
import { activatePolicy, DEFAULT_POLICY_NAME, getPolicyRuleset, publishPolicy, retirePolicy } from '../../policy/policy.repo';
import { printPathErrors, readJsonFile, rethrowRefusal } from '../policy-io';
import { action, CommandFailure, printJson, withApp } from '../run-command';
import { registerPolicyRolloutCommands } from './policy-rollout.command';

const out = (line: string): void => void process.stdout.write(`${line}\n`);

/**
 * `sentinel policy …`: validate and diff work on files alone (no service); the rest use the owner
 * connection. Exit codes: 0 ok, 1 refused / invalid / failed, 2 usage.
 */
export function registerPolicyCommands(program: Command): void {
  const policy = program.command('policy').description('validate, publish, activate, pin and shadow per-tenant policy versions');

  policy
    .command('validate')
    .description('check a ruleset file against the schema and semantic rules (no service needed); exit 1 listing every error path')
    .argument('<file>', 'ruleset JSON file')
    .option('--json', 'print {ok, errors, warnings, rulesetHash} as JSON')
    .action(
      action(async (file: string, o: { json?: boolean }) => {
        const r = validateRuleset(readJsonFile(file));
        if (o.json) printJson(r.ok ? { ok: true, rulesetHash: rulesetHash(r.ruleset), errors: [], warnings: r.warnings } : { ok: false, errors: r.errors, warnings: r.warnings });
        printPathErrors(file, r.warnings, 'warning');
        if (!r.ok) {
          if (!o.json) printPathErrors(file, r.errors);
          throw new CommandFailure(`${file}: invalid ruleset (${r.errors.length} error(s))`);
        }
        if (!o.json) out(`${file}: valid (${rulesetHash(r.ruleset)})`);
      }),
    );

  policy
    .command('diff')
    .description('structural diff of two rulesets: two files, or two stored versions with --tenant')
    .argument('<before>', 'file (or version with --tenant)')
    .argument('<after>', 'file (or version with --tenant)')
    .option('--tenant <uuid>', 'compare stored versions of this tenant instead of files')
    .option('--name <name>', 'policy name (with --tenant)', DEFAULT_POLICY_NAME)
    .option('--json', 'print the diff as JSON')
    .action(
      action(async (before: string, after: string, o: { tenant?: string; name: string; json?: boolean }) => {
        const [a, b] = o.tenant
          ? await withApp('cli', async (ctx) => {
              const t = o.tenant as string;
              return [(await getPolicyRuleset(ctx.pg.admin, t, before, o.name)).ruleset, (await getPolicyRuleset(ctx.pg.admin, t, after, o.name)).ruleset];
            }).catch((err: unknown) => rethrowRefusal('diff', err))
          : [readJsonFile(before), readJsonFile(after)];
        const d = diffRulesets(a, b);
        if (o.json) return printJson(d);
        if (isEmptyDiff(d)) return out('no differences');
        for (const x of d.removed) out(`- ${x.path}: ${JSON.stringify(x.value)}`);
        for (const x of d.added) out(`+ ${x.path}: ${JSON.stringify(x.value)}`);
        for (const x of d.changed) out(`~ ${x.path}: ${JSON.stringify(x.from)} -> ${JSON.stringify(x.to)}`);
      }),
    );

  policy
    .command('publish')
    .description('validate a ruleset file and store it as a new draft version (refused, nothing stored, if invalid)')
    .requiredOption('--tenant <uuid>', 'tenant id')
    .requiredOption('--file <file>', 'ruleset JSON file')
    .requiredOption('--version <semver>', 'version, e.g. 1.2.0')
    .option('--name <name>', 'policy name', DEFAULT_POLICY_NAME)
    .option('--description <text>', 'description (default: the ruleset description)')
    .option('--activate', 'also make it the active version, in the same transaction')
    .option('--json', 'print the result as JSON')
    .action(
      action(async (o: { tenant: string; file: string; version: string; name: string; description?: string; activate?: boolean; json?: boolean }) => {
        const ruleset = readJsonFile(o.file);
        const r = await withApp('cli', (ctx) =>
          publishPolicy(ctx.pg.admin, { tenantId: o.tenant, version: o.version, ruleset, name: o.name, description: o.description, activate: o.activate }),
        ).catch((err: unknown) => rethrowRefusal(o.file, err));
        printPathErrors(o.file, r.warnings, 'warning');
        if (o.json) return printJson(r);
        out(`${r.created ? 'published' : 'already published'} ${r.policy.name} ${r.policy.version} as ${r.policy.status} (${r.policy.id}, ${r.policy.rulesetHash})`);
        for (const d of r.deprecated) out(`deprecated ${d.name} ${d.version}`);
      }),
    );

  policy
    .command('activate')
    .description("make a version the tenant's one active version (the previous active one becomes deprecated, atomically)")
    .requiredOption('--tenant <uuid>', 'tenant id')
    .requiredOption('--version <semver>', 'version to activate')
    .option('--name <name>', 'policy name', DEFAULT_POLICY_NAME)
    .option('--json', 'print the result as JSON')
    .action(
      action(async (o: { tenant: string; version: string; name: string; json?: boolean }) => {
        const r = await withApp('cli', (ctx) => activatePolicy(ctx.pg.admin, o.tenant, o.version, o.name)).catch((err: unknown) => rethrowRefusal('activate', err));
        if (o.json) return printJson(r);
        out(`active: ${r.activated.name} ${r.activated.version} (${r.activated.id})`);
        for (const d of r.deprecated) out(`deprecated: ${d.name} ${d.version}`);
        if (r.pinnedTo && r.pinnedTo !== r.activated.id) out(`note: the tenant is pinned to policy ${r.pinnedTo}; the pin applies until \`policy unpin\``);
      }),
    );

  for (const to of ['deprecated', 'archived'] as const) {
    policy
      .command(to === 'deprecated' ? 'deprecate' : 'archive')
      .description(to === 'deprecated' ? 'deprecate a version (pins to it keep working)' : 'archive a deprecated or draft version for good')
      .requiredOption('--tenant <uuid>', 'tenant id')
      .requiredOption('--version <semver>', 'version')
      .option('--name <name>', 'policy name', DEFAULT_POLICY_NAME)
      .action(
        action(async (o: { tenant: string; version: string; name: string }) => {
          const p = await withApp('cli', (ctx) => retirePolicy(ctx.pg.admin, o.tenant, o.version, to, o.name)).catch((err: unknown) => rethrowRefusal(to, err));
          out(`${p.name} ${p.version} is ${p.status}`);
        }),
      );
  }

  registerPolicyRolloutCommands(policy);
}
