/**
 * Words the rule-based NER never reports as a PERSON / LOCATION / ORGANIZATION on their own,
 * however they are capitalized: languages and demonyms, tech products, calendar and other common
 * capitalized words, acronyms. A run made only of these (and common words) is dropped; a run with
 * one of them at either end is trimmed ("Translate Maria's notes" → "Maria").
 */
import { CAPITALIZED_WORDS } from './capitalized-words';
import { DEMONYMS } from './demonyms';
import { TECH_TERMS } from './tech-terms';

const ACRONYMS = 'atm iban ssn pin cc cvv dob id usa uk eu un nato tv dj ok url ip pc mac os'.split(' ');

export const STOP_WORDS: ReadonlySet<string> = new Set([...DEMONYMS, ...TECH_TERMS, ...CAPITALIZED_WORDS, ...ACRONYMS]);

