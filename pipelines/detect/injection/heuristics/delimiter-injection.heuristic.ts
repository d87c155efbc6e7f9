/**
 * Delimiter and fake-role injection: the text imitates chat-template tokens or turn markers so the
 * model believes a new system/assistant turn has started. Template tokens are matched on the raw
 * input because normalisation (NFKC, whitespace collapse) would blur line starts and pipes.
 */
import { patternHeuristic } from './types';

export const delimiterInjectionHeuristic = patternHeuristic('delimiter_injection', [
  {
    id: 'chat_template_token', needs: ['<|'],
    score: 0.95,
    raw: true,
    re: /<\|(?:im_start|im_end|system|user|assistant|endoftext|end_of_turn|start_header_id|end_header_id|eot_id|begin_of_text)\|>/i,
  },
  { id: 'inst_tokens', needs: ['INST]', 'inst]', 'SYS>>', 'sys>>', '_of_turn>'], score: 0.9, raw: true, re: /\[\/?INST\]|<<\/?SYS>>|<start_of_turn>|<end_of_turn>/i },
  { id: 'role_json', needs: ['"role"'], score: 0.8, raw: true, re: /"role"\s{0,3}:\s{0,3}"(?:system|assistant|developer)"/i },
  {
    id: 'markdown_role_header', needs: ['##'],
    score: 0.85,
    raw: true,
    re: /(?:^|\n)[ \t]{0,8}#{2,6}[ \t]{0,4}(?:system|instructions?|new instructions|assistant|admin|developer)[ \t]{0,4}(?::|\r?\n|$)/i,
  },
  { id: 'fake_system_turn', needs: [':'], score: 0.75, raw: true, re: /(?:^|\n)[ \t]{0,8}(?:system|assistant|ai|bot|chatgpt|gpt|developer)[ \t]{0,4}:[ \t]{0,4}\S/i },
  { id: 'role_xml_tag', needs: ['<'], score: 0.75, raw: true, re: /<\/?(?:system|instructions?|admin|developer|sys|system_prompt)>/i },
  // Each run is tried from its first character only (lookbehind): from every position inside a
  // 100 KB run of dashes the greedy run would backtrack to its end again — quadratic, a minute per prompt.
  { id: 'rule_then_role', needs: ['---', '===', '***', '###'], score: 0.8, raw: true, re: /(?:(?<!-)-{3,}|(?<!=)={3,}|(?<!\*)\*{3,}|(?<!#)#{3,})[ \t]{0,4}\r?\n?[ \t]{0,4}(?:system|new instructions|admin|developer)\b/i },
  { id: 'escaped_newline_role', needs: ['\\'], score: 0.8, raw: true, re: /(?:\\ ?n[ \t]{0,4}){1,8}(?:instruction|system|assistant|new task)[ \t]{0,4}:/i },
  { id: 'end_of_prompt', needs: ['prompt', 'instructions', 'input', 'context', 'document'], score: 0.75, re: /\b(?:end of (?:the )?(?:prompt|system prompt|instructions|user input|input|context|document))\b|\b(?:begin|start)(?:ning)? of (?:the )?(?:new|real|actual|system|admin) (?:prompt|instructions)\b/ },
  { id: 'html_s_token', needs: ['s>'], score: 0.55, raw: true, re: /<\/s>|<s>(?=\s*\[|\s*(?:system|user|assistant))/i },
  // Runs of literal "\n" escapes: used to push the real prompt out of view or fake a fresh turn.
  { id: 'escaped_newline_run', needs: ['\\'], score: 0.55, raw: true, re: /(?:\\ ?n[ \t]{0,4}){3,}/ },
  { id: 'fake_user_turn', needs: [':'], score: 0.4, raw: true, re: /(?:^|\n)[ \t]{0,8}(?:human|user)[ \t]{0,4}:/i },
]);
