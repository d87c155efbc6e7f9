/**
 * Role-play / persona jailbreaks: the user assigns the model a new identity whose point is to shed
 * its rules (DAN, "developer mode", "act as X without restrictions", "stay in character"). Plain
 * "act as a translator" requests are only weak evidence here (score < 0.5): they are common in
 * legitimate use, and the lexical model and signatures decide those in context.
 */
import { patternHeuristic } from './types';

const LIMIT_WORDS = ['restrictions', 'limitations', 'limits', 'filters', 'filtering', 'censorship', 'guidelines', 'rules', 'ethics', 'morals', 'morality', 'policies', 'safeguards', 'guardrails', 'programming', 'boundaries'];
const LIMITS = `(?:${LIMIT_WORDS.join('|')})`;

export const jailbreakPersonaHeuristic = patternHeuristic('jailbreak_persona', [
  { id: 'dan', needs: ['do anything now', 'dan'], score: 0.95, re: /\bdo anything now\b|\bdan mode\b|\b(?:you are|you're|act as|pretend to be|become) (?:now )?dan\b/ },
  {
    id: 'special_mode',
    alsoNeedsWords: ['mode'],
    score: 0.85,
    re: /\b(?:you|chatgpt|gpt|assistant|ai|model)\b.{0,40}\b(?:developer|god|jailbreak|jailbroken|unrestricted|unfiltered|evil|unaligned) mode\b|\b(?:jailbroken|unfiltered|unaligned) mode\b/,
  },
  {
    id: 'persona_without_limits',
    // Every match ends in one of LIMITS, after a space and before \b: a whole word.
    alsoNeedsWords: LIMIT_WORDS,
    score: 0.85,
    re: new RegExp(
      `\\b(?:you are|you're|act as|acting as|pretend|behave|respond|answer|you will|you can|you have|you must|version of)\\b.{0,80}\\b(?:without|no|free of|free from|beyond|not bound by|unbound by|break free of|ignores?|bypass(?:es)?) (?:any |all |the |your |its |their )?(?:\\w+ )?${LIMITS}\\b`,
    ),
  },
  {
    id: 'amoral_ai',
    score: 0.75,
    re: /\b(?:unfiltered|uncensored|unrestricted|amoral|immoral|unethical|unaligned|evil)\b.{0,30}\b(?:ai|assistant|chatbot|model|version|bot|persona|character|gpt|ki)\b/,
  },
  { id: 'stay_in_character', alsoNeedsWords: ['character', 'role', 'roles', 'figure'], score: 0.8, re: /\b(?:stay|remain|keep|staying) (?:\w+ ){0,2}in (?:character|(?:their|your|his|her) roles?)\b|\b(?:do not|don'?t|never|without) (?:even )?(?:break|breaking|fall\w* out of|leav\w*) (?:the )?(?:character|role|figure)\b/ },
  { id: 'absorbed_in_role', score: 0.7, re: /\b(?:completely|fully) (?:absorbed|immersed) in (?:your|the|this) role\b/ },
  { id: 'you_are_now', alsoNeedsWords: ['now'], score: 0.7, re: /\b(?:you are|you're|you will be) (?:now|from now on)\b|\bnow,? you are\b/ },
  { id: 'pretend', score: 0.6, re: /\bpretend (?:to be|you are|you're|that you|you can|to have|you have)\b/ },
  { id: 'roleplay_as', alsoNeedsWords: ['role', 'roleplay', 'roleplaying'], score: 0.6, re: /\brole-?play(?:ing)? as\b|\byou are role-?playing\b/ },
  { id: 'act_as_request', needs: ['act as', 'act like', 'behave as', 'behave like', 'pose as', 'pose like', 'function as', 'function like'], score: 0.45, re: /\b(?:i want you to|i'd like you to|i need you to|you will|you are going to) (?:act|behave|pose|function) (?:as|like)\b|(?:^|[.!?] )act as\b|\bact as an? (?:\w+ )?(?:interpreter|terminal|console|shell|compiler|chatbot|bot)\b/ },
  { id: 'imagine_you_are', score: 0.45, re: /\b(?:imagine|suppose) (?:that )?you(?: are|'re| were)\b/ },
  // German
  { id: 'de_you_are_now', score: 0.75, re: /\b(?:du bist|sie sind) (?:jetzt|nun|ab jetzt|ab sofort|von nun an)\b|\b(?:jetzt|nun|ab jetzt|ab sofort) bist du\b/ },
  { id: 'de_stay_in_role', score: 0.8, re: /\b(?:bleib|bleiben|bleibt) (?:\w+ ){0,3}in (?:ihren|ihrer|deiner|deinen|der|seiner) rollen?\b|\baus (?:der|ihrer|seiner|deiner) (?:rolle|figur) (?:zu )?fallen\b|\bgehst (?:\w+ ){0,2}in deiner rolle auf\b/ },
  { id: 'de_pretend', needs: ['stell', 'so als', 'so, als'], score: 0.6, re: /\bstell (?:dir|euch) vor,? (?:du bist|du warst|dass du)\b|\bstellen sie sich vor,? (?:sie sind|sie waren|dass sie)\b|\btu(?:n sie)? so,? als\b/ },
  { id: 'de_without_limits', score: 0.6, re: /\bohne (?:jegliche |alle |irgendwelche )?(?:einschrankungen|filter|zensur|regeln|richtlinien|grenzen)\b/ },
  { id: 'de_act_as_request', score: 0.45, re: /\b(?:ich mochte|ich will|ich mochte gerne),? dass (?:sie|du) .{0,80}\b(?:fungieren|fungierst|agieren|agierst|auftreten|handelst)\b/ },
  { id: 'de_dev_mode', score: 0.7, re: /\b(?:entwicklermodus|entwickler-modus|jailbreak-modus)\b/ },
]);
