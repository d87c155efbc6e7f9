/**
 * Precision guard: ordinary prompts with no personal data must yield no findings at all — in
 * particular no PERSON / LOCATION / ORGANIZATION from capitalized languages, tech names, weekdays,
 * headings or sentence-initial words.
 */
import { detectSensitive } from '../../../pipelines/detect/engine';

const CLEAN_PROSE: readonly string[] = [
  // coding
  'What are good practices for writing unit tests in TypeScript?',
  'How do I reverse a linked list in Python without recursion?',
  'Explain the difference between a mutex and a semaphore with an example.',
  'Convert this JavaScript function to use async and await instead of promises.',
  'Why does my Docker container exit immediately after starting?',
  'Write a SQL query that returns the ten most recent orders per customer.',
  'Compare React and Vue for a small internal dashboard.',
  'My Kubernetes pod keeps restarting with CrashLoopBackOff, what should I check first?',
  'Refactor this Java class so that it follows the single responsibility principle.',
  'Is Rust or Go a better fit for a command line tool that parses large log files?',
  'How can I speed up a slow GraphQL resolver?',
  // language and writing
  'Translate "good morning" into French, Spanish and Italian.',
  'Rewrite this paragraph so it sounds friendlier to new customers.',
  'Summarize the main arguments of the essay in three bullet points.',
  'Give me five synonyms for the word happy.',
  'Proofread my cover letter and fix any grammar mistakes.',
  'Draft a polite email declining a meeting invitation next Thursday.',
  'Write a short poem about autumn leaves falling on a quiet street.',
  'What is the difference between British and American spelling?',
  // business
  'Please summarize the quarterly report and highlight the main risks for the board.',
  'Create an agenda for a one hour project kickoff meeting.',
  'Suggest three key performance indicators for a customer support team.',
  'Outline a marketing plan for launching a new mobile app.',
  'How should I structure a SWOT analysis for a small bakery?',
  // cooking
  'How long should I bake chicken thighs at 200 degrees?',
  'Suggest a vegetarian dinner I can cook in under thirty minutes.',
  'What can I use instead of eggs when baking a chocolate cake?',
  'Give me a recipe for Italian tomato sauce.',
  // travel and everyday
  'What should I pack for a week of hiking in the mountains?',
  'Plan a relaxing weekend itinerary with museums and good coffee.',
  'Which documents do I usually need when renting a car abroad?',
  'Recommend some Japanese novels for a beginner reader.',
  // music, culture, learning
  'My favorite band is Metallica and I love the song Wisdom.',
  'Explain the theory of relativity like I am ten years old.',
  'What were the main causes of the First World War?',
  'Help me prepare for a job interview as a data analyst.',
  'Create a study plan for learning Mandarin in six months.',
  'Write a haiku about the ocean at sunrise.',
  'What are the health benefits of drinking green tea every Monday morning?',
];

/** Weekday names are DATE_TIME by design (as in Presidio); that is the only finding clean prose may carry. */
const WEEKDAY = /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$/;

describe('clean prose yields no findings', () => {
  test.each(CLEAN_PROSE.map((t) => [t]))('%s', (text) => {
    const found = detectSensitive(text)
      .map((f) => `${f.entity}:${text.slice(f.start, f.end)}`)
      .filter((f) => !(f.startsWith('DATE_TIME:') && WEEKDAY.test(f.slice('DATE_TIME:'.length))));
    expect(found).toEqual([]);
  });

  test('covers at least 30 prompts', () => {
    expect(CLEAN_PROSE.length).toBeGreaterThanOrEqual(30);
  });
});
