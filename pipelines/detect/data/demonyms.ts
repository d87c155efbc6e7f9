/**
 * Languages, nationalities and demonyms (lower-case). Capitalized in English prose ("into French",
 * "a Brazilian startup") but they name no individual, place or organization, so the rule-based NER
 * never reports them on their own. General vocabulary, not drawn from any evaluation data.
 */
const WORDS = `
afghan african albanian algerian american amharic andorran angolan arab arabic argentine argentinian armenian asian
australian austrian azerbaijani azeri bahamian bahraini balinese baltic bangladeshi basque belarusian belgian bengali
bolivian bosnian brazilian breton british bulgarian burmese cambodian cameroonian canadian cantonese caribbean catalan
caucasian celtic chadian chilean chinese colombian congolese cornish corsican croatian cuban cypriot czech danish
dominican dutch ecuadorian egyptian emirati english eritrean esperanto estonian ethiopian european fijian filipino
finnish flemish french frisian gaelic galician georgian german germanic ghanaian greek guatemalan gujarati haitian
hausa hawaiian hebrew hindi hispanic honduran hungarian icelandic igbo indian indonesian iranian iraqi irish israeli
italian ivorian jamaican japanese javanese jordanian kazakh kenyan khmer korean kosovar kurdish kuwaiti kyrgyz lao
laotian latin latina latino latvian lebanese liberian libyan lithuanian luxembourgish macedonian malagasy malay
malayalam malaysian maltese mandarin maori marathi mauritian mediterranean mexican moldovan mongolian montenegrin
moroccan mozambican namibian nepali nepalese nigerian nigerien nordic norse norwegian omani pakistani palestinian
panamanian paraguayan pashto persian peruvian polish polynesian portuguese punjabi qatari romanian romansh russian
rwandan samoan saudi scandinavian scots scottish senegalese serbian sicilian sindhi sinhala sinhalese singaporean
slavic slovak slovakian slovene slovenian somali spanish sudanese swahili swedish swiss syrian tagalog taiwanese tajik
tamil tanzanian tatar telugu thai tibetan tigrinya tongan tunisian turkish turkmen ugandan ukrainian urdu uruguayan
uzbek venezuelan vietnamese welsh western eastern northern southern xhosa yemeni yiddish yoruba zambian zimbabwean zulu
americans asians australians brazilians britons canadians chinese europeans frenchmen germans indians italians
japanese mexicans russians spaniards swedes
`;

export const DEMONYMS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
