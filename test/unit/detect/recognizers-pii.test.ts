/** Table tests: (text, expected spans) per recognizer, including near-misses that must not match. */
import { spans } from './helpers';

type Row = [text: string, expected: string[]];
const table = (entity: string, rows: Row[]) =>
  describe(entity, () => {
    test.each(rows)('%j', (text, expected) => expect(spans(text, entity)).toEqual(expected));
  });

table('EMAIL_ADDRESS', [
  ['mail me at john.doe+x@example.co.uk.', ['john.doe+x@example.co.uk']],
  ['a@b', []],
  ['user@@example.com and @handle', []],
  ['x@localhost is not routable', []],
]);
table('CREDIT_CARD', [
  ['card 4111 1111 1111 1111 ok', ['4111 1111 1111 1111']],
  ['amex 3782-822463-10005', ['3782-822463-10005']],
  ['mc2 2221000000000009', ['2221000000000009']],
  ['luhn fails 4111 1111 1111 1112', []],
  ['mixed 4111-1111 1111-1111', []],
  ['order 1234567890123456', []],
]);
table('US_SSN', [
  ['SSN: 536-22-8714', ['536-22-8714']],
  ['ssn 000-12-3456 or 666-12-3456 or 912-12-3456', []],
  ['id 123-45-6789', []],
  ['part 536-22-87145', []],
]);
table('PHONE_NUMBER', [
  ['call me at (415) 555-2671 tonight', ['(415) 555-2671']],
  ['intl +44 20 7946 0958', ['+44 20 7946 0958']],
  ['Phone: 0431 35 06 90', ['0431 35 06 90']],
  ['version 1.2.3 released 2020', []],
  ['we sold 12345 units', []],
]);
table('IBAN_CODE', [
  ['IBAN GB82 WEST 1234 5698 7654 32 is mine', ['GB82 WEST 1234 5698 7654 32']],
  ['de89370400440532013000', ['de89370400440532013000']],
  ['GB82 WEST 1234 5698 7654 33', []],
  ['XX82WEST12345698765432', []],
]);
table('IP_ADDRESS', [
  ['from 192.168.1.20 and 2001:db8::8a2e:370:7334', ['192.168.1.20', '2001:db8::8a2e:370:7334']],
  ['::ffff:10.0.0.1 mapped', ['::ffff:10.0.0.1']],
  ['bad 256.1.1.1, time 12:30:45, mac aa:bb:cc:dd:ee:ff', []],
]);
table('URL', [
  ['see https://example.com/a?b=1.', ['https://example.com/a?b=1']],
  ['(www.example.org)', ['www.example.org']],
]);
table('DOMAIN_NAME', [
  ['visit example.com today', ['example.com']],
  ['e.g. open file.txt or setup.py', []],
]);
table('DATE_TIME', [
  ['on 2020-07-31 00:57:51 we met', ['2020-07-31 00:57:51']],
  ['meet Wednesday at 5pm', ['Wednesday', '5pm']],
  ['version 13/45/2020', []],
]);
table('DATE_OF_BIRTH', [
  ['She was born on 2/16/1952.', ['2/16/1952']],
  ['Invoice dated 2/16/1952', []],
]);
table('US_DRIVER_LICENSE', [
  ["My driver's license number is A125325867", ['A125325867']],
  ['Order A125325867 shipped', []],
]);
table('CARD_EXPIRY', [
  ['card 4111111111111111 exp 05/27', ['05/27']],
  ['ratio 05/27 of the votes', []],
]);
table('CARD_CVV', [
  ['CVV: 123', ['123']],
  ['room 123', []],
]);
table('PERSON', [
  ['My name is Tamerlan', ['Tamerlan']],
  ['Have you been to a Brianna Kakuta concert before?', ['Brianna Kakuta']],
  ['Could I change the payment due date?', []],
]);
table('LOCATION', [
  ["I'm originally from El Salvador", ['El Salvador']],
  ['The weather is nice today', []],
]);
table('ORGANIZATION', [['She works at Acme Widgets Inc. now', ['Acme Widgets Inc.']]]);
table('ADDRESS', [
  ['Send it to 123 Main Street, Springfield, IL 62704', ['123 Main Street', 'IL', '62704']],
  ['Schaarsteinweg 97 is nice', ['Schaarsteinweg 97']],
  ['I have 3 dogs', []],
]);
table('TITLE', [['Ann Lee, the Systems administrator, said hi', ['Systems administrator']]]);
