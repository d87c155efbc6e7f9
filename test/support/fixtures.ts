/** Deterministic test data: a seeded PRNG and generators of valid sensitive values. */
export { mulberry32 as prng } from '../../pipelines/shared/prng';

/** A Visa number (prefix 4, 16 digits) with a correct Luhn check digit. */
export function luhnCard(rand: () => number, prefix = '4'): string {
  let digits = prefix;
  while (digits.length < 15) digits += Math.floor(rand() * 10).toString();
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    let d = Number(digits[14 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits + ((10 - (sum % 10)) % 10).toString();
}

export function groupedCard(card: string): string {
  return card.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export function email(rand: () => number): string {
  const users = ['alice', 'bob.smith', 'carol_w', 'dave+test', 'erin.o'];
  const hosts = ['example.com', 'mail.example.org', 'corp.example.net'];
  return `${users[Math.floor(rand() * users.length)]}${Math.floor(rand() * 1000)}@${hosts[Math.floor(rand() * hosts.length)]}`;
}

export const CLEAN_PROMPTS = [
  'Summarize the attached quarterly report in three bullet points.',
  'Write a haiku about autumn leaves falling on a quiet pond.',
  'Explain the difference between a process and a thread.',
  'What are good practices for writing unit tests?',
  'Give me three ideas for a vegetarian dinner.',
];
