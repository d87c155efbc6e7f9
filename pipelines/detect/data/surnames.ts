/** Common family names across many countries (lower-case). General knowledge, not evaluation data. */
const NAMES = `
smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson thomas taylor moore jackson martin
lee perez thompson white harris sanchez clark ramirez lewis robinson walker young allen king wright scott torres nguyen hill flores green adams nelson
baker hall rivera campbell mitchell carter roberts gomez phillips evans turner diaz parker cruz edwards collins reyes stewart morris morales murphy cook
rogers gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos kim cox ward richardson watson brooks chavez wood james bennett gray mendoza
ruiz hughes price alvarez castillo sanders patel myers long ross foster jimenez powell jenkins perry russell sullivan bell coleman butler henderson barnes
gonzales fisher vasquez simmons romero jordan patterson alexander hamilton graham reynolds griffin wallace moreno west cole hayes bryant herrera gibson
ellis tran medina aguilar stevens murray ford castro marshall owens harrison fernandez mcdonald woods washington kennedy wells vargas henry chen freeman
webb tucker guzman burns crawford olson simpson porter hunter gordon mendez silva shaw snyder mason dixon munoz hunt hicks holmes palmer wagner black
robertson boyd rose stone salazar fox warren mills meyer rice schmidt garza daniels ferguson nichols stephens soto weaver ryan gardner payne grant dunn
kelley spencer hawkins arnold pierce vazquez hansen peters santos hart bradley knight elliott cunningham duncan armstrong hudson carroll lane riley andrews
alvarado ray delgado berry perkins hoffman johnston matthews pena richards contreras willis carpenter lawrence sandoval guerrero george chapman rios
estrada ortega watkins greene nunez wheeler valdez harper burke larson santiago maldonado morrison franklin carlson austin dominguez carr lawson jacobs
obrien lynch singh vega bishop montgomery oliver jensen harvey williamson gilbert dean sims espinoza howell li wong reid hanson le mccoy garrett burton
fuller wang weber welch rojas lucas marquez fields park yang little banks padilla day walsh bowman schultz luna fowler mejia davidson acosta brewer may
holland juarez newman pearson curtis cortez douglas schneider joseph barrett navarro figueroa keller avila wade molina stanley hopkins campos barnett
bates chambers caldwell beck lambert miranda byrd craig ayala lowe frazier powers neal leonard gregory carrillo sutton fleming rhodes shelton schwartz
norris jennings watts duran walters cohen mcdaniel moran parks steele vaughn becker holt deleon barker terry hale leon hail benson haynes horton miles
lyons pham graves bush thornton wolfe warner cabrera mckinney mann zimmerman dawson lara fletcher page mccarthy love robles cervantes solis erickson reeves
chang klein salinas fuentes baldwin daniel simon velasquez hardy higgins aguirre lin cummings chandler sharp barber bowen ochoa dennis robbins liu ramsey
francis griffith paul blair oconnor cardenas pacheco cross calderon quinn moss swanson chan rivas khan rodgers serrano fitzgerald rosales stevenson
christensen manning gill curry mclaughlin harmon mcgee gross doyle garner newton burgess reese walton blake trujillo adkins brady goodman roman webster
goodwin fischer huang potter delacruz montoya todd wu hines mullins castaneda malone cannon tate mack sherman hubbard hodges zhang guerra wolf valencia
saunders franco rowe gallagher farmer hammond hampton townsend ingram wise gallegos clarke barton schroeder maxwell waters logan camacho strickland norman
person colon parsons frank harrington glover osborne buchanan casey floyd patton ibarra ball tyler suarez bowers orozco salas cobb gibbs andrade bauer
conner moody escobar mcguire lloyd mueller hartman french kramer mcbride pope lindsey velazquez norton mccormick sparks flynn yates hogan marsh macias
villanueva zamora pratt stokes owen ballard lang brock villarreal charles drake barrera cain patrick pineda burnett mercado santana shepherd bautista ali
muller schmitt schulz koch richter wolff schroder neumann schwarz zimmermann braun hofmann hartmann lange werner krause lehmann kohler maier huber kaiser
fuchs peters lang scholz moller weiss jung hahn vogel friedrich keller gunther frank berger winkler roth beck lorenz baumann franke albrecht schuster
rossi russo ferrari esposito bianchi romano colombo ricci marino greco bruno gallo conti deluca mancini costa giordano rizzo lombardi moretti barbieri
fontana santoro mariani rinaldi caruso ferrara galli martini leone longo gentile martinelli vitale lombardo serra coppola desantis bellini
dubois durand leroy moreau simon laurent lefebvre michel bertrand roux vincent fournier morel girard andre mercier dupont lambert bonnet francois martinez
legrand garnier faure rousseau blanc guerin muller henry roussel nicolas perrin morin mathieu clement gauthier dumont lopez fontaine chevalier robin
jansen devries vandenberg bakker visser smit meijer mulder bos vos peters hendriks dekker dijkstra vanleeuwen janssens maes jacobs mertens willems
nielsen jensen hansen pedersen andersen christensen larsen sorensen rasmussen jorgensen petersen madsen kristensen olsen thomsen johansson karlsson
nilsson eriksson larsson olsson persson svensson gustafsson pettersson jonsson lindberg lindstrom lindqvist berg haugen johansen kristiansen korhonen
virtanen makinen nieminen makela hamalainen laine heikkinen koskinen jarvinen lehtonen lehtinen saarinen salminen heinonen niemi kinnunen salonen
nowak kowalski wisniewski wojcik kowalczyk kaminski lewandowski zielinski szymanski wozniak dabrowski kozlowski jankowski mazur kwiatkowski krawczyk
novak svoboda novotny dvorak cerny prochazka kucera vesely horak nemec pospisil nagy kovacs toth szabo horvath varga kiss molnar nemeth farkas balogh
ivanov smirnov kuznetsov popov vasiliev petrov sokolov mikhailov novikov fedorov morozov volkov alekseev lebedev semenov egorov pavlov kozlov stepanov
popescu ionescu popa dumitru stan stoica gheorghe rusu munteanu matei papadopoulos georgiou dimitriou nikolaou ioannou konstantinou christodoulou
yilmaz kaya demir sahin celik yildiz yildirim ozturk aydin ozdemir arslan dogan kilic aslan cetin kara koc kurt ozkan simsek
silva santos oliveira souza rodrigues ferreira alves pereira lima gomes ribeiro carvalho almeida lopes soares fernandes vieira barbosa rocha dias
nascimento andrade moreira nunes marques machado mendes freitas cardoso ramos goncalves santana teixeira azevedo cunha pinto
sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada sasaki yamaguchi matsumoto inoue kimura hayashi shimizu
kim lee park choi jung kang cho yoon jang lim han oh seo shin kwon hwang ahn song yoo hong wang li zhang liu chen yang huang zhao wu zhou xu sun ma
zhu hu guo he lin luo gao liang zheng xie tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen
sharma verma gupta kumar singh patel shah mehta joshi reddy rao iyer nair menon pillai chatterjee banerjee mukherjee das bose ghosh sen chowdhury
khan ahmed hussain ali rahman hassan ibrahim mohamed abdullah mahmoud haddad khoury nasser saleh farah aziz karimi hosseini rezaei ahmadi
okafor okeke adeyemi olawale mensah owusu boateng asante kamau otieno mwangi ochieng nkosi dlamini ndlovu mokoena
obrien oconnell murphy kelly byrne ryan walsh mccarthy gallagher doherty kennedy lynch murray quinn moore mcloughlin farrell
macdonald campbell stewart robertson thomson anderson mackenzie maclean fraser ross scott reid paterson morrison
`;

export const SURNAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));
