/**
 * English instruction override: the user text tries to cancel the instructions the application gave
 * the model ("ignore all previous instructions", "forget everything above", "new instructions
 * follow", "don't use the provided documents"). Word-list gaps are bounded ({0,n}) and every
 * repeated group is anchored on a word boundary, so matching stays linear on hostile input.
 */
import { patternHeuristic } from './types';

const VERB =
  "(?:leave|ignore|ignoring|disregard|disregarding|forget|forgetting|drop|discard|abandon|skip|override|bypass|neglect|overlook|erase|delete|remove|set aside|throw away|leave behind|pay no attention to|do not follow|don'?t follow|stop following|no longer follow)";
const FILLER =
  '(?:all|any|every|of|about|the|your|my|these|those|this|that|previous|previously|prior|above|earlier|preceding|foregoing|original|initial|old|former|existing|system|given|provided|current|other|entire|whole|safety|and|before|out)';
/** At least one of these must appear: "ignore the rules of chess" is benign, "ignore all/your/previous rules" is not. */
const STRONG =
  '(?:all|any|every|your|these|those|previous|previously|prior|above|earlier|preceding|foregoing|original|initial|former|system|given|provided|current|entire|whole|safety)';
const OBJECT =
  '(?:instructions?|directions?|directives?|rules?|guidelines?|guidance|tasks?|assignments?|orders?|commands?|prompts?|context|information|info|constraints?|restrictions?|programming|polic(?:y|ies)|guardrails?|training|thoughts|conversation)';
const RESET_TAIL =
  "(?: (?:above|before that|beforehand|before|previously|said|so far|you (?:know|were told|have been told|learned)|i (?:said|told you|wrote)|we (?:discussed|talked about)(?: before| beforehand)?|that came before|up to now))?";

export const instructionOverrideHeuristic = patternHeuristic('instruction_override', [
  { id: 'override_previous', score: 0.92, re: new RegExp(`\\b${VERB} (?:${FILLER}\\W{1,3}){0,3}${STRONG}\\W{1,3}(?:${FILLER}\\W{1,3}){0,3}${OBJECT}\\b`) },
  {
    id: 'reset_everything',
    score: 0.85,
    re: new RegExp(
      `\\b(?:forget|ignore|disregard|drop) (?:about )?(?:everything|all(?: of)? (?:that|this)|anything)${RESET_TAIL}(?=\\s?[,.;:!?\\-]|$| and | now| instead| (?:print|say|write|output|tell|answer|respond|just|only|you)\\b)`,
    ),
  },
  {
    id: 'override_above',
    score: 0.85,
    re: /\b(?:ignore|disregard|forget) (?:the |all )?(?:above|foregoing|preceding|previous|prior)(?=\s?[,.;:!?-]|$| and | now| instead)/,
  },
  {
    id: 'previous_irrelevant',
    score: 0.85,
    re: /\b(?:previous|prior|above|earlier|preceding|foregoing) (?:\w+ ){0,2}(?:instructions|information|tasks|context|rules)\W{1,3}(?:\w+ ){0,6}(?:irrelevant|void|null|obsolete|cancel+ed|no longer (?:apply|valid|relevant))\b/,
  },
  { id: 'new_tasks_follow', alsoNeedsWords: ['follow', 'following', 'followed', 'follows'], score: 0.85, re: /\b(?:new|further|more|additional) (?:instructions|tasks|orders) (?:will |now )?(?:follow|are following|are followed|are as follows)\b/ },
  { id: 'focus_new_task', score: 0.8, re: /\b(?:focus|concentrate) (?:\w+ ){0,2}on (?:your|the|a|my) (?:new|next|following|other) (?:task|assignment|instruction)/ },
  { id: 'from_now_on', score: 0.75, re: /\bfrom now on,? (?:you|your|u)\b/ },
  {
    id: 'change_instructions',
    alsoNeedsWords: ['instructions', 'rules', 'programming', 'guidelines', 'system', 'task', 'instruction', 'goal', 'job', 'purpose'],
    score: 0.85,
    re: /\b(?:change|update|replace|overwrite|reset|rewrite) (?:your|the|all) (?:\w+ )?(?:instructions|rules|programming|guidelines|system prompt)\b|\byour (?:new )?instructions (?:are|is) now\b|\byour (?:new|real|actual|only) (?:task|instruction|goal|job|purpose) (?:is|now is)\b/,
  },
  {
    id: 'ignore_documents', needs: ['document', 'article', 'artikel', 'context', 'sources', 'search results'],
    score: 0.75,
    re: /\b(?:ignore|ignoring|disregard|disregarding|regardless of|not (?:by|according to|based on|from)|instead of|without (?:using|looking at|consulting)) (?:\w+ ){0,2}(?:provided |given |above |attached |retrieved )?(?:documents?|articles?|artikels?|context|sources|search results)\b/,
  },
  {
    id: 'dont_use_documents',
    score: 0.75,
    re: /\b(?:do not|don'?t|dont|never) (?:look|use|rely|consult|refer|read)\w* (?:in |at |on |to )?(?:the |any )?(?:provided |given )?(?:documents?|articles?|context|sources)\b/,
  },
  { id: 'despite_told', score: 0.7, re: /\b(?:despite|regardless of) what (?:you'?ve|you have|you were|you've been) (?:been )?told\b/ },
  { id: 'stop_pivot', needs: ['stop', 'attention', 'achtung', 'halt'], alsoNeedsWords: ['stop', 'stopp', 'ignore', 'write', 'say', 'print', 'forget', 'now', 'vergiss', 'ignoriere'], alsoNeeds: ['schreib'], score: 0.65, re: /(?:^|[.!?] )(?:stop|stopp|attention|achtung|halt)\W{1,5}(?:stop|stopp|ignore|write|say|print|forget|now|schreib\w*|vergiss|ignoriere)\b/ },
  { id: 'enough_pivot', alsoNeedsWords: ['enough', 'done', 'sufficient'], score: 0.55, re: /\b(?:that is|that's|this is) (?:enough|done|sufficient)\W{1,3}(?:\w+ ){0,4}now\b/ },
  { id: 'new_challenge_pivot', score: 0.45, re: /\b(?:now|but now)\b.{0,40}\b(?:another|a new|a further|one more|a different) (?:\w+ )?(?:task|challenge|assignment)\b/ },
  { id: 'new_instructions', alsoNeedsWords: ['instruction', 'instructions', 'task'], score: 0.45, re: /\b(?:new|updated|additional|real|actual) (?:instructions?|task)\b/ },
]);
