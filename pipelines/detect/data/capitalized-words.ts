/**
 * Capitalized words that are not names (lower-case): sentence-initial imperatives and discourse words
 * of prompts ("Translate", "Summarize", "Thanks"), title/heading nouns ("Chapter", "Wisdom"), calendar
 * words, holidays, religions, subjects and other common nouns often written with a capital letter.
 * General English vocabulary, not drawn from any evaluation data.
 */
const WORDS = `
translate summarize summarise rewrite rephrase paraphrase explain describe compare contrast list write create generate
draft compose outline suggest recommend review proofread edit correct fix debug refactor optimize implement convert
calculate compute estimate analyze analyse classify categorize extract identify find show tell give provide help
imagine pretend act assume consider note remember ensure make keep avoid include exclude add remove replace use
please thanks thank hello hi hey dear greetings regards cheers sincerely best kind warm yes no okay ok sure
also however therefore moreover furthermore meanwhile otherwise instead besides finally firstly secondly lastly overall
additionally alternatively basically currently generally hopefully honestly ideally typically usually recently today
tomorrow yesterday tonight morning afternoon evening night weekend weekday
chapter section part figure table appendix step phase stage level page note notes tip tips example examples summary
overview introduction conclusion abstract background method methods results discussion references question answer
task goal goals objective objectives requirement requirements context input output instructions instruction prompt
title subject topic agenda minutes memo update draft version release feature features bug issue ticket error warning
wisdom love life hope faith truth beauty freedom justice peace joy grace glory honor honour courage destiny fate
nature earth moon sun universe heaven hell paradise spirit soul heart mind dream dreams fire ice storm thunder
spring summer autumn fall winter christmas easter halloween thanksgiving hanukkah ramadan diwali eid passover
new year's valentine's mother's father's holiday holidays birthday anniversary
christian christianity catholic protestant orthodox muslim islam islamic jewish judaism buddhist buddhism hindu
hinduism sikh atheist bible quran torah gospel church mosque temple synagogue god lord jesus christ allah buddha
math mathematics physics chemistry biology history geography literature economics philosophy psychology sociology
algebra calculus geometry statistics science art music poetry grammar english
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december mon tue tues wed thu thur thurs fri sat sun jan feb mar apr jun jul aug sep sept
oct nov dec q1 q2 q3 q4 fy
ceo cto cfo coo cio vp hr pr qa it ai ml llm nlp faq pdf csv kpi okr roi seo b2b b2c saas eta tbd fyi asap diy
covid coronavirus internet web online email wifi bluetooth usb
north south east west northeast northwest southeast southwest central
chef baker doctor nurse teacher student manager engineer developer designer customer client user admin team
recipe breakfast lunch dinner dessert soup salad pasta pizza chicken beef pork fish rice bread cake cookies
`;

export const CAPITALIZED_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
