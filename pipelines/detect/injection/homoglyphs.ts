/**
 * Confusable characters that render (near-)identically to ASCII letters. Attackers swap them into
 * trigger words ("іgnоrе" with Cyrillic і/о/е) to slip past keyword rules. We only map them inside
 * words that ALSO contain ASCII letters: a word written wholly in Cyrillic or Greek is ordinary
 * foreign-language text, and mapping it would both garble it and raise false obfuscation signals.
 */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  // Cyrillic lower / upper
  ['а', 'a'], ['в', 'b'], ['е', 'e'], ['ё', 'e'], ['о', 'o'], ['р', 'p'], ['с', 'c'], ['у', 'y'], ['х', 'x'],
  ['і', 'i'], ['ї', 'i'], ['ј', 'j'], ['ѕ', 's'], ['ԁ', 'd'], ['һ', 'h'], ['ӏ', 'l'], ['к', 'k'], ['м', 'm'],
  ['н', 'h'], ['т', 't'], ['ԛ', 'q'], ['ԝ', 'w'], ['ɡ', 'g'],
  ['А', 'a'], ['В', 'b'], ['Е', 'e'], ['К', 'k'], ['М', 'm'], ['Н', 'h'], ['О', 'o'], ['Р', 'p'], ['С', 'c'],
  ['Т', 't'], ['Х', 'x'], ['У', 'y'], ['І', 'i'], ['Ј', 'j'], ['Ѕ', 's'], ['Ԁ', 'd'], ['Һ', 'h'], ['Ӏ', 'l'],
  // Greek lower / upper
  ['α', 'a'], ['ο', 'o'], ['ρ', 'p'], ['ν', 'v'], ['ι', 'i'], ['κ', 'k'], ['τ', 't'], ['υ', 'u'], ['χ', 'x'],
  ['ε', 'e'], ['ϲ', 'c'], ['ϳ', 'j'],
  ['Α', 'a'], ['Β', 'b'], ['Ε', 'e'], ['Ζ', 'z'], ['Η', 'h'], ['Ι', 'i'], ['Κ', 'k'], ['Μ', 'm'], ['Ν', 'n'],
  ['Ο', 'o'], ['Ρ', 'p'], ['Τ', 't'], ['Υ', 'y'], ['Χ', 'x'],
  // Latin-adjacent look-alikes outside ASCII that NFKC leaves alone
  ['ı', 'i'], ['ȷ', 'j'], ['ł', 'l'], ['ø', 'o'], ['օ', 'o'], ['ս', 'u'], ['ց', 'g'], ['ո', 'n'],
];

export const HOMOGLYPHS: ReadonlyMap<string, string> = new Map(PAIRS);

const HAS_ASCII_LETTER = /[A-Za-z]/;

/**
 * Maps confusables in one word to ASCII when the word mixes scripts.
 * Returns the mapped word and how many characters were replaced (0 when the word is left as is).
 */
export function unconfuseWord(word: string): { word: string; replaced: number } {
  if (!HAS_ASCII_LETTER.test(word)) return { word, replaced: 0 };
  let out = '';
  let replaced = 0;
  for (const ch of word) {
    const mapped = HOMOGLYPHS.get(ch);
    if (mapped !== undefined) {
      out += mapped;
      replaced++;
    } else {
      out += ch;
    }
  }
  return { word: replaced > 0 ? out : word, replaced };
}
