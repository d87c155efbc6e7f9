import type { Pool } from 'pg';
import { SignatureIndex, defaultEmbedder, defaultSignatureIndex, type Embedder } from '../../pipelines/detect/injection';
import { withTenant } from '../adapters/postgres/pools';
import { DependencyUnavailableError } from '../errors';
import { activeSignatures } from './signature.repo';

/**
 * Per-tenant in-memory signature indexes for the detect stage: the reviewed set shipped with the
 * project, plus the active global and tenant rows of the signatures table (pgvector). Rebuilt when
 * a change is notified (PolicyChangeListener calls invalidate) or after `ttlMs` as a safety net.
 */
export class SignatureCatalog {
  private readonly cache = new Map<string, { index: SignatureIndex; until: number }>();

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
    const shipped = defaultSignatureIndex(this.embedder);
    const index = new SignatureIndex(this.embedder.dim, [...shipped.all(), ...rows.map((r) => ({ id: r.vectorId, label: r.label, embedding: r.embedding, confidenceThreshold: r.threshold, source: r.source }))]);
    this.cache.set(tenantId, { index, until: Date.now() + this.ttlMs });
    return index;
  }

  invalidate(tenantId?: string): void {
    if (tenantId) this.cache.delete(tenantId);
    else this.cache.clear();
  }
}
