/**
 * validateRuleset: JSON Schema (ajv, allErrors) + semantic checks the schema cannot express.
 * Every error carries an RFC 6901 JSON pointer to the offending value so `policy lint` and the
 * admin UI can point at the exact field.
 */
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import schema from '../../schemas/policy/ruleset.schema.json';
import { semanticIssues } from './semantic-checks';
import type { PathError, Ruleset } from './types';

export type ValidationResult =
  | { readonly ok: true; readonly ruleset: Ruleset; readonly warnings: readonly PathError[] }
  | { readonly ok: false; readonly errors: readonly PathError[]; readonly warnings: readonly PathError[] };

// Compiled once per process: compiling the schema costs ~ms, validation costs ~µs.
let compiled: ReturnType<Ajv2020['compile']> | undefined;
function validator(): ReturnType<Ajv2020['compile']> {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** The schema document (for `policy schema` and docs). */
export const rulesetSchema: Readonly<Record<string, unknown>> = schema;

/**
 * Two phases: the schema (all errors at once), then semantic checks. Semantic checks only run on a
 * schema-valid document because they rely on its shape; fix schema errors first, then re-run.
 * Warnings never make a ruleset invalid.
 */
export function validateRuleset(json: unknown): ValidationResult {
  const validate = validator();
  if (!validate(json)) {
    const errors = dedupe((validate.errors ?? []).map(toPathError));
    return { ok: false, errors, warnings: [] };
  }
  // Safe: the schema accepted it, and types.ts is kept in sync with the schema by tests.
  const ruleset = json as Ruleset;
  const { errors, warnings } = semanticIssues(ruleset);
  if (errors.length > 0) return { ok: false, errors, warnings };
  // A private copy so later mutation of the caller's object cannot change a validated policy.
  return { ok: true, ruleset: structuredClone(ruleset), warnings };
}

/** Escape one JSON-pointer segment (RFC 6901 §3). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * ajv reports `required` / `additionalProperties` on the parent object; point at the member
 * itself instead so the path names the missing or unexpected field.
 */
function toPathError(e: ErrorObject): PathError {
  const params = e.params as Record<string, unknown>;
  const member =
    e.keyword === 'required'
      ? params['missingProperty']
      : e.keyword === 'additionalProperties'
        ? params['additionalProperty']
        : undefined;
  const path = typeof member === 'string' ? `${e.instancePath}/${pointerSegment(member)}` : e.instancePath;
  const message =
    e.keyword === 'enum' || e.keyword === 'const'
      ? `${e.message ?? 'invalid'}: ${JSON.stringify(params['allowedValues'] ?? params['allowedValue'])}`
      : e.keyword === 'additionalProperties'
        ? 'unknown property'
        : e.keyword === 'required'
          ? 'required property is missing'
          : (e.message ?? 'invalid');
  return { path, message };
}

function dedupe(errors: PathError[]): PathError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
