import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderReportHtml } from '../../pipelines/report/report-html';
import { parseSince, type ReportData } from '../../pipelines/report/report-model';
import type { AppContext } from '../runtime/app-context';
import { loadReportData } from './report-data.loader';

export interface ReportRequest {
  readonly tenantId: string;
  /** `7d`, `24h`, `90m`, `2w` or an ISO date. */
  readonly since: string;
  /** Output file; written atomically enough for a report (one writeFileSync). */
  readonly out: string;
}

export interface WrittenReport {
  readonly path: string;
  readonly bytes: number;
  readonly data: ReportData;
}

/** Loads a tenant's report data, renders it to one self-contained HTML file and writes it. */
export async function writeReport(ctx: AppContext, req: ReportRequest): Promise<WrittenReport> {
  const now = Date.now();
  const data = await loadReportData({ ch: ctx.ch, database: ctx.env.CLICKHOUSE_DATABASE, admin: ctx.pg.admin }, req.tenantId, parseSince(req.since, now), now);
  const html = renderReportHtml(data);
  const path = resolve(req.out);
  writeFileSync(path, html, 'utf8');
  return { path, bytes: Buffer.byteLength(html), data };
}
