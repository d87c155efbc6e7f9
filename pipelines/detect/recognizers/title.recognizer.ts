/**
 * TITLE (job title): a short phrase ending in an occupational head noun ("Systems administrator",
 * "Railroad switch operator") when it fills a title slot — a line of its own, or ", the <title>,".
 * Job nouns in running prose ("the manager said") are not reported.
 */
import type { Recognizer } from '../recognizer';
import type { Finding } from '../types';
import { JOB_HEAD_NOUNS } from '../data/job-titles';

const LINE = /^[ \t>*•?]{0,4}([\p{L}][\p{L}, \-]{2,70})[ \t]*$/gmu;
const APPOSITION = /, the ([\p{L}][\p{L} \-]{2,60}?),/gu;

function endsWithJob(phrase: string): boolean {
  const words = phrase.toLowerCase().split(/[\s,\-]+/).filter(Boolean);
  return words.length >= 1 && words.length <= 7 && JOB_HEAD_NOUNS.has(words[words.length - 1]);
}

export const titleRecognizer: Recognizer = {
  name: 'job_title',
  entities: ['TITLE'],
  detect(text: string): Finding[] {
    const out: Finding[] = [];
    for (const [re, score] of [[LINE, 0.6], [APPOSITION, 0.65]] as const) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        const phrase = m[1];
        if (!endsWithJob(phrase)) continue;
        const start = m.index + m[0].indexOf(phrase);
        out.push({ entity: 'TITLE', dataClass: 'pii', start, end: start + phrase.length, score, detector: 'job_title' });
      }
    }
    return out;
  },
};
