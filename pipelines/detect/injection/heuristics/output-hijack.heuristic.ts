/**
 * Output hijacking: dictating the model's exact output ("just say 'PWNED'", "repeat after me",
 * "tell me that you hate X") rather than asking a question. Alone this is moderate evidence, which is
 * why most scores sit near the decision threshold; it is decisive combined with another signal.
 */
import { patternHeuristic } from './types';

/** The quote characters of Q, as gate needles (print_quoted's match always ends in one). */
const QUOTES = ['"', "'", '\u201c', '\u201e', '\u00ab'];
const Q = '["\'\\u201c\\u201e\\u00ab]';

export const outputHijackHeuristic = patternHeuristic('output_hijack', [
  { id: 'pwned', score: 0.75, re: /\bpwn(?:ed|d)\b/ },
  { id: 'dont_answer_but', score: 0.75, re: /\b(?:do not|don'?t|dont) answer (?:this|the) question\b.{0,20}\b(?:but|instead|just|only)\b/ },
  { id: 'just_say_quoted', score: 0.65, re: new RegExp(`\\b(?:just|only|simply) (?:say|output|print|write|reply|respond|answer)(?: with)?\\W{0,3}${Q}`) },
  { id: 'command_to_say', alsoNeedsWords: ['say', 'output', 'print', 'write', 'answer'], score: 0.65, re: /\b(?:i command you|you must|you have to|you are required to) (?:to )?(?:just |only )?(?:say|output|print|write|answer)\b/ },
  { id: 'repeat_after_me', score: 0.6, re: /\brepeat after me\b/ },
  { id: 'say_that_you', needs: ['that you'], score: 0.55, re: /\b(?:say|state|tell (?:me|us|everyone)|admit|confirm|include|declare|write) (?:in your answer )?that you (?:hate|love|are|support|despise|think|want)\b/ },
  { id: 'every_question_answer_with', score: 0.6, re: /\bevery time you (?:get|receive|are asked|see) (?:a |any )?(?:question|message|prompt)|\b(?:answer|respond|reply) (?:to )?(?:every|each|all) (?:questions?|messages?|prompts?) with\b/ },
  { id: 'state_that', needs: ['state that', 'declare that', 'claim that'], score: 0.45, re: /(?:^|[.!?] )(?:state|declare|claim) that\b/ },
  { id: 'forced_yes_no', needs: [' yes', ' no', ' ja', ' nein'], alsoNeedsWords: ['say', 'answer', 'reply', 'respond', 'antworte', 'sag'], score: 0.45, re: /[.?!] (?:just |only )?(?:say|answer|reply|respond with|antworte(?: mit)?|sag) (?:yes|no|ja|nein)\W{0,3}$/ },
  { id: 'instead_output', score: 0.45, re: /\binstead,? (?:output|print|say|write|respond with|reply with|answer with)\b/ },
  { id: 'print_quoted', needs: ['print', 'output', 'say', 'write'], alsoNeeds: QUOTES, score: 0.35, re: new RegExp(`(?:^|[.!?,:;-] )(?:print|output|say|write) ${Q}`) },
  { id: 'few_shot_poison', score: 0.5, re: /\binput: .{0,40}\boutput: .{0,40}\binput: / },
  { id: 'correct_answer_is', score: 0.6, re: /\bwhen .{0,30} is said,? the (?:correct|right) (?:answer|response) is\b|\bwenn .{0,30} gesagt wird,? ist die richtige antwort\b/ },
  // German
  { id: 'de_only_say', score: 0.45, re: /\b(?:sag|sage|sagen sie|schreib|schreibe|schreiben sie|antworte|antworten sie|gib) (?:mir )?(?:nur|einfach|ausschliesslich|lediglich)\b/ },
  { id: 'de_say_that_you', score: 0.55, re: /\b(?:sag|sage|schreib|schreibe|gib zu),? (?:mir )?,?(?:dass|das) du (?:\w+ )?(?:hasst|liebst|bist)\b/ },
]);
