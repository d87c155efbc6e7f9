import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { fromSql, toSql } from 'pgvector';
import { defaultEmbedder, type Embedder } from '../../pipelines/detect/injection';

/** One reviewed attack text to import (the shape of schemas/signatures/*.json entries). */
export interface SignatureEntry {
  readonly id: string;
  readonly label: string;
  readonly text: string;
  readonly description?: string;
  readonly threshold: number;
}

export interface StoredSignature {
  readonly id: string;
  readonly tenantId: string | null;
  readonly vectorId: string;
  readonly label: string;
  readonly embedding: Float32Array;
  readonly threshold: number;
  readonly source: string;
  readonly reviewedBy: string;
  readonly active: boolean;
}

interface Row {
  id: string;
  tenant_id: string | null;
  vector_id: string;
  label: string;
  embedding: string;
  confidence_threshold: number;
  source: string;
  reviewed_by: string;
  active: boolean;
}

const COLS = 'id, tenant_id, vector_id, label, embedding::text AS embedding, confidence_threshold, source, reviewed_by, active';

function toStored(r: Row): StoredSignature {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    vectorId: r.vector_id,
    label: r.label,
    embedding: Float32Array.from(fromSql(r.embedding) as number[]),
    threshold: r.confidence_threshold,
    source: r.source,
    reviewedBy: r.reviewed_by,
    active: r.active,
  };
}

/**
 * Imports reviewed signatures with their provenance (source, reviewer) — the only way signatures
 * enter the table; nothing is learned from traffic. Global signatures (tenantId null) need the
 * owner connection; tenant ones may go through the app role under RLS. Re-importing an id updates
 * its text embedding, label and threshold in place.
 */
export async function importSignatures(
  db: Pool | PoolClient,
  input: { tenantId: string | null; entries: readonly SignatureEntry[]; source: string; reviewer: string; embedder?: Embedder },
): Promise<number> {
  const embedder = input.embedder ?? defaultEmbedder;
  let n = 0;
  for (const e of input.entries) {
    const vec = Array.from(embedder.embed(e.text));
    const res = await db.query(
      `INSERT INTO signatures (id, tenant_id, vector_id, embedding, label, description, confidence_threshold, source, reviewed_by, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true)
       ON CONFLICT ((COALESCE(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid)), vector_id)
       DO UPDATE SET embedding = EXCLUDED.embedding, label = EXCLUDED.label, description = EXCLUDED.description,
         confidence_threshold = EXCLUDED.confidence_threshold, source = EXCLUDED.source, reviewed_by = EXCLUDED.reviewed_by,
         active = true, updated_at = now()`,
      [randomUUID(), input.tenantId, e.id, toSql(vec), e.label, e.description ?? null, e.threshold, input.source, input.reviewer],
    );
    n += res.rowCount ?? 0;
  }
  return n;
}

/** Active global signatures plus the tenant's own (RLS shows exactly those to the app role). */
export async function activeSignatures(client: PoolClient): Promise<StoredSignature[]> {
  const res = await client.query<Row>(`SELECT ${COLS} FROM signatures WHERE active ORDER BY vector_id`);
  return res.rows.map(toStored);
}

export async function listSignatures(admin: Pool, tenantId: string | null): Promise<StoredSignature[]> {
  const res = await admin.query<Row>(`SELECT ${COLS} FROM signatures WHERE tenant_id IS NOT DISTINCT FROM $1 ORDER BY vector_id`, [tenantId]);
  return res.rows.map(toStored);
}

export async function deactivateSignature(admin: Pool, id: string): Promise<boolean> {
  const res = await admin.query('UPDATE signatures SET active = false, updated_at = now() WHERE id::text = $1 OR vector_id = $1', [id]);
  return (res.rowCount ?? 0) > 0;
}

/** Nearest signatures by cosine distance through the pgvector index (for operators). */
export async function searchSignatures(client: PoolClient, text: string, k: number, embedder: Embedder = defaultEmbedder): Promise<{ vectorId: string; label: string; similarity: number }[]> {
  const res = await client.query<{ vector_id: string; label: string; distance: number }>(
    'SELECT vector_id, label, embedding <=> $1 AS distance FROM signatures WHERE active ORDER BY embedding <=> $1 LIMIT $2',
    [toSql(Array.from(embedder.embed(text))), k],
  );
  return res.rows.map((r) => ({ vectorId: r.vector_id, label: r.label, similarity: 1 - Number(r.distance) }));
}
