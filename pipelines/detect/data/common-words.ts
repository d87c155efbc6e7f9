/**
 * Frequent English words (lower-case). Capitalized tokens found here are treated as ordinary words
 * (sentence starts, titles, emphasis), never as names. General vocabulary only.
 */
const WORDS = `
a about above across act actually add added address after again against age ago agree ah air all allow almost alone along already
also although always am amazing american among amount an and another answer any anyone anything anyway apartment apply are area
aren't around arrived as ask asked assistant at atm attention available away awesome back bad bank be beautiful became because become
been before began begin behind being believe below best better between big bill billing birth bit black block blue board body book
born boss both bot box boy break bring brilliant brother brought build business busy but buy by call called calls came can can't
cancel cannot car card care case cash cause center certain change changed charge charges cheap check child children choose city class
clean clear close club code cold come comes coming company complete conference contact continue cool correct cost could couldn't
country couple course cover credit current customer cut daily dark date daughter day days dead dear death decide deep department
did didn't different difficult dinner direction do does doesn't dog doing don't done door down downtown during each early easy eat
either else email end enough enter even evening ever every everyone everything evil exactly example excellent excuse expect fact
fall family far fast father fear feel few field film final finally find fine first five follow food for form found four free
friend from front full fun funny further game gave general get gets getting girl give given glad go god goes going gone good
got great green group grow guess had half hand happen happy hard has hasn't have haven't having he he's head hear heard hello
help her here here's hers herself hey hi high him himself his history hit hold home hope hot hour house how however huge human
i i'd i'll i'm i've idea if important in include increase indeed information inside instead interest into is isn't issue it
it's its itself job join just keep kind knew know known large last late later least leave left less let let's letter life
light like likely limit line list listen little live lives living local long look looking lose lost lot love low made main
make man many market matter may maybe me mean meet meeting member men might mind mine minute miss moment money month more morning
most mother move moved much music must my myself name names near need needed never new news next nice night no nobody none nor
not note nothing now number of off offer office often oh ok okay old on once one only open or order other others our out over
own page paid paper part party pass past pay payment people per perfect perhaps person phone pick place plan play please plus
point police possible post power pretty price private probably problem process produce producer program provide pull put
question quick quite rather read ready real really reason receive recent record red remember report request rest return right
road room run said same save saw say says school second see seem seen self send sent service set several shall she she's
short should show side sign since sing singing sir sit six small so some someone something sometimes son song soon sorry sort
sound speak special spent stand start state statement stay still stop store story street strong student study such sure
system table take taken talk talking tax team tell ten than thank thanks that that's the their them then there there's these
they they're thing things think third this those though thought three through time title to today together told tomorrow too
took top total toward town tree tried true try trying turn two type under understand unfortunately unit unless unlike until
up update upon us use used user using usually very via view visit wait walk want wanted war was wasn't watch water way we
we'll we're week weekly well went were what what's whatever when where whether which while white who who's whole whom whose why
wide wife will wire with within without woman women won't wonder word words work world would wouldn't write written wrong yeah
year years yes yet you you'd you'll you're your yours yourself zip
monday tuesday wednesday thursday friday saturday sunday january february march april june july august september october
november december bot user name address phone email website mr mrs ms dr
`;

export const COMMON_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
