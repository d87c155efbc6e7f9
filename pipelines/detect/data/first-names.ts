/**
 * Common given names across English, Romance, Germanic, Nordic, Slavic, Greek, Arabic, Turkish,
 * South/East Asian and African naming traditions (lower-case, ASCII-folded where usual).
 * General knowledge, not drawn from any evaluation data.
 */
const NAMES = `
aaron abby abdul abdullah abel abigail abraham ada adam adele adrian adriana agnes ahmed ahmet aidan aiden aisha alan albert alberto
alejandro aleksandr aleksandra alessandro alessandra alex alexa alexander alexandra alexandre alexei alexis alfie alfred alfredo ali alice alicia alina
alison allan allison alma alvaro amanda amber amelia amelie amir amira amit amy ana anastasia anders andre andrea andreas andrei andres andrew andrzej andy angel
angela angelica angelo angus anika anil anita ann anna anne annette annie anthony anton antonio anya april arjun arman arnav arne arnold arthur arturo asha ashley
astrid audrey august augusto aurora austin ava axel aylin ayumi barbara barry bart beatrice beatriz becky ben benedict benjamin bernard bernd bertha beth betty
bianca bill billy birgit bjorn blake bob bobby bogdan boris brad bradley brandon brenda brendan brian bridget brigitte britta brooke bruce bruno bryan caitlin
caleb callum camila camille carl carla carlos carmen carol carole caroline carolina carrie casey cassandra catalina catherine cathy cecilia cedric celine cesar chad
chantal charles charlie charlotte chen cheryl chiara chloe chris christian christina christine christopher cindy claire clara clarence claude claudia claudio clemens
colin connor conor constance cora corinne craig cristina cristian curtis cynthia dag daisuke dale dalia damian dan dana daniel daniela daniele danielle danny
daria dario darius darren dave david dawn dean debbie deborah declan deepak denis denise dennis derek desmond diana diane diego dieter dimitri dimitris dina dirk
dmitri dmitry dolores dominic dominik don donald donna doris dorothy doug douglas duncan dustin dylan eamon ed eddie edgar edith eduardo edward edwin eileen
elaine elena eleni eli elias elif elijah elisa elisabeth elise eliza elizabeth ella ellen ellie elliot elsa emil emilia emilie emilio emily emma emmanuel enrico
enrique enzo eric erica erik erika erin ernest ernesto esther ethan eugene eva evan evelyn ezra fabian fabio farah fatima federico felix fernando filip filippo
finn fiona florence florian frances francesca francesco francis francisco frank franz fred freddie frederick freya fritz gabriel gabriela gabriele gabrielle gail
gareth garrett gary gavin gemma gene geoffrey george georgia georgina gerald gerard gerhard gianluca gina giorgio giovanni gisela giulia giuseppe gladys glen
glenn gloria gordon grace graham greg gregory greta guillaume gunnar gustav gustavo guy hailey hakan halima hamza hana hanna hannah hans harold harper harriet harry
harvey hassan hazel heather hector heidi heinz helen helena helga henrik henry herbert hilda hiroshi hiroko holly hope howard hugh hugo hussein ian ibrahim ida
igor ilse imogen ines inga ingrid ioana irene iris irina isaac isabel isabella isabelle isla ismail ivan ivana ivy jack jackie jackson jacob jacqueline jade jaime
jake james jamie jan jana jane janet janice jared jason javier jay jean jeanne jeff jeffrey jennifer jenny jeremy jerome jerry jesper jesse jessica jesus jill
jim jimmy jin jo joan joana joanna joao jodie joe joel johan johanna john johnny jon jonas jonathan jordan jorge jose josef joseph josephine josh joshua joy juan
juana judith judy julia julian juliana julie julien julio june jurgen justin kai kamal karen karim karin karina karl kasper kate katharina katherine kathleen
kathryn kathy katie katrin kay keith kelly ken kenji kenneth kerry kevin khalid kim kimberly kirsten klaus kristina kristof kurt kyle lana lara larry lars laura
lauren laurent lea leah lee leila lena leo leon leonard leonardo leonie lesley leslie lewis liam lidia lily lina linda lindsay lisa liam liv logan lorenzo lori
louis louise lucas lucia luciano lucy luis luisa luka lukas luke luna lydia lynn maciej madeleine madison magda magnus maja malcolm malik manuel marc marcel
marcela marco marcus margaret margarita maria mariana marie marina mario marion marisa marius mark markus marta martha martin martina marty mary maryam mason
mateo mathias matilda matt matteo matthew matthias maura maureen max maxim maximilian maya megan mehmet mei melanie melissa mia michael michaela michal michel
michele michelle miguel mikael mike mikhail mila milan miles milo mira miriam mohamed mohammad mohammed molly monica monika morgan muhammad murat mustafa nadia
naomi natalia natalie natasha nathan nathaniel neil nele nicholas nick nicola nicolas nicole niels nikita nikola nikolai nikos nils nina noah noel nora norbert
norman nuno olga oliver olivia omar oscar oskar otto owen pablo paige pamela paola paolo pascal patricia patrick paul paula pauline pavel pedro peggy penelope
per peter petra phil philip philippe phoebe pierre pietro piotr priya rachel rafael rahul raj rajesh ralph ramon randy raquel raul ray raymond rebecca regina
reinhard renata rene ricardo richard rick rita rob robert roberta roberto robin rodrigo roger roland roman ronald rosa rosalind rose ross ruby rudolf rui rupert
russell ruth ryan sabine sabrina sacha sahil salma sam samantha samir samuel sandra sara sarah sasha saul scott sean sebastian selin serena sergei sergio seth
shane shannon sharon shawn sheila shirley sigrid silvia simon simone sofia sonia sophia sophie stacy stanley stefan stefanie stella stephan stephanie stephen
steve steven stuart susan susanne suzanne sven sylvia takashi tamara tanya tara teresa terry thea theo theodore theresa thomas tiago tim timothy tina tobias
todd tom tomas tommy toni tony tracy travis trevor troy tyler ulrich ursula valentina valentin valeria vanessa vera veronica victor victoria viktor vincent
violet virginia vivian vladimir walter wanda warren wayne wendy werner wilhelm will william willow wolfgang xavier yara yasmin yolanda yosef youssef yuki yuri
yusuf yvonne zach zachary zainab zara zoe zoltan zsofia agata agnieszka akira aleksi alibek aliya arnaud astrid bartosz beata birgitta bogdana borislav chiamaka
chidi chinedu daan dagny dorota efua eino elin emeka erkki esa eszter femi fredrik gergely gudrun gustavo hamid hannu heikki hilde ilkka ilona jarmo jens joakim
jouni juha jukka kaisa kalle kari katarzyna kofi kwame laszlo leena lise magnus malgorzata marek marja matti mikko minna noor oili olli pekka pirkko radek reijo
riitta sanna satu seppo sigurd snorri solveig stig sunniva tapio tarja teemu terje tuomas ulla ville wojciech zbigniew zuzana aurelio benedetta ettore fabrizio
gaetano ilaria luigi massimo ottavio rocco salvatore tiziana umberto vittoria aitor begona inaki itziar jordi montserrat nuria xabier adriaan anouk bram daan
femke gerrit joost jeroen lieke maarten pieter sanne thijs wouter yvette annika dagmar elke frauke gunther hannelore ingeborg jorg kerstin lutz manfred rainer
sabine uwe volker wiebke adel amina bilal farid hadi jamal karima latifa mahmoud nabil rania samira tariq yasmine zaid aditya ananya deepika gaurav kavya manoj
neha pooja rohan sanjay sunita vikram chen hui jun li ming wei xin yan ying hao jing haruto hina kaito ren sakura sota yui yuto hyun jisoo minji seo yeon
`;

export const FIRST_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));
