/** LOCATION from the shared rule-based proper-noun analysis (see ner/proper-nouns.ts for the rules). */
import type { Recognizer } from '../recognizer';
import type { Finding } from '../types';
import { properNouns } from '../ner/proper-nouns';

export const locationRecognizer: Recognizer = {
  name: 'location_rules',
  entities: ['LOCATION'],
  detect(text: string): Finding[] {
    return properNouns(text).filter((f) => f.entity === 'LOCATION');
  },
};
