import { BlockList, isIP } from 'node:net';

/** Why an address may or may not be reached; `reason` names the registry entry that decided it. */
export interface AddressVerdict {
  allowed: boolean;
  reason: string;
}

type Range = readonly [network: string, prefix: number, name: string];

/**
 * IANA IPv4 Special-Purpose Address Registry entries that are not globally reachable, plus multicast and the
 * deprecated 6to4 relay anycast. The globally reachable entries (AS112, AMT) stay allowed.
 */
const IPV4_REFUSED: readonly Range[] = [
  ['0.0.0.0', 8, '"this network" (0.0.0.0/8)'],
  ['10.0.0.0', 8, 'private-use (10.0.0.0/8)'],
  ['100.64.0.0', 10, 'shared address space (100.64.0.0/10)'],
  ['127.0.0.0', 8, 'loopback (127.0.0.0/8)'],
  ['169.254.0.0', 16, 'link-local (169.254.0.0/16)'],
  ['172.16.0.0', 12, 'private-use (172.16.0.0/12)'],
  ['192.0.0.0', 24, 'IETF protocol assignments (192.0.0.0/24)'],
  ['192.0.2.0', 24, 'documentation (192.0.2.0/24)'],
  ['192.88.99.0', 24, 'deprecated 6to4 relay anycast (192.88.99.0/24)'],
  ['192.168.0.0', 16, 'private-use (192.168.0.0/16)'],
  ['198.18.0.0', 15, 'benchmarking (198.18.0.0/15)'],
  ['198.51.100.0', 24, 'documentation (198.51.100.0/24)'],
  ['203.0.113.0', 24, 'documentation (203.0.113.0/24)'],
  ['224.0.0.0', 4, 'multicast (224.0.0.0/4)'],
  ['240.0.0.0', 4, 'reserved (240.0.0.0/4, includes broadcast)'],
];

/**
 * IANA IPv6 Special-Purpose Address Registry entries that are not globally reachable, plus the deprecated
 * site-local block. Checked before the "outside 2000::/3" rule so the reason names the specific block.
 */
const IPV6_REFUSED: readonly Range[] = [
  ['::', 128, 'unspecified (::/128)'],
  ['::1', 128, 'loopback (::1/128)'],
  ['::', 96, 'IPv4-compatible (::/96, deprecated)'],
  ['::ffff:0:0:0', 96, 'IPv4-translated (::ffff:0:0:0/96)'],
  ['64:ff9b:1::', 48, 'local-use IPv4/IPv6 translation (64:ff9b:1::/48)'],
  ['100::', 64, 'discard-only (100::/64)'],
  ['100:0:0:1::', 64, 'dummy IPv6 prefix (100:0:0:1::/64)'],
  ['2001:db8::', 32, 'documentation (2001:db8::/32)'],
  ['2001::', 23, 'IETF protocol assignments (2001::/23, includes Teredo)'],
  ['3fff::', 20, 'documentation (3fff::/20)'],
  ['5f00::', 16, 'segment routing SIDs (5f00::/16)'],
  ['fc00::', 7, 'unique-local (fc00::/7)'],
  ['fe80::', 10, 'link-local (fe80::/10)'],
  ['fec0::', 10, 'site-local (fec0::/10, deprecated)'],
  ['ff00::', 8, 'multicast (ff00::/8)'],
];

/** One BlockList per range, so a hit can name its range. */
const compile = (ranges: readonly Range[], family: 'ipv4' | 'ipv6') =>
  ranges.map(([network, prefix, name]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return { list, name };
  });
const ipv4Refused = compile(IPV4_REFUSED, 'ipv4');
const ipv6Refused = compile(IPV6_REFUSED, 'ipv6');

/**
 * IPv6 forms whose last 32 bits (or, for 6to4, bits 16–47) are an IPv4 address the packet ends up at: they are
 * judged by that IPv4 address, so `::ffff:10.0.0.1` or `64:ff9b::7f00:1` cannot reach private space.
 */
const EMBEDDING: readonly { prefix: number[]; v4At: number; name: string }[] = [
  { prefix: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], v4At: 12, name: 'IPv4-mapped (::ffff:0:0/96)' },
  { prefix: [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], v4At: 12, name: 'NAT64 (64:ff9b::/96)' },
  { prefix: [0x20, 0x02], v4At: 2, name: '6to4 (2002::/16)' },
];

/** Decides whether product code may connect to an IP address; anything that is not an IP is refused. */
export function classifyAddress(ip: string): AddressVerdict {
  const family = isIP(ip);
  if (family === 4) return classifyV4(ip);
  if (family === 6) return classifyV6(ip);
  return { allowed: false, reason: 'not an IP address' };
}

/** True for loopback, private, link-local (cloud metadata), CGNAT, multicast, reserved and special-purpose. */
export function isPrivateAddress(ip: string): boolean {
  return !classifyAddress(ip).allowed;
}

function classifyV4(ip: string): AddressVerdict {
  const hit = ipv4Refused.find((r) => r.list.check(ip, 'ipv4'));
  return hit ? { allowed: false, reason: hit.name } : { allowed: true, reason: 'public IPv4' };
}

function classifyV6(ip: string): AddressVerdict {
  const address = ip.split('%')[0]; // a zone id (fe80::1%eth0) names an interface, not part of the address
  const bytes = ipv6Bytes(address);
  if (!bytes) return { allowed: false, reason: 'unparsable IPv6 address' };
  for (const e of EMBEDDING) {
    if (e.prefix.every((b, i) => bytes[i] === b)) {
      const v4 = bytes.slice(e.v4At, e.v4At + 4).join('.');
      const inner = classifyV4(v4);
      return { allowed: inner.allowed, reason: `${e.name} embedding ${v4}: ${inner.reason}` };
    }
  }
  const hit = ipv6Refused.find((r) => r.list.check(address, 'ipv6'));
  if (hit) return { allowed: false, reason: hit.name };
  // Only 2000::/3 is allocated as global unicast; everything else is reserved by the IETF.
  if ((bytes[0] & 0xe0) !== 0x20) return { allowed: false, reason: 'not global unicast (outside 2000::/3)' };
  return { allowed: true, reason: 'global unicast IPv6' };
}

/** The 16 bytes of a textual IPv6 address (with or without a dotted IPv4 tail); null when malformed. */
function ipv6Bytes(text: string): number[] | null {
  let hex = text;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    // "::ffff:1.2.3.4" is "::ffff:102:304": rewrite the dotted tail as its two hex words.
    const v4 = text.slice(lastColon + 1);
    if (isIP(v4) !== 4) return null;
    const [a, b, c, d] = v4.split('.').map(Number);
    hex = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = hex.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((h) => parseInt(h, 16)));
  const left = parse(halves[0]);
  const right = halves.length === 2 ? parse(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const words = [...left, ...Array<number>(missing).fill(0), ...right];
  if (words.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffff)) return null;
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}
