import { detectSensitive } from '../../../pipelines/detect/engine';
import { isPersonKey, keyWords, personFieldRecognizer, personValueSpan } from '../../../pipelines/detect/recognizers/person-field.recognizer';
import { fieldKeysOf } from '../../../pipelines/stages/json-leaves';

const persons = (text: string, keys?: string[]) =>
  detectSensitive(text, keys ? { context: { fieldKeys: keys } } : undefined)
    .filter((f) => f.entity === 'PERSON')
    .map((f) => text.slice(f.start, f.end));

describe('person-field recognizer (key-cued PERSON)', () => {
  it.each(['name', 'first_name', 'lastName', 'Full-Name', 'customer', 'customer_name', 'patient', 'user_name', 'username', 'contact', 'holder', 'card_holder', 'cardholder', 'account_holder_name', 'patientFullName'])(
    'treats %s as a person key',
    (key) => expect(isPersonKey([key])).toBe(true),
  );

  it.each(['service_name', 'hostname', 'host_name', 'file_name', 'customer_id', 'app', 'level', 'message', 'display', 'user_agent', 'name_server_ip'])('does not treat %s as a person key', (key) =>
    expect(isPersonKey([key])).toBe(false),
  );

  it('reads a bare name word through its parent key', () => {
    expect(isPersonKey(['service', 'name'])).toBe(false);
    expect(isPersonKey(['k8s_pod', 'name'])).toBe(false);
    expect(isPersonKey(['customer', 'name'])).toBe(true);
    expect(isPersonKey(['metadata', 'name'])).toBe(true);
  });

  it('accepts person-looking values only', () => {
    for (const v of ['Anna Kowalski', 'Anna', "Seán O'Brien", 'Jean-Luc Picard', 'Ludwig van Beethoven', ' Zoë Kravitz ', 'ANNA KOWALSKI']) expect(personValueSpan(v)).not.toBeNull();
    for (const v of ['checkout-api', 'anna', 'Anna Kowalski 2', 'user_42', 'Unknown', 'N/A', 'Acme Ltd', 'A B C D E', 'Anna  Kowalski', '', 'Java', 'jo@example.com']) expect(personValueSpan(v)).toBeNull();
    expect(personValueSpan(' Zoë Kravitz ')).toEqual({ start: 1, end: 12 });
  });

  it('fires through the engine only with a name-ish key, at a score the default policy acts on', () => {
    expect(persons('Anna Kowalski', ['customer_name'])).toEqual(['Anna Kowalski']);
    expect(persons('Xavi Oyelaran-Quist', ['holder'])).toEqual(['Xavi Oyelaran-Quist']);
    expect(persons('Xavi Oyelaran-Quist')).toEqual([]);
    expect(persons('Checkout', ['service_name'])).toEqual([]);
    expect(persons('Checkout', ['name'])).toEqual([]);
    expect(persons('Billing', ['service', 'name'])).toEqual([]);
    const [f] = personFieldRecognizer.detect('Anna Kowalski', { fieldKeys: ['first_name'] });
    expect(f!.score).toBeGreaterThanOrEqual(0.5);
  });

  it('splits keys into words at separators and camelCase humps', () => {
    expect(keyWords('customerFullName')).toEqual(['customer', 'full', 'name']);
    expect(keyWords('card-holder.NAME')).toEqual(['card', 'holder', 'name']);
  });

  it('stays cheap on a huge value', () => {
    const t0 = process.hrtime.bigint();
    personFieldRecognizer.detect('Anna '.repeat(20_000), { fieldKeys: ['name'] });
    expect(Number(process.hrtime.bigint() - t0) / 1e6).toBeLessThan(50);
  });
});

describe('fieldKeysOf', () => {
  it('inverts the paths mapStringLeaves builds, skipping array indexes', () => {
    expect(fieldKeysOf('$.customer_name')).toEqual(['customer_name']);
    expect(fieldKeysOf('$.user["full name"]')).toEqual(['user', 'full name']);
    expect(fieldKeysOf('$.names[2]')).toEqual(['names']);
    expect(fieldKeysOf('$["a\\"b"].c')).toEqual(['a"b', 'c']);
    expect(fieldKeysOf('metadata.card')).toEqual(['metadata', 'card']);
    expect(fieldKeysOf('user_id')).toEqual(['user_id']);
    expect(fieldKeysOf('metadata.card~')).toEqual([]);
    expect(fieldKeysOf('$')).toEqual([]);
  });
});
