/**
 * Allowlist matching. Regex-free on purpose: tenant-supplied regexes are a ReDoS vector in a
 * hot Kafka consumer, and the real use cases (own e-mail domain, card test numbers, a few fixed
 * values) need only exact values, domains and '#'/'?'/'*' globs.
 */
import type { Allowlist, AllowPattern } from './types';

export type AllowlistRule = 'allowlist:value' | 'allowlist:email_domain' | 'allowlist:pattern';

const EMAIL = /^[^@\s]+@([^@\s]+)$/;

/** Which allowlist rule (if any) allows `value` found as `entity`. Checked in the order listed. */
export function matchAllowlist(allowlist: Allowlist | undefined, entity: string, value: string): AllowlistRule | undefined {
  if (!allowlist) return undefined;
  if (allowlist.values?.includes(value)) return 'allowlist:value';
  if (allowlist.emailDomains?.length && matchEmailDomain(allowlist.emailDomains, value)) return 'allowlist:email_domain';
  if (allowlist.patterns?.some((p) => matchPattern(p, entity, value))) return 'allowlist:pattern';
  return undefined;
}

/** Exact domain match, or subdomain match for '*.example.com' entries; case-insensitive. */
export function matchEmailDomain(domains: readonly string[], value: string): boolean {
  const m = EMAIL.exec(value.trim());
  if (!m || m[1] === undefined) return false;
  const domain = m[1].toLowerCase().replace(/\.$/, '');
  return domains.some((entry) => {
    const e = entry.toLowerCase();
    // '*.acme.com' deliberately does not match 'acme.com' itself: list both if both are wanted.
    return e.startsWith('*.') ? domain.endsWith(e.slice(1)) && domain.length > e.length - 1 : domain === e;
  });
}

export function matchPattern(p: AllowPattern, entity: string, value: string): boolean {
  if (p.entities && !p.entities.includes(entity)) return false;
  const subject = p.ignoreSeparators ? stripSeparators(value) : value;
  return globMatch(p.pattern, subject);
}

/**
 * value.replace(/[\s.-]/g, '') without a regex pass (this runs for every card-like finding).
 * Separators are '.', '-' and exactly the UTF-16 units JS's \s matches; a unit test checks all
 * 65,536 units against the regex.
 */
export function stripSeparators(value: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    if (isSeparator(value.charCodeAt(i))) {
      out += value.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? value : out + value.slice(from);
}

function isSeparator(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c === 0x2d || c === 0x2e) return true; // '-', '.'
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Whole-string glob: '#' one ASCII digit, '?' one UTF-16 unit, '*' any run. Iterative two-pointer
 * matching with single backtrack point: O(n*m) worst case, no exponential blow-up.
 */
export function globMatch(pattern: string, subject: string): boolean {
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  while (s < subject.length) {
    const pc = pattern[p];
    const sc = subject[s] as string;
    if (pc !== undefined && pc !== '*' && (pc === '?' || (pc === '#' ? sc >= '0' && sc <= '9' : pc === sc))) {
      p++;
      s++;
    } else if (pc === '*') {
      starP = p++;
      starS = s;
    } else if (starP >= 0) {
      p = starP + 1;
      s = ++starS;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
