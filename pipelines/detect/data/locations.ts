/** Countries (with common variants), US states, and major world cities — lower-case phrases. */
const COUNTRIES = `
afghanistan|albania|algeria|andorra|angola|antigua and barbuda|argentina|armenia|australia|austria|azerbaijan|bahamas|the bahamas|bahrain|bangladesh|barbados|
belarus|belgium|belize|benin|bhutan|bolivia|bosnia and herzegovina|botswana|brazil|brunei|bulgaria|burkina faso|burundi|cabo verde|cape verde|cambodia|cameroon|
canada|central african republic|chad|chile|china|colombia|comoros|congo|republic of the congo|democratic republic of the congo|costa rica|cote d'ivoire|
ivory coast|croatia|cuba|cyprus|czech republic|czechia|denmark|djibouti|dominica|dominican republic|ecuador|egypt|el salvador|equatorial guinea|eritrea|estonia|
eswatini|swaziland|ethiopia|fiji|finland|france|gabon|gambia|the gambia|georgia|germany|ghana|greece|grenada|guatemala|guinea|guinea-bissau|guyana|haiti|
honduras|hungary|iceland|india|indonesia|iran|iraq|ireland|israel|italy|jamaica|japan|jordan|kazakhstan|kenya|kiribati|kosovo|kuwait|kyrgyzstan|laos|latvia|
lebanon|lesotho|liberia|libya|liechtenstein|lithuania|luxembourg|madagascar|malawi|malaysia|maldives|mali|malta|marshall islands|mauritania|mauritius|mexico|
micronesia|federated states of micronesia|moldova|monaco|mongolia|montenegro|morocco|mozambique|myanmar|burma|namibia|nauru|nepal|netherlands|the netherlands|
new zealand|nicaragua|niger|nigeria|north korea|north macedonia|macedonia|norway|oman|pakistan|palau|palestine|panama|papua new guinea|paraguay|peru|
philippines|the philippines|poland|portugal|qatar|romania|russia|russian federation|rwanda|saint kitts and nevis|saint lucia|saint vincent and the grenadines|
samoa|san marino|sao tome and principe|saudi arabia|senegal|serbia|seychelles|sierra leone|singapore|slovakia|slovenia|solomon islands|somalia|south africa|
south korea|korea|south sudan|spain|sri lanka|sudan|suriname|sweden|switzerland|syria|taiwan|tajikistan|tanzania|thailand|timor-leste|east timor|togo|tonga|
trinidad and tobago|tunisia|turkey|turkiye|turkmenistan|tuvalu|uganda|ukraine|united arab emirates|uae|united kingdom|uk|great britain|britain|england|
scotland|wales|northern ireland|united states|united states of america|usa|america|uruguay|uzbekistan|vanuatu|vatican city|holy see|venezuela|vietnam|
viet nam|yemen|zambia|zimbabwe|greenland|puerto rico|hong kong|macau|guam|bermuda|aruba|faroe islands|gibraltar|isle of man|jersey|guernsey|new caledonia|
french polynesia|western sahara|reunion|martinique|guadeloupe|curacao|cayman islands|virgin islands|british virgin islands|falkland islands|svalbard`;

const US_STATES = `
alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|
louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york|
north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|virginia|washington|
west virginia|wisconsin|wyoming|district of columbia|ontario|quebec|british columbia|alberta|manitoba|saskatchewan|nova scotia|bavaria|catalonia|andalusia|
tuscany|lombardy|queensland|new south wales|victoria|tasmania`;

