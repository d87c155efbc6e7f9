/** Honorifics / name prefixes (lower-case, without trailing dot). Emitted as PREFIX and used as a PERSON cue. */
export const HONORIFICS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'lady', 'lord', 'rev', 'reverend', 'fr',
  'capt', 'captain', 'col', 'gen', 'lt', 'sgt', 'hon', 'judge', 'madam', 'madame', 'mme', 'mlle', 'herr', 'frau', 'señor', 'señora', 'sr', 'sra',
]);

/** Name particles that may appear lower-case inside a person name ("Donald van der Voet"). */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'van', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'dos', 'das', 'do', 'du', 'la', 'le', 'von', 'zu', 'ten', 'ter', 'bin', 'binti', 'al', 'el', 'y', 'af', 'av',
]);
