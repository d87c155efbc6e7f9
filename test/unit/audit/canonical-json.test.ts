import fc from 'fast-check';
import { canonicalize, canonicalBytes, CanonicalJsonError } from '../../../pipelines/audit';

describe('canonicalize (RFC 8785)', () => {
  it('reproduces the RFC 8785 §3.2.2 example', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
    expect(canonicalize(JSON.parse(input))).toBe(expected);
    // RFC 8785 also lists the UTF-8 bytes of the "string" member: "€" is raw UTF-8, never escaped.
    const tail = '22737472696e67223a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f227d';
    expect(canonicalBytes(JSON.parse(input)).toString('hex').endsWith(tail)).toBe(true);
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const values = Object.values(JSON.parse(canonicalize(input)) as Record<string, string>);
    const order = canonicalize(input).match(/"([^"]*)":/g);
    expect(order).toEqual(['"\\r":', '"1":', '"\u0080":', '"\u00f6":', '"\u20ac":', '"\ud83d\ude00":', '"\ufb33":']);
    expect(values).toHaveLength(7);
    expect(canonicalize(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it.each([
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [-0, '0'],
    [0.000001, '0.000001'],
    // RFC 8785's own example: the literal is deliberately beyond double precision.
    // eslint-disable-next-line no-loss-of-precision
    [333333333.33333329, '333333333.3333333'],
    [100, '100'],
    [-1.5, '-1.5'],
  ])('serializes number %p as %s', (n, s) => {
    expect(canonicalize(n)).toBe(s);
  });

  // RFC 8785 Appendix B: IEEE-754 bit patterns and their required serialization.
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serializes IEEE-754 %s as %s', (hex, s) => {
    expect(canonicalize(Buffer.from(hex, 'hex').readDoubleBE(0))).toBe(s);
  });

  it.each([NaN, Infinity, -Infinity])('rejects %p with a clear error', (n) => {
    expect(() => canonicalize({ a: [n] })).toThrow(/not representable in JSON at \$\.a\[0\]/);
  });

  it('drops undefined members but rejects other non-JSON values', () => {
    expect(canonicalize({ b: 1, a: undefined, c: { d: undefined } })).toBe('{"b":1,"c":{}}');
    expect(() => canonicalize({ a: BigInt(1) })).toThrow(CanonicalJsonError);
    expect(() => canonicalize({ a: () => 1 })).toThrow(/function is not a JSON value/);
    expect(() => canonicalize({ a: Symbol('x') })).toThrow(/symbol/);
    expect(() => canonicalize([1, undefined])).toThrow(/undefined array element/);
    expect(() => canonicalize(undefined)).toThrow(CanonicalJsonError);
  });

  it('rejects lone surrogates, cycles, buffers and non-plain objects', () => {
    expect(() => canonicalize('\ud800')).toThrow(/lone surrogate/);
    expect(() => canonicalize({ '\udc00': 1 })).toThrow(/lone surrogate/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalize(cyclic)).toThrow(/cyclic/);
    expect(() => canonicalize({ b: Buffer.from('x') })).toThrow(/binary data/);
    expect(() => canonicalize(new Map([['a', 1]]))).toThrow(/non-plain object \(Map\)/);
  });

  it('allows shared (non-cyclic) references, toJSON and null-prototype objects', () => {
    const shared = { x: 1 };
    expect(canonicalize({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    expect(canonicalize({ t: new Date(0) })).toBe('{"t":"1970-01-01T00:00:00.000Z"}');
    const bare = Object.assign(Object.create(null) as Record<string, number>, { z: 1, y: 2 });
    expect(canonicalize(bare)).toBe('{"y":2,"z":1}');
    // toJSON applies once (as in JSON.stringify): a self-returning toJSON must not loop.
    const selfish = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    selfish.toJSON = () => selfish;
    expect(() => canonicalize(selfish)).toThrow(/function is not a JSON value at \$\.toJSON/);
    expect(canonicalize({ k: { toJSON: (key: string) => `key=${key}` } })).toBe('{"k":"key=k"}');
  });

  it('uses JSON.stringify escaping and no whitespace', () => {
    expect(canonicalize({ s: '\u0000\b\t\n\f\r"\\/\u001f\u007f\u2028' })).toBe('{"s":"\\u0000\\b\\t\\n\\f\\r\\"\\\\/\\u001f\u007f\u2028"}');
    expect(canonicalize([[], {}, [{}], 'x'])).toBe('[[],{},[{}],"x"]');
  });

  it('matches JSON.stringify string escaping for arbitrary well-formed strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (str) => {
        expect(canonicalize(str)).toBe(JSON.stringify(str));
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent and preserves the value for arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const c = canonicalize(v);
        expect(canonicalize(JSON.parse(c))).toBe(c);
        expect(JSON.parse(c)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 500 },
    );
  });
});
