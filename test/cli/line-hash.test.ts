/**
 * The line hash is GitHub's own: these are the vectors of github/codeql-action's unit test of its
 * fingerprinting (src/fingerprints.test.ts), so a hash we give is the one codeql-action would compute.
 */
import { describe, expect, it } from 'vitest';
import { lineHashes } from '../../src/cli/formatters/line-hash.js';

const hashesOf = (text: string) => [...lineHashes(text).entries()].sort(([a], [b]) => a - b).map(([, hash]) => hash);

describe('lineHashes', () => {
  it('gives the empty file one line', () => {
    expect(hashesOf('')).toEqual(['c129715d7a2bc9a3:1']);
  });

  it('leaves spaces and tabs out', () => {
    expect(hashesOf(' a\nb\n  \t\tc\n d')).toEqual(['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1']);
  });

  it('reads \\r, \\n and \\r\\n alike', () => {
    const expected = ['e9496ae3ebfced30:1', 'fb7c023a8b9ccb3f:1', 'ce8ba1a563dcdaca:1', 'e20e36e16fcb0cc8:1', 'b3edc88f2938467e:1', 'c8e28b0b4002a3a0:1', 'c129715d7a2bc9a3:1'];
    expect(hashesOf(' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n')).toEqual(expected);
    expect(hashesOf(' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n')).toEqual(expected);
    expect(hashesOf(' hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n')).toEqual(expected);
  });

  it('counts repeated hashes', () => {
    expect(hashesOf('Lorem ipsum dolor sit amet.\n'.repeat(10))).toEqual([
      ...[1, 2, 3, 4, 5, 6].map((n) => `a7f2ff13bc495cf2:${n}`),
      'a7f2ff1481e87703:1',
      'a9cf91f7bbf1862b:1',
      '55ec222b86bcae53:1',
      'cc97dc7b1d7d8f7b:1',
      'c129715d7a2bc9a3:1',
    ]);
  });

  it('gives a line the same hash when lines above it are added', () => {
    const text = '{\n  "Effect": "Allow",\n  "Action": "s3:*"\n}\n';
    expect(lineHashes(`\n\n// moved\n${text}`).get(6)).toBe(lineHashes(text).get(3));
  });
});
