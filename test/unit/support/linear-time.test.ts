/** The ReDoS guard itself: it must fail a quadratic scan and pass a linear one on any machine. */
import { measureGrowth } from '../../support/linear-time';

const B = 98; // 'b', never present: every scan runs to the end
const quadratic = (t: string): number => {
  let steps = 0;
  for (let i = 0; i < t.length; i++) for (let j = i; j < t.length && t.charCodeAt(j) !== B; j++) steps++;
  return steps;
};
const linear = (t: string): number => {
  let steps = 0;
  for (let rep = 0; rep < 200; rep++) for (let j = 0; j < t.length && t.charCodeAt(j) !== B; j++) steps++;
  return steps;
};

describe('measureGrowth', () => {
  it('reports a quadratic scan as super-linear', () => {
    expect(measureGrowth('a'.repeat(16_000), quadratic).verdict).toMatch(/^super-linear/);
  });
  it('passes a linear scan of the same size', () => {
    expect(measureGrowth('a'.repeat(16_000), linear).verdict).toBe('ok');
  });
});
