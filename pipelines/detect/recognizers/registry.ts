/**
 * Explicit recognizer list. Explicit (not a directory scan) so compilation is predictable and order is
 * reviewable; a unit test fails if a *.recognizer.ts file exists that is not listed here.
 */
import type { Recognizer } from '../recognizer';
import { emailRecognizer } from './email.recognizer';
import { creditCardRecognizer } from './credit-card.recognizer';
import { cardExpiryRecognizer } from './card-expiry.recognizer';
import { cardCvvRecognizer } from './card-cvv.recognizer';
import { usSsnRecognizer } from './us-ssn.recognizer';
import { phoneRecognizer } from './phone.recognizer';
import { ibanRecognizer } from './iban.recognizer';
import { ipv4Recognizer, ipv6Recognizer } from './ip-address.recognizer';
import { urlRecognizer } from './url.recognizer';
import { domainRecognizer } from './domain.recognizer';
import { dateTimeRecognizer } from './date-time.recognizer';
import { dateOfBirthRecognizer } from './date-of-birth.recognizer';
import { usDriverLicenseRecognizer } from './us-driver-license.recognizer';
import { usPassportRecognizer } from './us-passport.recognizer';
import { ukNhsRecognizer } from './uk-nhs.recognizer';
import { esNifRecognizer } from './es-nif.recognizer';
import { usNpiRecognizer } from './us-npi.recognizer';
import { deaRecognizer } from './dea.recognizer';
import { medicalRecordNumberRecognizer } from './medical-record-number.recognizer';
import { icd10Recognizer } from './icd10.recognizer';
import { usMbiRecognizer } from './us-mbi.recognizer';
import { awsAccessKeyRecognizer } from './aws-access-key.recognizer';
import { awsSecretKeyRecognizer } from './aws-secret-key.recognizer';
import { githubTokenRecognizer } from './github-token.recognizer';
import { gitlabTokenRecognizer } from './gitlab-token.recognizer';
import { slackTokenRecognizer } from './slack-token.recognizer';
import { stripeKeyRecognizer } from './stripe-key.recognizer';
import { googleApiKeyRecognizer } from './google-api-key.recognizer';
import { openaiKeyRecognizer } from './openai-key.recognizer';
import { jwtRecognizer } from './jwt.recognizer';
import { pemPrivateKeyRecognizer } from './pem-private-key.recognizer';
import { connectionStringRecognizer } from './connection-string.recognizer';
import { highEntropySecretRecognizer, passwordAssignmentRecognizer } from './generic-secret.recognizer';
import { personRecognizer } from './person.recognizer';
import { personFieldRecognizer } from './person-field.recognizer';
import { locationRecognizer } from './location.recognizer';
import { organizationRecognizer } from './organization.recognizer';
import { prefixRecognizer } from './prefix.recognizer';
import { titleRecognizer } from './title.recognizer';
import { addressRecognizer } from './address.recognizer';
import { zipCodeRecognizer } from './zip-code.recognizer';

/** Module file stem (file name without .recognizer.ts) → recognizers it exports. */
export const RECOGNIZER_MODULES: Readonly<Record<string, readonly Recognizer[]>> = {
  email: [emailRecognizer],
  'credit-card': [creditCardRecognizer],
  'card-expiry': [cardExpiryRecognizer],
  'card-cvv': [cardCvvRecognizer],
  'us-ssn': [usSsnRecognizer],
  phone: [phoneRecognizer],
  iban: [ibanRecognizer],
  'ip-address': [ipv4Recognizer, ipv6Recognizer],
  url: [urlRecognizer],
  domain: [domainRecognizer],
  'date-time': [dateTimeRecognizer],
  'date-of-birth': [dateOfBirthRecognizer],
  'us-driver-license': [usDriverLicenseRecognizer],
  'us-passport': [usPassportRecognizer],
  'uk-nhs': [ukNhsRecognizer],
  'es-nif': [esNifRecognizer],
  'us-npi': [usNpiRecognizer],
  dea: [deaRecognizer],
  'medical-record-number': [medicalRecordNumberRecognizer],
  icd10: [icd10Recognizer],
  'us-mbi': [usMbiRecognizer],
  'aws-access-key': [awsAccessKeyRecognizer],
  'aws-secret-key': [awsSecretKeyRecognizer],
  'github-token': [githubTokenRecognizer],
  'gitlab-token': [gitlabTokenRecognizer],
  'slack-token': [slackTokenRecognizer],
  'stripe-key': [stripeKeyRecognizer],
  'google-api-key': [googleApiKeyRecognizer],
  'openai-key': [openaiKeyRecognizer],
  jwt: [jwtRecognizer],
  'pem-private-key': [pemPrivateKeyRecognizer],
  'connection-string': [connectionStringRecognizer],
  'generic-secret': [highEntropySecretRecognizer, passwordAssignmentRecognizer],
  person: [personRecognizer],
  'person-field': [personFieldRecognizer],
  location: [locationRecognizer],
  organization: [organizationRecognizer],
  prefix: [prefixRecognizer],
  title: [titleRecognizer],
  address: [addressRecognizer],
  'zip-code': [zipCodeRecognizer],
};

export const RECOGNIZERS: readonly Recognizer[] = Object.values(RECOGNIZER_MODULES).flat();
