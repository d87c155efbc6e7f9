import {
  parseConsistencyProofJson,
  parseInclusionProofJson,
  ProofJsonError,
  toConsistencyProofJson,
  toInclusionProofJson,
  verifyConsistency,
  verifyInclusion,
} from '../../../pipelines/audit';

// Verbatim from transparency-dev/merkle testdata/inclusion/1 and testdata/consistency/{0,1}.
const HAPPY_INCLUSION =
  '{"leafIdx":0,"treeSize":8,"root":"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=","leafHash":"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=","proof":["lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=","Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=","a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ="],"desc":"happy path","wantErr":false}';
const EMPTY_ROOT_INCLUSION = HAPPY_INCLUSION.replace('XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=', '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
const HAPPY_CONSISTENCY = `{
  "size1": 1, "size2": 8,
  "root1": "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=",
  "root2": "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=",
  "proof": ["lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=", "Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=", "a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ="],
  "desc": "happy path", "wantErr": false
}`;
const EQUAL_SIZES_CONSISTENCY =
  '{"size1":1,"size2":1,"root1":"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=","root2":"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=","proof":null}';

describe('proof JSON (transparency-dev test-data format)', () => {
  it('parses and verifies transparency-dev vectors', () => {
    expect(verifyInclusion(parseInclusionProofJson(HAPPY_INCLUSION)).ok).toBe(true);
    expect(verifyInclusion(parseInclusionProofJson(EMPTY_ROOT_INCLUSION)).ok).toBe(false);
    expect(verifyConsistency(parseConsistencyProofJson(HAPPY_CONSISTENCY)).ok).toBe(true);
    const equal = parseConsistencyProofJson(EQUAL_SIZES_CONSISTENCY);
    expect(equal.proof).toEqual([]);
    expect(verifyConsistency(equal).ok).toBe(true);
  });

  it('round-trips through toInclusionProofJson / toConsistencyProofJson', () => {
    const inc = parseInclusionProofJson(HAPPY_INCLUSION);
    expect(parseInclusionProofJson(toInclusionProofJson(inc))).toEqual(inc);
    expect(JSON.parse(toInclusionProofJson(inc))).toEqual({ ...JSON.parse(HAPPY_INCLUSION), desc: undefined, wantErr: undefined });
    const con = parseConsistencyProofJson(HAPPY_CONSISTENCY);
    expect(parseConsistencyProofJson(toConsistencyProofJson(con))).toEqual(con);
  });

  const mutate = (patch: Record<string, unknown>): string => JSON.stringify({ ...JSON.parse(HAPPY_INCLUSION), ...patch });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['an array', '[]', /top level/],
    ['an unknown field', mutate({ extra: 1 }), /unknown field "extra"/],
    ['a missing field', mutate({ proof: undefined }), /missing field "proof"/],
    ['a string size', mutate({ treeSize: '8' }), /treeSize/],
    ['a fractional index', mutate({ leafIdx: 0.5 }), /leafIdx/],
    ['a negative index', mutate({ leafIdx: -1 }), /leafIdx/],
    ['an unsafe size', mutate({ treeSize: 2 ** 53 }), /treeSize/],
    ['hex instead of base64', mutate({ root: '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328' }), /root/],
    ['unpadded base64', mutate({ root: 'XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg' }), /root/],
    ['url-safe base64', mutate({ root: 'XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz-Nw7_RgQyg=' }), /root/],
    ['non-canonical padding bits', mutate({ root: 'XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyh=' }), /root/],
    ['a short hash', mutate({ leafHash: 'AAAA' }), /leafHash/],
    ['an empty proof element', mutate({ proof: ['', 'lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c='] }), /proof\[0\]/],
    ['a proof object', mutate({ proof: {} }), /"proof" must be an array/],
    ['a non-string desc', mutate({ desc: 1 }), /desc/],
  ])('rejects %s', (_label, text, pattern) => {
    expect(() => parseInclusionProofJson(text)).toThrow(ProofJsonError);
    expect(() => parseInclusionProofJson(text)).toThrow(pattern);
  });

  it('rejects inclusion fields in a consistency document', () => {
    expect(() => parseConsistencyProofJson(HAPPY_INCLUSION)).toThrow(/unknown field "leafIdx"/);
  });
});
