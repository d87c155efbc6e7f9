import { PipelineRejection } from '../../pipelines/errors';
import type { TenantContext, TenantPolicy } from '../../pipelines/stages/stage.types';
import type { TenantDirectory, TenantRecord } from '../adapters/postgres/tenants.repo';
import { KeyDestroyedError, type TenantKeyring } from '../keys/tenant-keyring';
import type { PolicyStore } from '../policy/policy-store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Loads what a stage needs for a tenant; rejects unknown and inactive tenants for the DLQ. */
export class TenantContextLoader {
  constructor(
    private readonly tenants: TenantDirectory,
    private readonly policies: PolicyStore,
    private readonly keyring: TenantKeyring,
    private readonly defaultTtlSeconds: number,
  ) {}

  async tenant(tenantId: string): Promise<TenantRecord> {
    if (!UUID.test(tenantId)) throw new PipelineRejection('schema_violation', 'tenant_id is not a UUID');
    const tenant = await this.tenants.find(tenantId.toLowerCase());
    if (!tenant) throw new PipelineRejection('unknown_tenant', `tenant ${tenantId} does not exist`);
    if (tenant.status !== 'active') throw new PipelineRejection('tenant_inactive', `tenant ${tenantId} is ${tenant.status}`);
    return tenant;
  }

  /** Only what the decide stage needs: the tenant's effective (and shadow) policy. */
  async policy(tenantId: string): Promise<TenantPolicy> {
    return this.policies.forTenant(await this.tenant(tenantId));
  }

  async load(tenantId: string): Promise<TenantContext> {
    const tenant = await this.tenant(tenantId);
    const [policy, dataKey, tokenKey] = await Promise.all([
      this.policies.forTenant(tenant),
      this.keyring.activeKey(tenant.id, tenant.kmsKeyArn, 'data'),
      this.keyring.activeKey(tenant.id, tenant.kmsKeyArn, 'token'),
    ]).catch((err: unknown) => {
      // Keys destroyed (erased tenant, directory cache not yet expired): nothing can be protected.
      if (err instanceof KeyDestroyedError) throw new PipelineRejection('tenant_inactive', `tenant ${tenant.id} has no usable keys (erased)`);
      throw err;
    });
    return { tenantId: tenant.id, policy, dataKey, tokenKey, defaultTtlSeconds: this.defaultTtlSeconds };
  }
}
