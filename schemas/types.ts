/** TypeScript shapes of the Avro records in schemas/avro/. Kept in sync by test/unit/schemas. */
export type StringMap = Record<string, string>;

export interface RawPrompt {
  tenant_id: string;
  request_id: string;
  text: string;
  conversation_id: string | null;
  user_id: string | null;
  metadata: StringMap | null;
  ts: number | null;
}

export interface RawLog {
  tenant_id: string;
  request_id: string;
  line: string;
  service: string | null;
  metadata: StringMap | null;
  ts: number | null;
}

export type PassDecision = 'allow' | 'encrypt' | 'reframe';

export interface SanitizedPrompt {
  tenant_id: string;
  request_id: string;
  text: string;
  decision: PassDecision;
  token_count: number;
  policy_version: string;
  conversation_id: string | null;
  user_id: string | null;
  metadata: StringMap | null;
  ts: number;
}

export interface SanitizedLog {
  tenant_id: string;
  request_id: string;
  line: string;
  decision: string;
  token_count: number;
  policy_version: string;
  service: string | null;
  metadata: StringMap | null;
  ts: number;
}

export interface BlockedPrompt {
  tenant_id: string;
  request_id: string;
  matched_rules: string[];
  reasons: string[];
  policy_version: string;
  conversation_id: string | null;
  user_id: string | null;
  ts: number;
}

export interface FindingRef {
  entity: string;
  data_class: string;
  start: number;
  end: number;
  score: number;
  action: string;
  /** For structured logs: JSON path of the field the offsets refer to. */
  path?: string | null;
}

export type AuditEventType = 'decision' | 'detokenize' | 'purge' | 'key';

export interface DecisionEvent {
  event_id: string;
  tenant_id: string;
  event_type: AuditEventType;
  request_id: string | null;
  source: string | null;
  decision: string | null;
  matched_rules: string[];
  policy_id: string | null;
  policy_version: string | null;
  ruleset_hash: string | null;
  findings: FindingRef[];
  injection_score: number;
  token_count: number;
  ciphertext_len: number;
  latency_ms: number;
  shadow: boolean;
  user_id: string | null;
  metadata: StringMap | null;
  ts: number;
}

export interface DeadLetter {
  reason_code: string;
  stage: string;
  error_class: string;
  error_message: string;
  original_topic: string;
  original_partition: number;
  original_offset: string;
  tenant_id: string | null;
  payload_sealed: Buffer;
  payload_key_id: string;
  ts: number;
}

export interface StageEnvelope {
  tenant_id: string;
  request_id: string;
  kind: 'prompt' | 'log';
  received_at: number;
  body: string;
}
