/**
 * Checks on a schema-valid ruleset that JSON Schema cannot express (cross-field relations,
 * duplicates by key, parsed values). Errors reject the ruleset; warnings are advisory
 * (the ruleset still works, but probably not as the author meant).
 */
import { globMatch } from './allowlist';
import { ruleId, scopeOf, ttlToSeconds } from './precedence';
import type { ClassRule, EntityRule, PathError, Ruleset } from './types';

/**
 * Entity names emitted by the bundled detectors (and common Presidio names). Unknown names are
 * allowed because tenants may run custom recognizers, but they are warned about: a typo such as
 * 'CREDITCARD' would otherwise silently never match.
 */
export const KNOWN_ENTITIES: ReadonlySet<string> = new Set([
  'EMAIL_ADDRESS', 'PHONE_NUMBER', 'PERSON', 'LOCATION', 'ADDRESS', 'DATE_OF_BIRTH', 'IP_ADDRESS',
  'US_SSN', 'US_PASSPORT', 'US_DRIVER_LICENSE', 'IBAN_CODE', 'NATIONAL_ID', 'CREDIT_CARD', 'CVV',
  'CARD_EXPIRY', 'BANK_ACCOUNT', 'MEDICAL_RECORD_NUMBER', 'HEALTH_INSURANCE_ID', 'DIAGNOSIS',
  'MEDICATION', 'API_KEY', 'AWS_ACCESS_KEY', 'AWS_SECRET_KEY', 'PRIVATE_KEY', 'PASSWORD', 'JWT',
  'GITHUB_TOKEN', 'SLACK_TOKEN', 'GENERIC_SECRET', 'CONNECTION_STRING', 'URL', 'PROMPT_INJECTION',
]);

export function semanticIssues(r: Ruleset): { errors: PathError[]; warnings: PathError[] } {
  const errors: PathError[] = [];
  const warnings: PathError[] = [];
  checkRules(r.classes ?? [], '/classes', (c) => c.dataClass, 'class', errors, warnings);
  checkRules(r.entities ?? [], '/entities', (e) => e.entity, 'entity', errors, warnings);
  (r.entities ?? []).forEach((e, i) => {
    if (!KNOWN_ENTITIES.has(e.entity)) warnings.push({ path: `/entities/${i}/entity`, message: `unknown entity '${e.entity}' (custom recognizer?)` });
  });

  const inj = r.injection;
  if (inj?.reframeAbove !== undefined && inj.blockAbove !== undefined && inj.reframeAbove > inj.blockAbove) {
    errors.push({ path: '/injection/reframeAbove', message: `reframeAbove (${inj.reframeAbove}) must be <= blockAbove (${inj.blockAbove})` });
  }

  if (r.reframe) checkTemplate(r.reframe.template, errors);

  (r.allowlist?.patterns ?? []).forEach((p, i) => {
    // A pattern that matches the empty string and any text would silently disable the policy.
    const path = `/allowlist/patterns/${i}/pattern`;
    if (globMatch(p.pattern, '')) errors.push({ path, message: 'pattern matches every value' });
    else if (/^[#?*]+$/.test(p.pattern)) warnings.push({ path, message: 'pattern has no literal characters; it allows very broadly' });
  });
  return { errors, warnings };
}

function checkRules<R extends ClassRule | EntityRule>(
  rules: readonly R[],
  base: string,
  key: (r: R) => string,
  kind: 'class' | 'entity',
  errors: PathError[],
  warnings: PathError[],
): void {
  const claimed = new Map<string, number>(); // "name@source" -> index of the first rule claiming it
  rules.forEach((rule, i) => {
    for (const source of scopeOf(rule.appliesTo, ['log', 'prompt'])) {
      const slot = `${key(rule)}@${source}`;
      const first = claimed.get(slot);
      if (first !== undefined) {
        errors.push({ path: `${base}/${i}`, message: `duplicate rule ${ruleId(kind, key(rule), rule.appliesTo)}: overlaps ${base}/${first} for source '${source}'` });
        break;
      }
      claimed.set(slot, i);
    }
    if (rule.ttl !== undefined && ttlToSeconds(rule.ttl) === undefined) {
      errors.push({ path: `${base}/${i}/ttl`, message: 'ttl must be a positive duration' });
    }
    if (rule.action !== 'encrypt' && rule.tokenFormat !== undefined) {
      warnings.push({ path: `${base}/${i}/tokenFormat`, message: `ignored: action is '${rule.action}', not 'encrypt'` });
    }
    if (rule.action !== 'encrypt' && rule.ttl !== undefined) {
      warnings.push({ path: `${base}/${i}/ttl`, message: `ignored: action is '${rule.action}', not 'encrypt'` });
    }
    if (rule.action === 'reframe' && scopeOf(rule.appliesTo, ['log', 'prompt']).includes('log')) {
      warnings.push({ path: `${base}/${i}/action`, message: "reframe applies to log records too; consider appliesTo: ['prompt']" });
    }
  });
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

function checkTemplate(template: string, errors: PathError[]): void {
  let contentCount = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m[0] === '{{content}}') contentCount++;
    else if (m[0] !== '{{id}}') errors.push({ path: '/reframe/template', message: `unknown placeholder ${m[0]} (allowed: {{content}}, {{id}})` });
  }
  if (contentCount !== 1) errors.push({ path: '/reframe/template', message: `{{content}} must appear exactly once (found ${contentCount})` });
}
