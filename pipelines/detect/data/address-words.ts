/** Street-type words and address unit designators used by the ADDRESS recognizer (lower-case). */

/** Words that end an English street name ("Main Street", "Elm St."). */
export const STREET_SUFFIXES =
  'street|st|str|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|circle|cir|highway|hwy|parkway|pkwy|' +
  'square|sq|trail|trl|crescent|cres|close|grove|gardens|row|walk|alley|plaza|expressway|freeway|turnpike|pike|loop|path|hill|heights|' +
  'park|view|mews|green|rise|wharf|quay|passage|bypass|esplanade|promenade|ridge|crossing|point|landing|run|ville|port|mall|estate';

/**
 * Words that start a street name in Romance/other languages ("Rue de la Paix 12", "Via Roma 5"),
 * matched case-insensitively at the start of a street phrase.
 */
export const STREET_PREFIXES =
  'rue|avenue|boulevard|chemin|allée|allee|place|impasse|quai|route|via|viale|piazza|corso|vicolo|largo|calle|avenida|paseo|plaza|carrer|' +
  'rua|praça|praca|travessa|estrada|ulica|ul\\.|utca|strada|aleea|bulevardul|odos|leoforos';

/**
 * Endings of compound street names in Germanic/Nordic/Central-European languages
 * ("Schaarsteinweg", "Hausergasse", "Frørupvej", "Dorpsstraat", "Erzsébet tér").
 */
export const COMPOUND_STREET_ENDINGS = [
  'straße', 'strasse', 'str.', 'weg', 'gasse', 'allee', 'platz', 'ring', 'damm', 'ufer', 'steig', 'pfad', 'markt', 'vej', 'gade', 'stræde',
  'allé', 'straat', 'laan', 'gracht', 'plein', 'kade', 'singel', 'dreef', 'gatan', 'vägen', 'gränd', 'torget', 'gata', 'veien', 'vegen',
  'gate', 'katu', 'tie', 'kuja', 'polku', 'utca', 'út', 'tér', 'körút', 'ulice', 'ulica', 'náměstí', 'třída', 'cesta', 'ská', 'ská',
];

/** Secondary unit designators ("Apt. 4B", "Suite 500"). */
export const UNIT_WORDS = 'apt|apartment|suite|ste|unit|room|rm|floor|fl|flat|bldg|building|dept|lot|space|#';
