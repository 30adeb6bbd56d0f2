/**
 * Object keys to ask the evaluator about when the code does not show the key. Evaluating one
 * arbitrary key would guess: a role allowed only `bucket/uploads/*` would look denied. So the
 * probes are one key inside every object pattern the policies name (`uploads/*` -> `uploads/x`),
 * plus one key matching none of them: a site is reported only when every probe is refused.
 */
import type { PolicyDocument } from '../policy/model.js';

const UNNAMED_KEY = 'presign-audit-probe';

/** `documents`: the policies that decide (the signer's identity policies, the bucket policy). */
export function objectKeyProbes(key: string | null, documents: readonly PolicyDocument[]): string[] {
  if (key !== null) return [key];
  const probes = new Set([UNNAMED_KEY]);
  for (const document of documents) {
    for (const statement of document.statements) {
      for (const resource of statement.resources?.values ?? []) {
        const match = /^arn:[^:]*:s3:::[^/]*\/(.*)$/.exec(resource.value);
        if (match) probes.add(match[1]!.replace(/[*?]/g, 'x'));
      }
    }
  }
  return [...probes];
}
