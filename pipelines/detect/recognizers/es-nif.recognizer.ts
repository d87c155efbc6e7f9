/** ES_NIF: Spanish DNI/NIF (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter) with the mod-23 letter. */
import { patternRecognizer } from '../recognizer';
import { digitRunStart } from '../pattern-exec';

const LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

export function nifValid(match: string): boolean {
  const s = match.toUpperCase().replace(/[\s\-]/g, '');
  const nie = 'XYZ'.indexOf(s[0]);
  const num = nie >= 0 ? String(nie) + s.slice(1, 8) : s.slice(0, 8);
  if (!/^\d{8}$/.test(num)) return false;
  return LETTERS[Number(num) % 23] === s[s.length - 1];
}

export const esNifRecognizer = patternRecognizer({
  name: 'es_nif',
  entity: 'ES_NIF',
  dataClass: 'pii',
  patterns: [
    { name: 'dni', regex: /(?<![\w\-])\d{8}-?[A-Za-z](?![\w\-])/g, score: 0.55, startCandidates: digitRunStart },
    { name: 'nie', regex: /(?<![\w\-])[XYZxyz]-?\d{7}-?[A-Za-z](?![\w\-])/g, score: 0.55 },
  ],
  contextWords: ['dni', 'nif', 'nie', 'documento', 'identidad', 'spanish id', 'spain'],
  contextBoost: 0.35,
  validate: nifValid,
});
