/** IP ranges as they appear in `aws:SourceIp` conditions: parsing CIDRs and naming private blocks. */

export interface IpRange {
  readonly version: 4 | 6;
  /** The first address, as a bigint. */
  readonly start: bigint;
  readonly prefixLength: number;
}

export function parseCidr(text: string): IpRange | null {
  const [address, prefixText, extra] = text.trim().split('/');
  if (extra !== undefined || address === undefined) return null;
  const version = address.includes(':') ? 6 : 4;
  const bits = version === 4 ? 32 : 128;
  const value = version === 4 ? parseIpv4(address) : parseIpv6(address);
  if (value === null) return null;
  const prefixLength = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefixLength >= 0 && prefixLength <= bits)) return null;
  const hostBits = BigInt(bits - prefixLength);
  return { version, start: (value >> hostBits) << hostBits, prefixLength };
}

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
}

function parseIpv6(text: string): bigint | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
}

/** Whether `inner` lies wholly inside `outer`. */
export function rangeWithin(inner: IpRange, outer: IpRange): boolean {
  if (inner.version !== outer.version || inner.prefixLength < outer.prefixLength) return false;
  const bits = BigInt((inner.version === 4 ? 32 : 128) - outer.prefixLength);
  return inner.start >> bits === outer.start >> bits;
}

/**
 * Address blocks that never reach S3 as a request's public source address: RFC 1918 private
 * networks, RFC 6598 shared (carrier-grade NAT) space, loopback, link-local, and IPv6 unique-local.
 */
export const PRIVATE_BLOCKS: readonly { readonly cidr: string; readonly name: string; readonly range: IpRange }[] = [
  ['10.0.0.0/8', 'RFC 1918 private'],
  ['172.16.0.0/12', 'RFC 1918 private'],
  ['192.168.0.0/16', 'RFC 1918 private'],
  ['100.64.0.0/10', 'RFC 6598 shared address space'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['fc00::/7', 'IPv6 unique-local'],
  ['fe80::/10', 'IPv6 link-local'],
  ['::1/128', 'IPv6 loopback'],
].map(([cidr, name]) => ({ cidr: cidr!, name: name!, range: parseCidr(cidr!)! }));

/** The private block a range lies in, or null when any part of it is public. */
export function privateBlockOf(range: IpRange): (typeof PRIVATE_BLOCKS)[number] | null {
  return PRIVATE_BLOCKS.find((block) => rangeWithin(range, block.range)) ?? null;
}
