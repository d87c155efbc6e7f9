import { renderReportHtml } from '../../../pipelines/report/report-html';
import { bucketStarts, parseSince, type ReportData } from '../../../pipelines/report/report-model';
import { esc, niceScale } from '../../../pipelines/report/svg-charts';

const DAY = 86_400_000;
const now = Date.UTC(2026, 0, 10, 12);

function data(over: Partial<ReportData> = {}): ReportData {
  const starts = bucketStarts(now - 3 * DAY, now, 'day');
  return {
    tenantId: '5f0c8a4e-2a51-4a8e-9b1d-0d6f0c8e1a11',
    tenantName: 'Acme <script>alert(1)</script>',
    fromMs: now - 3 * DAY,
    toMs: now,
    generatedAtMs: now,
    bucket: 'day',
    decisions: starts.map((start, i) => ({ start, counts: (i === 0 ? {} : { allow: i, block: 1 }) as Record<string, number> })),
    topEntities: [{ name: 'EMAIL_ADDRESS', count: 4 }, { name: 'CREDIT_CARD', count: 1 }],
    injections: starts.map((start, i) => ({ start, prompts: i === 0 ? 0 : 10, injections: i })),
    detokenizationsByReason: [{ name: 'support_ticket', count: 2 }],
    chain: { ok: true, verified: 12, firstBreak: null },
    anchor: { available: false, latest: null },
    ...over,
  };
}

const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;

describe('report HTML (pure rendering)', () => {
  it('draws one bar per non-zero segment and one point per bucket with prompts', () => {
    const html = renderReportHtml(data());
    const decisions = html.slice(html.indexOf('id="decisions-chart"'), html.indexOf('</svg>', html.indexOf('id="decisions-chart"')));
    expect(count(decisions, /<rect class="bar"/g)).toBe(6);
    expect(count(html, /<circle class="point"/g)).toBe(3);
    expect(html).toContain('No anchors yet');
  });

  it('is self-contained and escapes every value', () => {
    const html = renderReportHtml(data());
    expect(html).not.toMatch(/<script|https?:\/\/|<link /i);
    expect(html).toContain('Acme &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(esc(`a"b'&`)).toBe('a&quot;b&#39;&amp;');
  });

  it('names the first broken link and shows empty states', () => {
    const html = renderReportHtml(data({ decisions: [], topEntities: [], injections: [], chain: { ok: false, verified: 3, firstBreak: { seq: 3, reason: 'hash_mismatch' } } }));
    expect(html).toContain('broken at seq 3 (hash_mismatch)');
    expect(count(html, /no data in this period/g)).toBe(3);
  });

  it('parses periods and picks round axes', () => {
    expect(parseSince('7d', now)).toBe(now - 7 * DAY);
    expect(parseSince('24h', now)).toBe(now - DAY);
    expect(parseSince('2026-01-01', now)).toBe(Date.UTC(2026, 0, 1));
    expect(() => parseSince('soon', now)).toThrow(/--since/);
    expect(niceScale(7)).toEqual({ max: 8, step: 2 });
    expect(niceScale(0.286)).toEqual({ max: 0.3, step: 0.1 });
  });
});
