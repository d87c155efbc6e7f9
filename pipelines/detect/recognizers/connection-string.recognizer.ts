/**
 * URL_CREDENTIALS: the userinfo ("user:password") of scheme://user:password@host connection strings
 * (postgres, mysql, mongodb+srv, redis, amqp, https...). The whole userinfo is the span: user names
 * in DSNs are often service accounts that help an attacker as much as the password does.
 */
import { patternRecognizer } from '../recognizer';

export const connectionStringRecognizer = patternRecognizer({
  name: 'connection_string',
  entity: 'URL_CREDENTIALS',
  dataClass: 'secret',
  prefilter: (t) => t.includes('://') && t.includes('@'),
  patterns: [
    {
      name: 'userinfo',
      regex: /(?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]{1,20}:\/\/([^\s:/@]{0,128}:[^\s@/]{1,256})@[A-Za-z0-9.\-\[\]]{1,255}/dg,
      score: 0.95,
      group: 1,
    },
  ],
});