const CITIES = `
london|paris|berlin|madrid|rome|vienna|amsterdam|brussels|lisbon|dublin|copenhagen|stockholm|oslo|helsinki|reykjavik|reykjavík|warsaw|prague|budapest|
bucharest|sofia|athens|istanbul|ankara|moscow|saint petersburg|st petersburg|kyiv|kiev|minsk|vilnius|riga|tallinn|belgrade|zagreb|ljubljana|sarajevo|
bratislava|bern|zurich|zürich|geneva|basel|munich|münchen|hamburg|frankfurt|cologne|köln|stuttgart|dusseldorf|düsseldorf|leipzig|dresden|hanover|nuremberg|
bremen|milan|milano|naples|turin|florence|venice|bologna|genoa|palermo|barcelona|valencia|seville|sevilla|bilbao|malaga|zaragoza|porto|lyon|marseille|
toulouse|nice|nantes|strasbourg|bordeaux|lille|rotterdam|the hague|utrecht|eindhoven|antwerp|ghent|bruges|luxembourg city|manchester|birmingham|liverpool|
leeds|glasgow|edinburgh|bristol|sheffield|cardiff|belfast|newcastle|nottingham|leicester|cambridge|oxford|brighton|southampton|aberdeen|cork|galway|
gothenburg|göteborg|malmo|malmö|uppsala|bergen|trondheim|stavanger|aarhus|odense|aalborg|esbjerg|tampere|turku|espoo|oulu|krakow|kraków|wroclaw|wrocław|
gdansk|poznan|lodz|brno|ostrava|debrecen|szeged|cluj-napoca|timisoara|iasi|plovdiv|varna|thessaloniki|patras|heraklion|nicosia|limassol|larnaca|
new york city|los angeles|chicago|houston|phoenix|philadelphia|san antonio|san diego|dallas|san jose|austin|jacksonville|fort worth|columbus|charlotte|
san francisco|indianapolis|seattle|denver|boston|el paso|nashville|detroit|oklahoma city|portland|las vegas|memphis|louisville|baltimore|milwaukee|
albuquerque|tucson|fresno|sacramento|kansas city|mesa|atlanta|omaha|colorado springs|raleigh|miami|long beach|virginia beach|oakland|minneapolis|tulsa|
tampa|arlington|new orleans|wichita|cleveland|bakersfield|aurora|anaheim|honolulu|santa ana|riverside|corpus christi|lexington|pittsburgh|anchorage|
stockton|cincinnati|saint paul|st. louis|st louis|toledo|newark|greensboro|plano|henderson|lincoln|buffalo|fort wayne|jersey city|orlando|madison|
salt lake city|richmond|boise|spokane|des moines|springfield|providence|hartford|burlington|savannah|charleston|toronto|montreal|montréal|vancouver|
calgary|edmonton|ottawa|winnipeg|quebec city|halifax|victoria|mexico city|guadalajara|monterrey|tijuana|cancun|havana|kingston|san juan|panama city|
bogota|bogotá|medellin|medellín|cali|lima|quito|guayaquil|caracas|santiago|buenos aires|cordoba|córdoba|rosario|montevideo|asuncion|la paz|sao paulo|
são paulo|rio de janeiro|brasilia|brasília|salvador|fortaleza|belo horizonte|recife|porto alegre|curitiba|manaus|tokyo|osaka|kyoto|yokohama|nagoya|
sapporo|fukuoka|kobe|hiroshima|seoul|busan|incheon|beijing|shanghai|guangzhou|shenzhen|chengdu|wuhan|hangzhou|nanjing|xi'an|tianjin|chongqing|taipei|
kaohsiung|manila|quezon city|cebu|jakarta|surabaya|bandung|bali|kuala lumpur|penang|bangkok|chiang mai|phuket|hanoi|ho chi minh city|saigon|phnom penh|
vientiane|yangon|dhaka|chittagong|kathmandu|colombo|karachi|lahore|islamabad|delhi|new delhi|mumbai|bombay|bangalore|bengaluru|chennai|madras|kolkata|
calcutta|hyderabad|pune|ahmedabad|jaipur|lucknow|kabul|tehran|baghdad|damascus|beirut|amman|jerusalem|tel aviv|haifa|riyadh|jeddah|mecca|medina|doha|
dubai|abu dhabi|muscat|kuwait city|manama|cairo|alexandria|giza|tunis|algiers|casablanca|rabat|marrakesh|marrakech|tripoli|khartoum|addis ababa|nairobi|
mombasa|kampala|kigali|dar es salaam|lagos|abuja|kano|ibadan|accra|kumasi|dakar|abidjan|bamako|douala|yaounde|kinshasa|luanda|lusaka|harare|maputo|
johannesburg|cape town|durban|pretoria|windhoek|gaborone|antananarivo|sydney|melbourne|brisbane|perth|adelaide|canberra|hobart|darwin|gold coast|
auckland|wellington|christchurch|dunedin|tashkent|almaty|astana|baku|tbilisi|yerevan|ulaanbaatar|novosibirsk|yekaterinburg|kazan|vladivostok|odessa|
kharkiv|lviv|chisinau|tirana|skopje|podgorica|pristina|valletta|monaco|san marino|andorra la vella|vaduz`;

function parse(list: string): string[] {
  return list.split('|').map((s) => s.trim()).filter(Boolean);
}

/** Lower-case location phrases; multi-word entries are matched as token n-grams. */
export const LOCATIONS: ReadonlySet<string> = new Set([...parse(COUNTRIES), ...parse(US_STATES), ...parse(CITIES)]);
export const COUNTRY_NAMES: ReadonlySet<string> = new Set(parse(COUNTRIES));

/** USPS state abbreviations (upper-case), used inside address tails ("Springfield, IL 62704"). */
export const US_STATE_ABBR: ReadonlySet<string> = new Set(
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP AA AE AP'.split(' '),
);

/** First words of LOCATIONS phrases: lets the n-gram matcher reject most tokens with one lookup. */
export const LOCATION_FIRST_WORDS: ReadonlySet<string> = new Set([...LOCATIONS].map((l) => l.split(' ')[0]));
