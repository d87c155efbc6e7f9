/** Table tests for PHI identifiers, national ids and secrets, with near-misses. */
import { spans } from './helpers';

type Row = [text: string, expected: string[]];
const table = (entity: string, rows: Row[]) =>
  describe(entity, () => {
    test.each(rows)('%j', (text, expected) => expect(spans(text, entity)).toEqual(expected));
  });

table('UK_NHS', [
  ['NHS number 943 476 5919', ['943 476 5919']],
  ['NHS number 943 476 5918', []],
  ['call 943 476 5919', []],
]);
table('ES_NIF', [
  ['DNI 12345678Z', ['12345678Z']],
  ['NIE X1234567L', ['X1234567L']],
  ['DNI 12345678A', []],
]);
table('US_NPI', [
  ['Provider NPI 1234567893', ['1234567893']],
  ['NPI 1234567890', []],
]);
table('US_DEA_NUMBER', [
  ['DEA AB1234563', ['AB1234563']],
  ['DEA AB1234564', []],
]);
table('MEDICAL_RECORD_NUMBER', [
  ['MRN: 00123456', ['00123456']],
  ['Order 00123456', []],
]);
table('ICD10_CODE', [
  ['Diagnosis code E11.9 noted', ['E11.9']],
  ['Seat E11 in row 9', []],
]);
table('US_MBI', [
  ['Medicare MBI 1EG4-TE5-MK73', ['1EG4-TE5-MK73']],
  ['code 1SG4-TE5-MK73', []],
]);
table('AWS_ACCESS_KEY_ID', [
  ['key AKIAIOSFODNN7EXAMPLE', ['AKIAIOSFODNN7EXAMPLE']],
  ['AKIAshort', []],
]);
table('AWS_SECRET_ACCESS_KEY', [
  ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY']],
  ['hash wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', []],
]);
table('GITHUB_TOKEN', [
  ['token ghp_abcdefghijklmnopqrstuvwxyz0123456789', ['ghp_abcdefghijklmnopqrstuvwxyz0123456789']],
  ['ghp_short', []],
]);
table('GITLAB_TOKEN', [['glpat-abcdefghij1234567890', ['glpat-abcdefghij1234567890']]]);
table('SLACK_TOKEN', [['xoxb-123456789012-abcdefghijkl', ['xoxb-123456789012-abcdefghijkl']], ['xoxz-123', []]]);
table('STRIPE_KEY', [['sk_live_4eC39HqLyjWDarjtT1zdp7dc', ['sk_live_4eC39HqLyjWDarjtT1zdp7dc']], ['pk_live_4eC39HqLyjWDarjtT1zdp7dc', []]]);
table('GOOGLE_API_KEY', [['AIzaSyA1234567890abcdefghijklmnopqrstuv', ['AIzaSyA1234567890abcdefghijklmnopqrstuv']]]);
table('OPENAI_API_KEY', [
  ['sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z', ['sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z']],
  ['use sk-learn-for-classification-models', []],
]);
table('JWT', [
  ['Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U']],
  ['eyJhbGciOiJIUzI1NiJ9 alone', []],
]);
table('PRIVATE_KEY', [
  ['-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----', ['-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----']],
  ['-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----', []],
]);
table('URL_CREDENTIALS', [
  ['postgres://app:s3cr3t@db.internal:5432/x', ['app:s3cr3t']],
  ['https://example.com/@user', []],
]);
table('SECRET', [
  ['password: hunter2', ['hunter2']],
  ['api token q8Zt3LmW9xVb2NcR7pKd', ['q8Zt3LmW9xVb2NcR7pKd']],
  ['password: ********', []],
  ['the token ceremony was aaaaaaaaaaaaaaaaaaaa', []],
]);
