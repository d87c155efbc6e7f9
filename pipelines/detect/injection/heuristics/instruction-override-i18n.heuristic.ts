/**
 * Instruction override in German (our second product language) plus the most common phrasings in
 * other languages seen in cross-lingual attacks. Text is diacritic-folded by normalize(), so
 * "Ausführungen" is written "ausfuhrungen" and "ß" as "ss" here.
 */
import { patternHeuristic } from './types';

const DE_VERB =
  '(?:vergiss|vergesst|vergessen sie|vergessen|ignoriere|ignorier|ignoriert|ignorieren sie|ignorieren|missachte|missachten sie|verwirf|verwerfen sie|uberspringe|streiche|streichen sie|losche|loschen sie|lass|lassen sie)';
const DE_FILLER =
  '(?:alle|alles|die|den|der|deine|ihre|eure|meine|samtliche|vorherigen|vorherige|bisherigen|bisherige|obigen|obige|vorangehenden|vorangegangenen|vorigen|fruheren|ursprunglichen|oben|genannten|gegebenen|davor|ganzen|gesamten|anderen|bis|jetzt|nun)';
const DE_STRONG =
  '(?:alle|alles|samtliche|deine|ihre|eure|vorherigen|vorherige|bisherigen|bisherige|obigen|obige|vorangehenden|vorangegangenen|vorigen|fruheren|ursprunglichen|gegebenen|davor|gesamten)';
const DE_OBJECT =
  '(?:anweisungen|anweisung|aufgaben|aufgabe|auftrage|befehle|instruktionen|informationen|angaben|regeln|vorgaben|ausfuhrungen|richtlinien|einschrankungen|prompts?|kontext|dokumente|artikel|gesagte)';

export const instructionOverrideI18nHeuristic = patternHeuristic('instruction_override', [
  { id: 'de_override', score: 0.9, re: new RegExp(`\\b${DE_VERB} (?:${DE_FILLER}\\W{1,3}){0,3}${DE_STRONG}\\W{1,3}(?:${DE_FILLER}\\W{1,3}){0,3}${DE_OBJECT}\\b`) },
  {
    id: 'de_override_verb_final',
    score: 0.9,
    re: new RegExp(
      `\\b${DE_STRONG}\\W{1,3}(?:${DE_FILLER}\\W{1,3}){0,3}${DE_OBJECT} (?:\\w+ ){0,4}(?:ignorieren|vergessen|missachten|streichen|hinter sich lassen|ausser acht lassen)\\b`,
    ),
  },
  { id: 'de_forget_all', score: 0.85, re: /\b(?:vergiss|vergesst|vergessen sie|ignoriere|ignorieren sie) (?:einfach |bitte )?alles\b/ },
  { id: 'de_new_tasks_follow', score: 0.85, re: /\b(?:nun|jetzt|es|hier) folgen (?:\w+ )?(?:neue|weitere) (?:anweisungen|aufgaben|instruktionen|befehle)\b/ },
  { id: 'de_focus_new_task', score: 0.8, re: /\b(?:konzentriere dich|konzentrieren sie sich|fokussiere dich) (?:\w+ ){0,3}auf (?:deine|ihre|die) neue aufgabe\b/ },
  { id: 'de_deviating', score: 0.9, re: /\babweichend (?:zu|von) (?:den |allen )?(?:vorherigen|bisherigen|obigen) (?:anweisungen|instruktionen|vorgaben|regeln)\b/ },
  { id: 'de_from_now_on', score: 0.75, re: /\b(?:ab jetzt|von nun an|ab sofort)(?: bist du| sind sie| wirst du| du bist| antwortest du)\b/ },
  {
    id: 'de_previous_irrelevant',
    score: 0.85,
    re: /\b(?:bisherigen|vorherigen|obigen) (?:\w+\W{1,3}){0,6}(?:sind|ist) (?:\w+ ){0,2}(?:irrelevant|unwichtig|ungultig|hinfallig|nichtig|nicht (?:mehr )?(?:gultig|relevant|wichtig))\b/,
  },
  { id: 'de_enough_pivot', needs: ['nun', 'jetzt'], score: 0.55, re: /\b(?:das (?:genugt|reicht|ist erledigt|war'?s)|genug davon)\W{1,3}(?:\w+\W{1,3}){0,5}(?:nun|jetzt)\b/ },
  { id: 'de_new_challenge_pivot', score: 0.45, re: /\b(?:nun|jetzt|aber jetzt)\b.{0,40}\b(?:eine weitere|eine neue|eine andere|noch eine) (?:\w+ )?(?:aufgabe|herausforderung)\b/ },
  { id: 'de_new_instructions', score: 0.45, re: /\b(?:neue|weitere|geanderte) (?:anweisungen|instruktionen)\b/ },
  // Other languages: short, high-precision verb + "all instructions / everything" forms.
  { id: 'es_override', score: 0.85, re: /\b(?:olvida|olvide|olviden|ignora|ignoren)\w* (?:\w+ ){0,3}(?:instrucciones|todo|lo anterior|ordenes)\b/ },
  { id: 'fr_override', score: 0.85, re: /\b(?:oubliez|oublie|ignorez|ignore)\w* (?:\w+ ){0,2}(?:instructions|consignes|tout ce)\b/ },
  { id: 'it_pt_nl_override', score: 0.85, re: /\b(?:dimentica|ignora|esqueca|negeer|vergeet) (?:\w+ ){0,2}(?:istruzioni|instrucoes|instructies|tutto|tudo|alles)\b/ },
  { id: 'hr_override', score: 0.85, re: /\bzaboravi (?:sve|svoje|prethodne)\b/ },
  { id: 'ru_override', needs: ['забуд', 'игнориру'], score: 0.85, re: /(?:забуд[ьт]|игнориру)\S* (?:\S+ ){0,3}(?:инструкци|указани|правил|все)/ },
]);
