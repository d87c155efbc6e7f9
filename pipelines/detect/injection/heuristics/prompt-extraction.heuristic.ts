/**
 * System-prompt extraction: asking the model to disclose its hidden instructions or the text that
 * precedes the user turn. Requires a possessive ("your instructions") or a prompt-specific noun so
 * that "what are the instructions for assembling this shelf" does not fire.
 */
import { patternHeuristic } from './types';

const SECRET =
  '(?:system prompt|system message|initial prompt|original prompt|hidden prompt|secret prompt|pre-?prompt|prompt-? ?texts?|full prompt|base prompt|developer (?:message|prompt)|system instructions|initial instructions|original instructions|hidden instructions|secret instructions)';
const VERB =
  '(?:reveal|show|print|display|output|repeat|tell|give|share|leak|dump|write|list|spell|copy|paste|recite|disclose|expose|what (?:is|are|was|were))';

export const promptExtractionHeuristic = patternHeuristic('prompt_extraction', [
  { id: 'reveal_system_prompt', needs: ['prompt', 'message', 'instructions'], score: 0.9, re: new RegExp(`\\b${VERB}\\b.{0,30}\\b${SECRET}\\b`) },
  {
    id: 'reveal_your_instructions', needs: ['your'],
    score: 0.85,
    re: /\b(?:reveal|show|print|display|output|repeat|tell me|give me|share|leak|dump|list|recite|disclose|what (?:is|are|were|was)) (?:me )?(?:all |exactly )?(?:of )?your (?:\w+ )?(?:instructions|prompt|prompts|directives|configuration|programming|initial \w+)\b/,
  },
  { id: 'copy_of_prompt', score: 0.85, re: /\bcopy of (?:the|your) (?:full|entire|whole|complete|original) (?:prompt|instructions|text)\b/ },
  { id: 'written_above', score: 0.8, re: /\bwhat (?:was|is|has been|were) (?:\w+ ){0,1}(?:written|said|stated|typed) (?:\w+ ){0,2}(?:above|before|at the (?:beginning|start|top))\b/ },
  { id: 'beginning_of_prompt', score: 0.7, re: /\b(?:beginning|start|top) of (?:this|the|your) (?:prompt|conversation|context|instructions)\b/ },
  { id: 'repeat_text_above', alsoNeedsWords: ['above', 'before'], score: 0.75, re: /\b(?:repeat|print|copy|output|show|write|display) (?:\w+ ){0,3}(?:text|words|everything|sentences|lines|content) (?:above|before)\b|\bwhat (?:are|were) the (?:\w+ )?(?:sentences|words|lines) before\b/ },
  { id: 'use_prompt_info', score: 0.6, re: /\b(?:information|text|content|data) (?:in|from) (?:the|this|your) prompt\b/ },
  { id: 'prompt_text_noun', score: 0.55, re: /\bprompt-? ?texts?\b/ },
  // German
  {
    id: 'de_reveal_instructions',
    score: 0.85,
    re: /\b(?:zeig|zeige|zeigen sie|gib|geben sie|nenne|nennen sie|verrate|verraten sie|wiederhole|wiederholen sie|drucke|schreibe|liste|sag)\b.{0,30}\b(?:deine|ihre|eure|dein|ihr) (?:\w+ ){0,2}(?:anweisungen|instruktionen|vorgaben|regeln|prompts?|systemprompts?)\b/,
  },
  { id: 'de_reveal_prompt', score: 0.9, re: /\b(?:zeig|zeige|zeigen sie|gib|geben sie|nenne|verrate|wiederhole|drucke|vorzeigen|ausgeben)\b.{0,30}\b(?:systemprompt|system-prompt|prompt-?texte?|anfangsprompt)\b/ },
  { id: 'de_written_above', score: 0.8, re: /\bwas (?:steht|stand|wurde) (?:\w+ ){0,2}(?:oben|am anfang|zu beginn)\b/ },
]);
