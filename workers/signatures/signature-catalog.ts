import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { SignatureIndex, defaultEmbedder, defaultSignatureIndex, type Embedder } from '../../pipelines/detect/injection';
import { withTenant } from '../adapters/postgres/pools';
import { DependencyUnavailableError } from '../errors';
import { activeSignatures, type StoredSignature } from './signature.repo';

const MAX_SHARED_INDEXES = 1_000;

/** A digest of everything an index is built from, per row (ids, label, threshold, source, vector). */
function fingerprint(rows: readonly StoredSignature[]): string {
  const h = createHash('sha256');
  for (const r of rows) {
    h.update(JSON.stringify([r.id, r.vectorId, r.label, r.threshold, r.source]));
    h.update(new Uint8Array(r.embedding.buffer, r.embedding.byteOffset, r.embedding.byteLength));
  }
  return h.digest('base64');
}

/**
 * Per-tenant in-memory signature indexes for the detect stage: the reviewed set shipped with the
 * project, plus the active global and tenant rows of the signatures table (pgvector). Rebuilt when
 * a change is notified (PolicyChangeListener calls invalidate) or after `ttlMs` as a safety net.
 */
export class SignatureCatalog {
  private readonly cache = new Map<string, { index: SignatureIndex; until: number }>();
  /**
   * Indexes by content: tenants that see the same rows (most see only the global ones) share one
   * index — one copy in memory, and one set for the detect threads to receive and a chunk to group by.
   */
  private readonly shared = new Map<string, SignatureIndex>();

  constructor(
    private readonly app: Pool,
    private readonly ttlMs = 60_000,
    private readonly embedder: Embedder = defaultEmbedder,
  ) {}

  async forTenant(tenantId: string): Promise<SignatureIndex> {
    const hit = this.cache.get(tenantId);
    if (hit && hit.until > Date.now()) return hit.index;
    let rows;
    try {
      rows = await withTenant(this.app, tenantId, (c) => activeSignatures(c));
    } catch (err) {
      throw new DependencyUnavailableError('postgres (signatures)', err);
    }
    const key = fingerprint(rows);
    let index = this.shared.get(key);
    if (!index) {
      const shipped = defaultSignatureIndex(this.embedder);
      index = new SignatureIndex(this.embedder.dim, [...shipped.all(), ...rows.map((r) => ({ id: r.vectorId, label: r.label, embedding: r.embedding, confidenceThreshold: r.threshold, source: r.source }))]);
      this.shared.set(key, index);
      // Bounded: an evicted set is only built again, never wrong.
      if (this.shared.size > MAX_SHARED_INDEXES) this.shared.delete(this.shared.keys().next().value!);
    }
    this.cache.set(tenantId, { index, until: Date.now() + this.ttlMs });
    return index;
  }

  invalidate(tenantId?: string): void {
    if (tenantId) this.cache.delete(tenantId);
    else this.cache.clear();
  }
}
