import type { ReportData } from './report-model';
import { esc, horizontalBarChart, lineChart, stackedColumnChart, type Series } from './svg-charts';

/** Decision colours: the traffic-light reading an operator expects (block red, allow green). */
export const DECISION_SERIES: readonly Series[] = [
  { name: 'allow', color: '#2e7d32' },
  { name: 'encrypt', color: '#1565c0' },
  { name: 'reframe', color: '#f9a825' },
  { name: 'block', color: '#c62828' },
];

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2329;background:#f5f6f8;margin:0}
main{max-width:980px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:0 0 10px}
.sub,.muted{color:#66707a;fill:#66707a}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin:18px 0}
.card,section{background:#fff;border:1px solid #e1e4e8;border-radius:8px;padding:14px 16px}
section{margin-bottom:16px}.card b{display:block;font-size:22px}
.chart{width:100%;height:auto;display:block}
.grid{stroke:#eceef1}.tick,.label,.value{font-size:11px;fill:#4a535c}
.legend span{display:inline-block;margin-right:14px;font-size:12px}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px}
.ok{color:#2e7d32}.bad{color:#c62828}code{font-size:12px;word-break:break-all}
`;

const day = (ms: number) => new Date(ms).toISOString().slice(5, 10);
const hour = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const stamp = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

function legend(series: readonly Series[]): string {
  return `<div class="legend">${series.map((s) => `<span><i style="background:${s.color}"></i>${esc(s.name)}</span>`).join('')}</div>`;
}

function chainSection(d: ReportData): string {
  const c = d.chain;
  const chain = c.ok
    ? `<p class="ok" id="chain-status">✔ Hash chain verifies: ${c.verified} event(s) recomputed from ClickHouse.</p>`
    : `<p class="bad" id="chain-status">✘ Hash chain broken at seq ${c.firstBreak?.seq ?? '?'} (${esc(c.firstBreak?.reason ?? 'unknown')}); ${c.verified} event(s) verified before it.</p>`;
  const a = d.anchor;
  const anchor = !a.available || !a.latest
    ? `<p class="muted" id="anchor-status">No anchors yet: no signed Merkle tree head has been published for this tenant.</p>`
    : `<p id="anchor-status">Latest anchor: tree size ${a.latest.treeSize}, anchored ${esc(stamp(a.latest.anchoredAtMs))}<br>root <code>${esc(a.latest.rootHashHex)}</code></p>`;
  return `<section><h2>Audit integrity</h2>${chain}${anchor}</section>`;
}

/** The whole report as one HTML document: inline CSS and SVG, no scripts, no external requests. */
export function renderReportHtml(d: ReportData): string {
  const label = d.bucket === 'day' ? day : (ms: number) => (new Date(ms).getUTCHours() === 0 ? day(ms) : hour(ms));
  const total = d.decisions.reduce((s, b) => s + Object.values(b.counts).reduce((a, n) => a + n, 0), 0);
  const blocked = d.decisions.reduce((s, b) => s + (b.counts.block ?? 0), 0);
  const prompts = d.injections.reduce((s, b) => s + b.prompts, 0);
  const injections = d.injections.reduce((s, b) => s + b.injections, 0);
  const detok = d.detokenizationsByReason.reduce((s, r) => s + r.count, 0);
  const known = new Set(DECISION_SERIES.map((s) => s.name));
  const extra = [...new Set(d.decisions.flatMap((b) => Object.keys(b.counts)))].filter((n) => !known.has(n));
  const series = [...DECISION_SERIES, ...extra.map((name) => ({ name, color: '#8d99a6' }))];
  const decisionsSvg = stackedColumnChart('decisions-chart', 'Decisions over time', d.decisions.map((b) => ({ label: label(b.start), values: b.counts })), series);
  const entitiesSvg = horizontalBarChart('entities-chart', 'Top entity types', d.topEntities.map((e) => ({ label: e.name, value: e.count })), '#1565c0');
  const injectionSvg = lineChart('injection-chart', 'Injection rate', d.injections.map((b) => ({ label: label(b.start), value: b.prompts > 0 ? b.injections / b.prompts : null })), '#c62828', pct);
  const detokSvg = horizontalBarChart('detokenize-chart', 'Detokenizations by reason', d.detokenizationsByReason.map((r) => ({ label: r.name, value: r.count })), '#6a1b9a');
  const title = `Sentinel report — ${d.tenantName ?? d.tenantId}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body><main>
<h1>${esc(title)}</h1>
<p class="sub">Tenant <code>${esc(d.tenantId)}</code> · ${esc(stamp(d.fromMs))} → ${esc(stamp(d.toMs))} · generated ${esc(stamp(d.generatedAtMs))}</p>
<div class="cards">
<div class="card"><b id="total-decisions">${total}</b>decisions</div>
<div class="card"><b>${blocked}</b>blocked</div>
<div class="card"><b>${prompts > 0 ? pct(injections / prompts) : '—'}</b>injection rate (${injections} of ${prompts} prompts)</div>
<div class="card"><b>${detok}</b>detokenizations</div>
</div>
<section><h2>Decisions over time (per ${d.bucket}, UTC)</h2>${legend(series)}${decisionsSvg}</section>
<section><h2>Top entity types</h2>${entitiesSvg}</section>
<section><h2>Injection rate (blocked or reframed injections / prompts)</h2>${injectionSvg}</section>
<section><h2>Detokenizations by reason</h2>${detokSvg}</section>
${chainSection(d)}
</main></body></html>
`;
}
