/** IP_ADDRESS: IPv4 with octet validation; IPv6 (full, compressed, v4-mapped) validated by node:net. */
import { isIPv6 } from 'node:net';
import { patternRecognizer } from '../recognizer';
import { digitRunStart } from '../pattern-exec';

function validV4(m: string): boolean {
  const parts = m.split('.');
  if (parts.length !== 4) return false;
  for (const p of parts) {
    if (p.length > 1 && p[0] === '0') return false; // leading zeros: more likely a version/date
    if (Number(p) > 255) return false;
  }
  return true;
}

function validV6(m: string): boolean | number {
  let colons = 0;
  for (let i = 0; i < m.length; i++) if (m[i] === ':') colons++;
  // Require real structure: a full 8-group form or a '::' compression with at least two groups,
  // so clock times ("12:30:45") and MAC addresses are rejected.
  if (colons < 2 || !/[0-9A-Fa-f]/.test(m)) return false;
  if (!m.includes('::') && colons < 7 && !m.includes('.')) return false;
  if (m === '::' || m.length < 3) return false;
  return isIPv6(m) ? true : false;
}

export const ipv4Recognizer = patternRecognizer({
  name: 'ipv4',
  entity: 'IP_ADDRESS',
  dataClass: 'pii',
  prefilter: (t) => t.includes('.'),
  patterns: [{ name: 'ipv4', regex: /(?<![\d.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\d]|\.\d)/g, score: 0.7, startCandidates: digitRunStart }],
  contextWords: ['ip', 'address', 'host', 'server', 'client', 'blocked', 'firewall'],
  contextBoost: 0.2,
  validate: validV4,
});

export const ipv6Recognizer = patternRecognizer({
  name: 'ipv6',
  entity: 'IP_ADDRESS',
  dataClass: 'pii',
  prefilter: (t) => t.includes(':'),
  patterns: [
    // Flat class; the candidate must start and end at a non-hex/colon boundary. Structure is checked by isIPv6.
    { name: 'ipv6', regex: /(?<![0-9A-Za-z:.])[0-9A-Fa-f:]{2,39}(?:\.\d{1,3}){0,3}(?![0-9A-Za-z:]|\.\d)/g, score: 0.75 },
  ],
  contextWords: ['ip', 'address', 'host', 'ipv6'],
  contextBoost: 0.2,
  validate: validV6,
});
