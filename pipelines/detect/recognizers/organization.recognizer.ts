/** ORGANIZATION from the shared rule-based proper-noun analysis (see ner/proper-nouns.ts for the rules). */
import type { Recognizer } from '../recognizer';
import type { Finding } from '../types';
import { properNouns } from '../ner/proper-nouns';

export const organizationRecognizer: Recognizer = {
  name: 'organization_rules',
  entities: ['ORGANIZATION'],
  detect(text: string): Finding[] {
    return properNouns(text).filter((f) => f.entity === 'ORGANIZATION');
  },
};
