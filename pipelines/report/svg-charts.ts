/**
 * Inline SVG charts rendered to strings, so the report is one self-contained file: no chart
 * library, no script, nothing fetched when it is opened (reports get mailed and archived).
 * Every chart has a fixed viewBox and scales with its container.
 */
export interface Series {
  readonly name: string;
  readonly color: string;
}

export interface StackedColumn {
  readonly label: string;
  readonly values: Readonly<Record<string, number>>;
}

export interface LabeledValue {
  readonly label: string;
  readonly value: number;
}

const W = 720;
const H = 260;
const PAD = { left: 48, right: 16, top: 16, bottom: 36 };

/** Escapes text for HTML/SVG content and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A round axis maximum (1, 2 or 5 × 10^k) at or above `max`, and its tick step. */
export function niceScale(max: number, ticks = 4): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 1 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  // toPrecision trims float noise (0.1 * 3 = 0.30000000000000004) from axis labels.
  const round = (n: number) => Number(n.toPrecision(12));
  return { max: round(step * Math.ceil(max / step)), step: round(step) };
}

const r1 = (n: number) => Math.round(n * 10) / 10;

function empty(id: string, title: string, w = W, h = H): string {
  return `<svg id="${esc(id)}" class="chart empty" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(title)}"><text x="${w / 2}" y="${h / 2}" text-anchor="middle" class="muted">no data in this period</text></svg>`;
}

function yAxis(max: number, step: number, fmt: (v: number) => string, plotH: number): string {
  let out = '';
  for (let v = 0; v <= max + step / 2; v += step) {
    const y = r1(PAD.top + plotH - (v / max) * plotH);
    out += `<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}"/><text class="tick" x="${PAD.left - 6}" y="${y + 4}" text-anchor="end">${esc(fmt(v))}</text>`;
  }
  return out;
}

/** Shows at most ~12 x labels so dense hourly charts stay legible. */
function xLabel(i: number, n: number, x: number, label: string): string {
  const every = Math.max(1, Math.ceil(n / 12));
  return i % every === 0 ? `<text class="tick" x="${r1(x)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${esc(label)}</text>` : '';
}

/** Stacked columns, one per bucket; a rect.bar per non-zero segment, with a hover title. */
export function stackedColumnChart(id: string, title: string, columns: readonly StackedColumn[], series: readonly Series[]): string {
  const totals = columns.map((c) => series.reduce((s, se) => s + (c.values[se.name] ?? 0), 0));
  if (columns.length === 0 || totals.every((t) => t === 0)) return empty(id, title);
  const { max, step } = niceScale(Math.max(...totals));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / columns.length;
  const bw = Math.max(1, slot * 0.7);
  let bars = '';
  columns.forEach((c, i) => {
    const x = PAD.left + i * slot + (slot - bw) / 2;
    let y = PAD.top + plotH;
    for (const se of series) {
      const v = c.values[se.name] ?? 0;
      if (v <= 0) continue;
      const h = (v / max) * plotH;
      y -= h;
      bars += `<rect class="bar" data-series="${esc(se.name)}" x="${r1(x)}" y="${r1(y)}" width="${r1(bw)}" height="${r1(Math.max(h, 0.5))}" fill="${se.color}"><title>${esc(`${c.label} · ${se.name}: ${v}`)}</title></rect>`;
    }
    bars += xLabel(i, columns.length, x + bw / 2, c.label);
  });
  return `<svg id="${esc(id)}" class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">${yAxis(max, step, String, plotH)}${bars}</svg>`;
}

/** Horizontal bars, largest first: for rankings (entity types, reasons). */
export function horizontalBarChart(id: string, title: string, items: readonly LabeledValue[], color: string): string {
  if (items.length === 0) return empty(id, title, W, 120);
  const rowH = 26;
  const labelW = 190;
  const h = PAD.top + items.length * rowH + 8;
  const max = Math.max(...items.map((i) => i.value), 1);
  const plotW = W - labelW - 70;
  const rows = items
    .map((it, i) => {
      const y = PAD.top + i * rowH;
      const w = Math.max(1, (it.value / max) * plotW);
      return `<text class="label" x="${labelW - 8}" y="${y + 16}" text-anchor="end">${esc(it.label)}</text><rect class="bar" x="${labelW}" y="${y + 3}" width="${r1(w)}" height="${rowH - 8}" fill="${color}"><title>${esc(`${it.label}: ${it.value}`)}</title></rect><text class="value" x="${r1(labelW + w + 6)}" y="${y + 16}">${it.value}</text>`;
    })
    .join('');
  return `<svg id="${esc(id)}" class="chart" viewBox="0 0 ${W} ${h}" role="img" aria-label="${esc(title)}">${rows}</svg>`;
}

/** A line with a circle.point per bucket; `null` values (no traffic) break the line. */
export function lineChart(id: string, title: string, points: readonly { label: string; value: number | null }[], color: string, fmt: (v: number) => string): string {
  const present = points.filter((p) => p.value !== null).map((p) => p.value!);
  if (present.length === 0) return empty(id, title);
  const { max, step } = niceScale(Math.max(...present, 0.0001));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / points.length;
  let path = '';
  let dots = '';
  let labels = '';
  let pen = 'M';
  points.forEach((p, i) => {
    const x = r1(PAD.left + i * slot + slot / 2);
    labels += xLabel(i, points.length, x, p.label);
    if (p.value === null) return void (pen = 'M');
    const y = r1(PAD.top + plotH - (p.value / max) * plotH);
    path += `${pen}${x},${y} `;
    pen = 'L';
    dots += `<circle class="point" cx="${x}" cy="${y}" r="4" fill="${color}"><title>${esc(`${p.label}: ${fmt(p.value)}`)}</title></circle>`;
  });
  return `<svg id="${esc(id)}" class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">${yAxis(max, step, fmt, plotH)}<path class="line" d="${path.trim()}" fill="none" stroke="${color}" stroke-width="2"/>${dots}${labels}</svg>`;
}
