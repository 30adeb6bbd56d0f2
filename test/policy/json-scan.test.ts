/**
 * The one-pass JSON reader (src/policy/json-scan.ts) against momoa, the parser it stands in for:
 * on every text it accepts, the same tree with the same positions; everything else it leaves to
 * momoa (null), so errors stay momoa's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanJson } from '../../src/policy/json-scan.js';
import { MAX_JSON_DEPTH, parseJsonText, toPolicyTree } from '../../src/policy/read-json.js';
import { SourceText, stringBodyOffsets } from '../../src/policy/source-text.js';

function bothWays(text: string) {
  const source = new SourceText(text);
  const scanned = scanJson(text, (start, end) => source.position(start, end), MAX_JSON_DEPTH);
  const parsed = parseJsonText(text);
  const momoa = 'error' in parsed ? null : toPolicyTree(parsed.value, (node) => source.position(node.loc.start.offset, node.loc.end.offset));
  // Without a locate, the scan counts lines itself: the same positions.
  const counted = scanJson(text, null, MAX_JSON_DEPTH);
  return { scanned, momoa, counted };
}

/** JSON text of a value, with whitespace of every allowed kind (\r\n and lone \r included) between tokens. */
const spaced = fc
  .tuple(fc.jsonValue({ maxDepth: 4 }), fc.array(fc.constantFrom('', ' ', '\n', '\r\n', '\r', '\t', '  \n  '), { minLength: 1, maxLength: 8 }))
  .map(([value, spaces]) => {
    let i = 0;
    // Whitespace before the value and after each structural character outside strings (a string token is matched whole and kept).
    return spaces[0]! + JSON.stringify(value).replace(/"(?:[^"\\]|\\.)*"|[{}[\],:]/g, (token) => (token.startsWith('"') ? token : `${token}${spaces[i++ % spaces.length]}`));
  });

describe('scanJson', () => {
  it('gives momoa\'s tree and positions on any JSON', () => {
    fc.assert(
      fc.property(spaced, (text) => {
        const { scanned, momoa, counted } = bothWays(text);
        expect(scanned).not.toBeNull();
        expect(scanned).toEqual(momoa);
        expect(counted).toEqual(momoa);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps duplicate keys in order, and decodes escapes and numbers as JSON does', () => {
    const text = '{"Action": "s3:GetObject", "Action": "s3:\\u0050ut\\n\\"x\\"", "n": -1.5e+3, "z": 0, "t": true, "f": false, "u": null, "e": [], "o": {}}';
    const { scanned, momoa } = bothWays(text);
    expect(scanned).toEqual(momoa);
    expect(scanned?.type === 'object' && scanned.members.map((m) => m.name)).toEqual(['Action', 'Action', 'n', 'z', 't', 'f', 'u', 'e', 'o']);
    expect(scanned?.type === 'object' && scanned.members[1]!.value).toMatchObject({ type: 'string', value: 's3:Put\n"x"' });
  });

  it.each([
    ['a comment', '{"Statement": [] // note\n}'],
    ['a block comment', '/* c */ {"Statement": []}'],
    ['a trailing comma', '{"Statement": [1,],}'],
    ['a byte-order mark', '\uFEFF{"Statement": []}'],
    ['a raw tab in a string', '{"Sid": "a\tb"}'],
    ['a bad escape', '{"Sid": "\\x41"}'],
    ['a short unicode escape', '{"Sid": "\\u12"}'],
    ['a leading zero', '{"n": 01}'],
    ['a leading plus', '{"n": +1}'],
    ['a bare dot', '{"n": 1.}'],
    ['single quotes', "{'Statement': []}"],
    ['an unquoted key', '{Statement: []}'],
    ['an unterminated string', '{"Statement": "abc'],
    ['an unclosed object', '{"Statement": []'],
    ['two values', '{} {}'],
    ['a misspelt literal', '{"b": tru}'],
    ['non-breaking space', '{\u00a0"a": 1}'],
  ])('leaves %s to momoa', (_, text) => {
    expect(bothWays(text).scanned).toBeNull();
  });

  it('leaves nesting deeper than the limit to momoa, and reads it up to the limit', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(bothWays(nested(MAX_JSON_DEPTH)).scanned).not.toBeNull();
    expect(bothWays(nested(MAX_JSON_DEPTH + 1)).scanned).toBeNull();
  });
});

describe('stringBodyOffsets', () => {
  it('maps each unit JSON.parse decodes to the raw character(s) it came from', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(1000), (value, fileOffset) => {
        const raw = JSON.stringify(value).slice(1, -1);
        const map = stringBodyOffsets(raw, fileOffset);
        // Re-encoding each decoded unit's raw text from its mapped offset gives the unit back.
        for (let unit = 0; unit < value.length; unit++) {
          const from = map(unit) - fileOffset;
          const to = map(unit + 1) - fileOffset;
          expect(JSON.parse(`"${raw.slice(from, to)}"`)).toBe(value[unit]);
        }
        expect(map(value.length)).toBe(fileOffset + raw.length);
      }),
      { numRuns: 300 },
    );
  });

  it('counts \\u escapes written in any case, and escaped forward slashes, as one unit each', () => {
    const map = stringBodyOffsets('a\\u00E9\\u00e9\\/b', 10);
    expect([map(0), map(1), map(2), map(3), map(4), map(5)]).toEqual([10, 11, 17, 23, 25, 26]);
  });
});
