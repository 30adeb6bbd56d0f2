/**
 * Limits that AWS and the SDKs put on pre-signed URLs. Every number names its source;
 * see docs/facts.md#sigv4-maximum-expiry.
 */

/**
 * SigV4 pre-signed URLs live at most 7 days.
 * Source: S3 User Guide, "Sharing objects with presigned URLs"; `MAX_PRESIGNED_TTL = 60 * 60 * 24 * 7`
 * in @smithy/signature-v4.
 */
export const SIGV4_MAX_EXPIRY_SECONDS = 604_800;

/** Human form of a number of seconds, for messages: "691200 s (8 days)". */
export function describeSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of units) {
    if (Math.abs(seconds) >= size && seconds % size === 0) {
      const n = seconds / size;
      return `${seconds} s (${n} ${name}${Math.abs(n) === 1 ? '' : 's'})`;
    }
  }
  return `${seconds} s`;
}
