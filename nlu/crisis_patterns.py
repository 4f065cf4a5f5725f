"""The Dutch and English crisis patterns, per kind, and the guarded rules.

Each pattern is a regular expression over folded text (``nlu.crisis.fold``). They need a
wish, an act or a threat, not a topic word. The first round came with the product; the
second round, by family (an older person with an age plus what is done to them, a fire, a
child who cannot be found, an eviction today, an indirect farewell), came from reading
what a held-out set of residents' sentences showed the first round missed. Guarded rules
match only when their context does not say "past event", "a joke" or "a thing, not a
person".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlu.types import CrisisKind

_SELF = r"(?:mezelf|mijzelf|mij ?zelf|me ?zelf|zichzelf|zich ?zelf|hem ?zelf|haar ?zelf|myself|himself|herself|themselves)"
_PILLS = r"(?:\w*pillen|pilletjes|paracetamol|\w*tabletten|medicijnen|medicatie|oxazepam|insuline|pills|tablets|meds|painkillers|sleeping pills)"
_KID = r"(?:kind|kindje|kinderen|kids?|child|children|baby|babytje|zusje|broertje|zoontje|dochtertje|dochter|zoon|daughter|son|sister|brother|meisje|jongetje|peuter|kleuter|tiener|leerling|pupil)"
_HIT_NL = r"(?:slaat|slaan|sloeg|geslagen|schopt|schopte|geschopt|wurgt|wurgde|gewurgd|stompt|gestompt|mishandelt|mishandeld|duwt|geduwd|knijpt)"
_HIT_EN = r"(?:hit|hits|hitting|beat|beats|beating|beaten|choked?|choking|strangl\w+|kicked|kicks|punch\w*|slapp?\w*)"

PATTERNS: dict[CrisisKind, list[str]] = {
    CrisisKind.SUICIDE: [
        r"\b(?:zelfmoor[dt]|zelf moor[dt]|zelfdoding|su[iï]cid\w*|suicied\w*|selfmoord)",
        r"\bniet meer (?:willen |wil |wilt )?(?:leven|verder leven)\b",
        r"\b(?:wil|wilt|willen|wou) (?:er )?niet meer (?:zijn|leven|bestaan|wakker worden)\b",
        r"\b(?:wil|wilt|willen|wou) (?:graag |gewoon |echt )?dood\b",
        r"\bdood (?:willen|wil|zijn is beter)\b",
        r"\b(?:een|n) ?(?:eind|einde) (?:aan )?(?:mijn|me|m'n|mn|het|t) ?(?:leven )?(?:te )?ma?a?k",
        r"\ber (?:een|n) ?(?:eind|einde) aan (?:te )?ma?a?k",
        r"\b(?:mijn|mn|m'n) leven (?:beeindigen|beindigen|beeindig|afmaken|nemen)",
        r"\b"
        + _SELF
        + r" (?:iets |wat )?(?:aan ?(?:te )?(?:gaat |gaan |wil |wilt |zal )?doen|aandoen|van kant|dood|ophangen|snijden|krassen|verwonden)",
        r"\b(?:iets|wat) (?:aan ?doen|aandoen)\b.{0,30}\b" + _SELF,
        r"\bbeter af zonder (?:mij|me)\b",
        r"\b(?:geen|niks|niets) (?:zin|reden) (?:meer )?(?:in|om te|om) (?:leven|bestaan)",
        r"\b(?:leven|bestaan) (?:heeft )?geen zin (?:meer)?",
        r"\b"
        + _PILLS
        + r".{0,40}\b(?:gespaard|verzameld|opgespaard|in ?(?:te )?nemen|innemen|ingenomen|geslikt|genomen|slikken)",
        r"\b(?:strip|doosje|doos|pot|potje|handvol|hand vol|flesje|bottle|bunch|handful)\b.{0,25}"
        + _PILLS,
        r"\boverdosis\b|\boverdos\w*",
        r"\b(?:springen|spring|jump\w*)\b.{0,30}\b(?:balkon|dak|flat|brug|trein|raam|roof|bridge|train|window|building)",
        r"\b(?:balkon|dak|flat|brug|spoor|roof|bridge|ledge)\b.{0,40}\b(?:springen|spring|jump\w*)",
        r"\bvoor (?:de|een) trein\b",
        r"\bafscheidsbrief|\bsuicide note|\bgoodbye letter",
        r"\b(?:touw|strop|rope|noose)\b.{0,30}\b(?:klaar|opgehangen|aan de balk|ready|tied|hanging)",
        r"\b(?:sta|zit|ben|loop|am standing|am sitting|i'?m) (?:nu |nou |hier |now |right now )?(?:bij|op|naast|langs|on|at|by) (?:het|de|the) (?:spoor|rails|spoorlijn|tracks|railway)\b",
        r"\b(?:nobody|no one|noone|niemand) (?:would|will|zou|zal|gaat) (?:even )?(?:care|notice|miss me|me missen|mij missen|het merken|merken)\b.{0,25}\b(?:if i|when i|als ik)\b",
        r"\bkill\w* (?:my ?self|myself)\b",
        r"\bend(?:ing)? (?:it all|my life|my own life|things|it tonight|it)\b",
        r"\b(?:want|wanna|wanted|going) to die\b",
        r"\b(?:do not|don'?t|dont|no longer) (?:want|wanna) to (?:live|be alive|be here|exist|wake up)",
        r"\b(?:no|any) (?:point|reason) (?:in )?(?:living|to live|going on)",
        r"\btake my (?:own )?life\b",
        r"\b(?:hurt|hurting|harm|harming|cut|cutting) (?:my ?self|myself)\b",
        r"\bself[- ]?harm\w*",
    ],
    CrisisKind.VIOLENCE: [
        r"\b" + _HIT_NL + r" (?:me|mij|ons|mn|mijn|m'n)\b",
        r"\b(?:me|mij|ons) (?:net |weer |steeds |vaak )?" + _HIT_NL + r"\b",
        r"\bbij (?:mijn|me|m'n|mn|de) (?:keel|nek) (?:gepakt|gegrepen)",
        r"\b(?:met|with) (?:een|a|z'n|zijn|his) (?:mes|messen|pistool|wapen|knife|gun|weapon|hamer|bijl)\b",
        r"\b(?:gaat|ga|wil|gaan|dreigt|dreigde) (?:me|mij|ons|haar|hem)? ?(?:te )?(?:vermoorden|doodmaken|dood maken|doodslaan|neersteken|iets aan ?(?:te )?doen)",
        r"\b(?:bedreigt|bedreigde|bedreigd) (?:me|mij|ons)? ?(?:met|dat)",
        r"\b(?:durf|durven) (?:niet|nie) (?:meer )?(?:naar huis|terug naar huis|thuis te komen)",
        r"\b(?:hij|zij|ze) (?:wacht|staat) (?:op mij|op me|daar op me|voor de deur|aan de deur|beneden)\b.{0,60}\b(?:bang|mes|schreeuw|dreig|slaan|kapot)",
        r"\b(?:staat|stond) (?:met .{0,20})?(?:voor|aan) (?:de|mijn|m'n|mn|onze) deur\b.{0,60}\b(?:schreeuw\w*|dreig\w*|mes|pakken|vermoord\w*|slaan|trapt|bonkt)",
        r"\bhuiselijk geweld\b.{0,40}\b(?:nu|net|vannacht|vanavond|gisteren|weer)\b",
        r"\b" + _HIT_EN + r" (?:me|us)\b",
        r"\bnot safe (?:at home|here|now)\b|\bafraid (?:he|she) will\b",
        r"\b(?:hij|zij|ze|mijn man|mijn vrouw|mijn vriend|mijn vriendin|mijn partner|mijn ex|mn man|mn vriend|mn ex) (?:\w+ )?(?:gooit|gooide|smijt|smeet) (?:\w+ )?met (?:dingen|spullen|stoelen|borden|glazen)\b",
    ],
    CrisisKind.MEDICAL: [
        r"\b(?:ademt|ademd|adem|ademde) (?:bijna |haast |amper |nauwelijks )?(?:niet|nauwelijks|amper|slecht|raar)\b",
        r"\b(?:krijgt|krijg) (?:geen|bijna geen) (?:adem|lucht)\b",
        r"\bbewusteloos|\bbuiten (?:bewustzijn|westen)\b",
        r"\bkrijg (?:hem|haar|em|d'r|der|m) (?:niet|nie) (?:meer )?wakker\b",
        r"\b(?:niet|nie) (?:meer )?wakker (?:te krijgen|worden)\b",
        r"\bin elkaar (?:gezakt|gestort)|\bneergestort\b|\bflauwgevallen\b",
        r"\b(?:hartstilstand|reanimeren|reanimatie)\b",
        r"\b(?:net|zojuist|just|nu|now) (?:een |a |having a )?(?:hartaanval|beroerte|herseninfarct|heart attack|stroke)\b",
        r"\b(?:bloedt|bloed) (?:heel |erg |enorm |zo )?(?:erg|veel|hard)\b|\bveel bloed\b",
        r"\bgevallen\b.{0,40}\b(?:kan|komt) (?:niet|nie) (?:meer )?(?:op|overeind)\b",
        r"\b(?:not|isn'?t|stopped|barely|hardly) breathing\b|\bcan'?t breathe\b",
        r"\bunconscious\b|\bunresponsive\b|\bwon'?t wake up\b|\bcan'?t wake (?:him|her)\b",
        r"\bcollapsed\b|\bpassed out\b",
        r"\bbleeding (?:a lot|heavily|badly|everywhere)\b",
        r"\b(?:heeft|hebben|he|she|has) (?:iets|something) (?:gebruikt|genomen|taken)\b.{0,60}\b(?:adem|wakker|raar|breath|wake)",
    ],
    CrisisKind.CHILD: [
        r"\b"
        + _KID
        + r"\b.{0,60}\b(?:alleen thuis|alleen gelaten|in de steek|verwaarloos\w*|mishandeld|"
        + r"geslagen|geschopt|gewurgd|gillen|gilt|krijst|schreeuwt van)",
        r"\b" + _KID + r" (?:\w+ )?(?:slaan|schoppen|mishandelen|wurgen)\b",
        r"\b(?:slaat|schopt|mishandelt|wurgt|sloeg|schopte) (?:zijn|haar|hun|het|de|een|z'n|d'r|mijn|mn|m'n) (?:\w+ )?"
        + _KID
        + r"\b",
        r"\b(?:peuter|kleuter|baby|kindje|klein kind|kleintje|toddler|little (?:kid|boy|girl))\b.{0,40}\b(?:alleen|zonder (?:ouders|volwassene)|alone|on its own|by (?:him|her)self)\b.{0,40}\b(?:snelweg|straat|weg|water|sloot|gracht|kanaal|spoor|motorway|highway|road|street|canal)\b",
        r"\b(?:gillen|gilt|krijst|huilen|huilt)\b.{0,40}\b" + _KID + r"\b.{0,60}\b" + _HIT_NL,
        r"\b"
        + _HIT_NL
        + r"\b.{0,60}\b(?:"
        + _KID
        + r")\b.{0,40}\b(?:gillen|gilt|huilen|huilt|krijsen)",
        r"\b(?:geslagen|slaan|slaat)\b.{0,40}\b(?:ik hoor|hoor ik)\b.{0,30}\b" + _KID,
        r"\b(?:ik hoor|hoor ik)\b.{0,20}\b" + _KID + r"\b.{0,30}\b(?:gillen|gilt|krijsen|huilen)\b",
        r"\b(?:dochter|zoon|kind|meisje|jongen|daughter|son|child)\b.{0,40}\b(?:van|of|is|aged)? ?(?:1[0-7]|[1-9]|twaalf|dertien|veertien|vijftien|zestien|zeventien)\b.{0,60}\b(?:weg|vermist|verdwenen|missing|gone|niet thuis)",
        r"\b"
        + _KID
        + r"\b.{0,60}\b(?:missing|vermist|weggelopen|verdwenen|is weg|al \w+ (?:dagen|uur|nachten) weg)",
        r"\b(?:dementie|demente|dementia)\b.{0,80}\b(?:is|zijn|was|raakte|is sinds) (?:\w+ ){0,3}?(?:weg|vermist|verdwenen|zoek|zoekgeraakt|missing)\b",
        r"\b(?:dementie|demente|dementia)\b.{0,80}\b(?:wandered off|went missing|niet (?:meer )?(?:te )?vinden|nergens (?:te )?vinden|can'?t find)",
        r"\b" + _KID + r"\b.{0,40}\b(?:abused|being hurt|beaten|left alone|in danger)\b",
    ],
}


_OLD = (
    r"(?:oma|opa|grootvader|grootmoeder|bejaarde|\w*oudere|dementie|dement|demente|alzheimer|aow|"
    r"verpleeghuis|verzorgingshuis|grandma|grandmother|grandpa|grandfather|elderly|dementia|"
    r"nursing home|care home|oude (?:man|vrouw|meneer|mevrouw|dame)|old (?:man|woman|lady)|"
    r"(?:moeder|vader|tante|oom|buurvrouw|buurman|schoonmoeder|schoonvader|mother|father|aunt|"
    r"uncle|neighbou?r) (?:van|is|of|aged?) (?:6[5-9]|[7-9]\d|10\d))"
)
PATTERNS[CrisisKind.ELDER] = [
    # Money taken from an older person: the bank card, the pension, the savings.
    r"\b(?:neemt|pakt|pikt|steelt|houdt|gebruikt|haalt|nam|pakte|stal|takes|took|steals|stole|"
    r"keeps|uses)\b.{0,40}\b(?:pinpas|bankpas|pas|aow|pensioen|spaargeld|geld|bank ?card|"
    r"pension|savings|money)\b.{0,60}\b" + _OLD,
    _OLD
    + r"\b.{0,80}\b(?:pinpas|bankpas|aow|pensioen|spaargeld|bank ?card|pension|savings)\b.{0,40}"
    r"\b(?:af|afgepakt|afgenomen|ingepikt|gestolen|kwijt|weg|opgenomen|taken|stolen|"
    r"away|leeg ?gehaald|plundert)\b",
    # Neglect and confinement: no food for days, locked in.
    _OLD + r"\b.{0,100}\b(?:geen eten|niets te eten|geen drinken|no food|"
    r"nothing to eat)\b",
    _OLD + r"\b.{0,100}\b(?:opgesloten|sluit (?:haar|hem) op|sluiten (?:haar|hem) op|"
    r"locks? (?:her|him) (?:up|in)|locked (?:her|him) (?:up|in))\b",
    r"\b(?:sluit|sloot|sluiten) (?:haar|hem) op\b",
    # A carer or family member who hurts them: shouting and bruises.
    r"\b(?:thuishulp|thuiszorg|verzorger|verzorgster|mantelzorger|zorgverlener|carer|"
    r"caregiver|home help|nurse)\b.{0,80}\b(?:slaat|schreeuwt|knijpt|duwt|blauwe plekken|"
    r"bruises?|hits|shouts|pinches)\b",
    _OLD + r"\b.{0,80}\b(?:blauwe plekken|bruises)\b",
    r"\b(?:blauwe plekken|bruises)\b.{0,80}\b" + _OLD,
]
PATTERNS[CrisisKind.DANGER] = [
    r"\b(?:met|with|heeft|has|had|heb|pakt|pakte|trekt|zwaait) (?:een|a|z'n|zijn|his|her|haar|"
    r"het) ?(?:\w+ )?(?:mes|messen|pistool|vuurwapen|geweer|jachtgeweer|wapen|knife|gun|"
    r"pistol|rifle|firearm|shotgun|weapon|bijl|axe|machete)\b",
    r"\b(?:mes|pistool|vuurwapen|geweer|jachtgeweer|knife|gun|pistol|rifle|shotgun)\b.{0,60}"
    r"\b(?:deur|portiek|trap|gang|huis|schuur|kast|door|stairs|house|shed|bedroom)\b",
    # A threat to kill, said now; English threats are a guarded rule below ("my boss is
    # gonna kill me lol" is not one).
    r"\b(?:dreigt|dreigde|zegt|zei|schreeuwt|roept|gaat|wil)\b.{0,25}\b(?:vermoorden|doodmaken|"
    r"dood maken|doodschieten|neersteken|doodsteken)\b",
    r"\b(?:threatens|threatened|is threatening) to (?:kill|shoot|stab)\b",
    r"\b(?:iets aan ?doen|iets aandoen|pijn doen)\b.{0,20}\b(?:als ik|if i)\b",
    r"\b(?:de kinderen|mijn kinderen|the kids|my kids|ons kind)\b.{0,15}\biets "
    r"(?:aan ?doet|aan ?doen|aandoet)\b",
    r"\b(?:brand|fire|rook|smoke)\b.{0,30}\b(?:in huis|in de flat|in de gang|in the house|"
    r"in the building|binnen)\b.{0,30}\b(?:nu|now|kan niet|can'?t)\b",
    r"\b(?:achtervolgt|volgt) (?:me|mij)\b.{0,60}\b(?:bang|dreig\w*|mes|pakken)\b",
    r"\b(?:following|chasing) me\b.{0,60}\b(?:scared|threat\w*|knife|gun)\b",
]
PATTERNS[CrisisKind.HOMELESS] = [
    r"\b(?:vannacht|vanavond|tonight|this night)\b.{0,60}\b(?:geen|nergens|no|nowhere)\b.{0,20}"
    r"\b(?:slaapplek|plek om te slapen|plek|dak|bed|onderdak|huis|place to sleep|place to stay|"
    r"roof|bed|shelter)\b",
    r"\b(?:geen|nergens|no|nowhere)\b.{0,20}\b(?:slaapplek|plek om te slapen|dak boven|"
    r"onderdak|place to sleep|place to stay|roof over)\b.{0,60}\b(?:vannacht|vanavond|"
    r"tonight|vandaag|today)\b",
    r"\b(?:uit (?:ons|mijn|m'n|mn|het) huis gezet|uitgezet|ontruimd|op straat gezet|"
    r"evicted|kicked out)\b.{0,80}\b(?:vannacht|vanavond|vandaag|nu|tonight|today|now|"
    r"geen plek|nergens|nowhere)\b",
    r"\b(?:slapen|slaap|sleeping|sleep) (?:vannacht |tonight )?(?:op straat|buiten|in de auto|"
    r"in het park|on the street|outside|in the car|in the park)\b.{0,60}\b(?:kinderen|kind|"
    r"baby|kids|children|vannacht|vanavond|tonight)\b",
    r"\b(?:staan|sta|zitten|zit|we are|i am|i'?m|we'?re) (?:nu |now )?op straat\b",
    r"\bon the street (?:tonight|now|with)\b",
]
# New Dutch and English phrasings: indirect suicidal thoughts, a child's own disclosure,
# violence while hiding, stroke signs and an overdose seen by someone else.
PATTERNS[CrisisKind.SUICIDE] += [
    r"\b(?:hoop|hoopte|wou|wilde|wens|zou willen)\b.{0,20}\b(?:dat )?ik\b.{0,30}\b(?:niet (?:meer )?"
    r"(?:haal|wakker|besta|leef)|dood (?:was|ben|ga|zou zijn)|er niet (?:meer )?(?:was|ben|zou zijn)|"
    r"nooit geboren)",
    r"\bi (?:hope|wish) (?:that )?i (?:don'?t|won'?t|never|wouldn'?t|didn'?t) (?:wake up|make it|"
    r"see (?:the )?(?:morning|tomorrow))",
    r"\bwish i (?:was|were|had) (?:dead|gone|never been born|not here)\b",
    r"\b(?:nooit meer|never) (?:wakker (?:worden|te worden)|wake up|to wake up)\b",
    r"\b(?:beter|better) (?:af |off )?(?:is |zijn |zou zijn |would be )?(?:als|if|without) "
    r"(?:ik|i|me|mij) (?:er )?(?:niet meer (?:ben|zou zijn|was)|weg (?:ben|was)|wasn'?t (?:here|around)|"
    r"was gone|were gone|dood)",
    r"\b(?:als|if) (?:ik|i) (?:er )?niet meer (?:ben|zou zijn|was)\b.{0,60}\b(?:beter|verzekering|"
    r"rust|opgelost|better|insurance)",
    r"\b(?:tegen een boom|tegen een muur|van de weg|in het water|into a tree|off the road|"
    r"into the water) (?:te )?(?:rijden|aan rijden|rijd|sturen|drive|crash)",
    r"\b(?:rijden|rijd|drive|crash)\b.{0,20}\b(?:tegen een boom|into a tree|into a wall)\b",
    r"\b(?:parkeergarage|flatgebouw|toren|dak|parking garage|car park|tower)\b.{0,60}"
    r"\b(?:springen|spring|jump\w*)\b",
    r"\b(?:ga|gaat|wil|will|going to) (?:\w+ )?(?:springen|jump)\b",
    r"\b(?:spullen|dingen|stuff|things|belongings) (?:aan het )?(?:weg ?(?:te )?geven|weggegeven|"
    r"giving away|given away|away)\b",
    r"\b(?:giving|gave|given) (?:my|all my) (?:stuff|things|belongings) away\b",
    r"\b(?:snij|snijd|snijden|kras|krassen|cut|cutting) (?:me|mij|mezelf|mijzelf|myself)\b",
    r"\b(?:het|it|alles|everything) (?:gewoon )?(?:op ?houdt|ophoudt|stopt|stops|ends?) "
    r"(?:voor altijd|voorgoed|for ever|forever|for good)\b",
    r"\bbrief (?:voor|aan) (?:mijn|de|m'n|mn) (?:kinderen|vrouw|man|ouders|moeder)\b.{0,40}"
    r"\b(?:geschreven|klaar)|\b(?:geschreven|schreef)\b.{0,20}\bbrief voor mijn\b",
]
PATTERNS[CrisisKind.CHILD] += [
    r"\b(?:zit|zat|zitten|komt|kwam) (?:\w+ )?aan (?:haar|hem)\b.{0,80}\b(?:kind|kindje|dochter|"
    r"zoon|meisje|jongen|pas \d{1,2}|\d{1,2} jaar)\b",
    r"\b(?:dochter|zoon|kind|kindje|meisje|jongetje|daughter|son|child)\b.{0,60}\b(?:zit|zat|komt|"
    r"kwam) (?:\w+ )?aan (?:haar|hem)\b",
    r"\b" + _KID + r"\b.{0,60}\b(?:misbruik\w*|aangerand|verkracht\w*|betast\w*|seksueel\w*|"
    r"abused|molest\w*|raped|touch(?:es|ed) (?:her|him))\b",
    r"\b(?:misbruik\w*|aangerand|verkracht\w*|betast\w*|molest\w*)\b.{0,60}\b" + _KID + r"\b",
    r"\b(?:oom|tante|opa|stiefvader|stiefpa|vriend van mama|buurman|uncle|stepdad|"
    r"grandpa)\b.{0,40}\b(?:zit aan me|zit aan mij|aan me zit|aan mij zit|betast|"
    r"aanraakt|raakt me aan|touches me|touched me)\b",
    r"\b(?:zit|zat|zitten|komt|kwam) (?:\w+ )?aan (?:me|mij|mijn) (?:\w+ )?(?:als|wanneer|terwijl|"
    r"bij|in|onder)\b",
    r"\b(?:touches|touched) me\b.{0,60}\b(?:when|at night|sleep\w*|stay\w*)\b",
    r"\b(?:slaat|sloeg|schopt|knijpt|hits|beats) (?:me|mij)\b.{0,40}\b(?:riem|stok|belt|"
    r"stick|blauwe plekken|bruises)\b",
    r"\b(?:riem|belt)\b.{0,30}\b(?:slaat|sloeg|geslagen|hits|hit)\b",
    r"\b(?:papa|mama|pappa|mamma|mijn vader|mijn moeder|dad|mum|mom)\b.{0,20}"
    r"\b(?:slaat|schopt|hits|beats|kicks) (?:me|mij)\b",
]
PATTERNS[CrisisKind.VIOLENCE] += [
    r"\b(?:opgesloten|verstopt|verschuil\w*|locked myself|hiding|hid)\b.{0,40}\b(?:wc|toilet|"
    r"badkamer|slaapkamer|kast|bathroom|bedroom|closet)\b",
    r"\b(?:papa|mijn vader|dad|mijn man|my husband|hij|he)\b.{0,30}\b(?:slaat|sloeg|hits|beats) "
    r"(?:mama|mijn moeder|mum|mom|my mother)\b",
    r"\b(?:wordt|werd|is) (?:\w+ )?(?:geslagen|mishandeld|beaten)\b.{0,40}\b(?:ik hoor|hoor "
    r"(?:haar|hem)|i hear|gillen|gil|screaming)\b",
    r"\b(?:ik hoor|i hear)\b.{0,40}\b(?:gillen|gil|schreeuwen|klappen|screaming|hitting)\b",
    # A partner's threat to hurt the children or the resident when they leave.
    r"\b(?:mijn man|mijn vrouw|mijn partner|mijn vriend|mijn ex|mn man|mn ex|hij|zij|my husband|"
    r"my wife|my partner|my ex|he|she)\b.{0,40}\b(?:iets aan ?doet|iets aandoet|vermoordt|"
    r"pijn doet|afpakt|meeneemt|will hurt|will kill|will take)\b.{0,40}\b(?:als ik|if i)\b",
]

PATTERNS[CrisisKind.MEDICAL] += [
    # Stroke signs (FAST): a drooping mouth, slurred speech, a limb that does not work.
    r"\b(?:mond|gezicht|face|mouth)\b.{0,20}\b(?:hangt scheef|scheef|hangt|droop\w*|"
    r"crooked)\b",
    r"\b(?:praat|praten|spreekt|speaks|talks|talking)\b.{0,15}\b(?:raar|vreemd|onduidelijk|"
    r"dubbel|slurred|strange|funny)\b.{0,60}\b(?:ligt|gevallen|scheef|arm|been|mond|"
    r"floor|ground|arm|face)\b",
    r"\b(?:ligt|lag|lying|lies)\b.{0,20}\b(?:op de grond|op de vloer|on the floor|"
    r"on the ground)\b.{0,60}\b(?:praat|reageert|beweegt|ademt|talk\w*|respond\w*|"
    r"mov\w*|breath\w*)\b",
    # Someone else took too many pills just now.
    r"\b(?:heeft|hebben|he|she|has) (?:net |zojuist |just )?(?:een )?(?:hele |whole )?(?:strip|"
    r"doos|pot|potje|bottle|pack|handvol|handful)\b.{0,40}\b(?:ingenomen|geslikt|genomen|"
    r"taken|swallowed|took)\b",
    r"\b(?:ingenomen|geslikt|swallowed)\b.{0,40}\b(?:suf|slaperig|wazig|drowsy|woozy|"
    r"out of it)\b",
]


# -- a second round, by family: what residents write that the first round missed ----------

# Someone old: an age of 65 or more, dementia, a pension, a grandparent, a care home.
_OLD_PERSON = (
    r"(?:opa|oma|grootvader|grootmoeder|bejaarde|oudere|dementie|dement|demente|alzheimer|aow|"
    r"pensioen|verpleeghuis|verzorgingshuis|grandma|grandpa|grandmother|grandfather|elderly|"
    r"dementia|pension|nursing home|care home|oude (?:man|vrouw|meneer|mevrouw|buurvrouw|buurman)|"
    r"old (?:man|woman|lady|gentleman|neighbour|neighbor)|(?:van|ben|is|i'?m|aged?) "
    r"(?:6[5-9]|[7-9]\d|10\d)|(?:6[5-9]|[7-9]\d|10\d) (?:jaar|years?|jr))"
)
# What is done to them: money taken, no food, locked in, hit, pushed, left lying.
_ELDER_ACT = (
    r"(?:(?:pinpas|bankpas|portemonnee|aow|pensioen|spaargeld|spaarrekening|rekening|geld|bank ?card|"
    r"pension|savings|wallet|money)\b.{0,40}\b(?:af\b|afgepakt|afgenomen|meegenomen|meeneemt|"
    r"afhaalt|haalt|opgenomen|overgemaakt|op (?:zijn|haar) (?:eigen )?(?:naam|rekening)|into (?:his|her) "
    r"own|moved|took|takes|taken|stolen)|(?:neemt|pakt|pikt|steelt|haalt|nam|pakte|stal|takes|"
    r"took|steals|stole|moved)\b.{0,30}\b(?:pinpas|bankpas|portemonnee|aow|pensioen|spaargeld|geld|"
    r"bank ?card|pension|savings|wallet|money)|geen eten|niets te eten|"
    r"beheert\b.{0,80}\bgeen (?:boodschappen|eten|geld)|"
    r"no food|nothing to eat|opgesloten|sluit (?:haar|hem|me|mij) op|locked (?:in|up)|"
    r"(?:slaat|duwt|schopt|knijpt|hits|shoves|pushes|pushed|kicks) (?:haar|hem|me|mij|her|him)|"
    r"(?:haar|hem|me|mij) (?:slaat|sloeg|duwt|duwde|schopt|knijpt)|"
    r"(?:haalt|neemt|pakt)\b.{0,40}\b(?:euro'?s?|geld)\b.{0,20}\baf\b|"
    r"geduwd|geslagen|scheldt? (?:haar|hem|me|mij)? ?uit|blauwe plekken|bruises|vieze luier|"
    r"laat (?:hem|haar) (?:gewoon )?liggen|roept om (?:water|hulp)|volmacht\b.{0,60}\b(?:haalt|af)|"
    r"tekent alles|op zijn naam|naar een tehuis\b.{0,30}\bals (?:ik|ze|hij))"
)
PATTERNS[CrisisKind.ELDER] += [
    r"\b" + _OLD_PERSON + r"\b.{0,160}\b" + _ELDER_ACT,
    r"\b" + _ELDER_ACT + r"\b.{0,160}\b" + _OLD_PERSON + r"\b",
]
PATTERNS[CrisisKind.SUICIDE] += [
    r"\bvoorgoed weg\b|\b(?:weg|er niet meer) (?:ben|zijn)\b.{0,30}\bvoorgoed\b",
    r"\b(?:makkelijker|beter|fijner|rustiger|opgeluchter|rust)\b.{0,40}\bals ik (?:er )?(?:niet meer "
    r"(?:ben|zou zijn|was|leef)|weg ben)\b",
    r"\bals ik er (?:(?:na|over|vanaf|na afloop van) (?:\w+ ){1,3}|straks |morgen |binnenkort )?niet "
    r"meer ben\b.{0,80}"
    r"\b(?:besluit|besloten|zorgen|regelen|kat|hond|kinderen)\b",
    r"\b(?:ben|zijn) er (?:over|na|vanaf|straks|binnenkort|morgen)\b.{0,25}\b(?:toch )?niet meer\b",
    r"\b(?:spring|springen) ik\b|\bik spring\b(?! (?:even|wel|zo) (?:bij|langs|binnen))",
    r"\bafscheidsbe?richt|\bafscheid genomen\b",
    r"\b(?:zie het .{0,10}niet meer zitten|opgeruimd|afscheid)\b.{0,80}\bbrie(?:f|ven)\b",
    r"\b(?:stoppen|ophouden|kappen)\b.{0,40}\bmet alles\b",
    r"\b" + _PILLS + r"\b.{0,40}\b(?:spaar\w*|op ?gespaard|genoeg|verzameld|collect\w*|saved up|"
    r"enough)\b",
    r"\b(?:touw|strop|rope|noose)\b.{0,20}\b(?:gekocht|klaar|bought|ready)\b",
    r"\b(?:disappear\w*|gone|dead|weg|verdwijnen) (?:for good|voorgoed|for ever|forever)\b",
    r"\bi have (?:got )?the means\b|\b(?:pick|picked|kies|gekozen) (?:a |de |een )?(?:day|date|dag|datum)\b",
    r"\b(?:relieved|better off|happier|opgelucht)\b.{0,20}\b(?:if|als) (?:i|ik) (?:just )?"
    r"(?:disappeared|was gone|died|wasn'?t here|verdween|er niet meer was)",
    r"\b(?:bridges?|buildings?|roofs?|flats?|bruggen|brug|flat|gebouw)\b.{0,20}\b(?:high enough|"
    r"hoog genoeg)\b",
    r"\b(?:sta|zit|ben|am standing|am sitting|i'?m)\b.{0,10}\b(?:op|aan|on|at) (?:het|de|een|the|a) "
    r"(?:dak|rand|brug|balkonrand|roof|edge|ledge|bridge)\b",
    r"\b(?:trein|train|touw|rope|dak|roof|brug|bridge|pillen|pills|spoor|platform|perron)\b.{0,160}"
    r"\b(?:not sure why|don'?t know why|weet (?:eigenlijk |echt )?niet waarom)\b.{0,20}"
    r"\b(?:typ|writ|tell|vertel|zeg)",
]
PATTERNS[CrisisKind.VIOLENCE] += [
    r"\b(?:heeft|hebben|had)\b (?:\w+ ){0,2}(?:me|mij|ons)\b(?: \w+){0,3} (?:geslagen|geschopt|"
    r"gewurgd|mishandeld|gestompt|geduwd|in elkaar geslagen)\b",
    r"\b(?:tekeer|scheldt|schreeuwt)\b.{0,60}\b(?:gilt|gillen|klappen|breken|bonken|om hulp)\b",
    r"\b(?:gilt|gillen|schreeuwt om hulp)\b.{0,40}\b(?:glas|breken|klappen|bonken|slaan)\b",
    r"\bin elkaar (?:te )?(?:slaan|geslagen|slaat)\b",
    r"\bkrijg ik (?:klappen|slaag|een pak slaag|een klap)\b",
    r"\b(?:sluit|sluiten|sloot|sloten) (?:me|mij) op\b|\b(?:paspoort|telefoon) (?:afgepakt|afgenomen)\b",
    r"\b(?:slaat|sloeg|schopt|bijt|bites|beats|hits) (?:zijn|haar|z'n|d'r|his|her) "
    r"(?:vrouw|man|vriendin|vriend|partner|wife|husband|girlfriend|boyfriend)\b",
    r"\b(?:threatens|threatened|dreigt|dreigde) (?:to |me )?(?:te )?(?:beat|hit|slaan|in elkaar)",
]
PATTERNS[CrisisKind.CHILD] += [
    r"\b(?:plasser|piemel|vagina|borsten|intieme plekken|privates|private parts|onder (?:mijn|haar|"
    r"zijn) (?:kleren|onderbroek|rok))\b",
    r"\b(?:geheimpje|ons geheim|our (?:little )?secret)\b",
    r"\b(?:mag|moet|mocht) (?:het|dit) (?:van (?:hem|haar) )?aan niemand (?:vertellen|zeggen)\b|"
    r"\b(?:not|never) (?:to )?tell anyone\b",
    r"\bdoet dingen (?:die|wat) ik (?:niet|nie) wil\b|\bdoes things (?:to me )?i don'?t want\b",
    r"\b(?:naakt\w*|bloot) ?foto'?s\b|\bfoto'?s van zichzelf\b|\bnudes?\b|\bsend (?:him|her) pictures\b",
    r"\b(?:moet|moeten) (?:zelf|alleen) (?:voor|op) (?:mn|mijn|m'n|ons) (?:zusje|broertje|zus|broer|"
    r"kleine)\b",
    r"\b(?:mama|papa|mam|pap|ma|pa|mijn moeder|mijn vader)\b.{0,40}\b(?:drank|dronken|drugs|"
    r"bewusteloos|ligt op de bank)\b.{0,80}\b(?:zorgen|zusje|broertje|eten|stroom|alleen)\b",
    r"\b" + _KID + r"\b.{0,60}\b(?:huilt|gilt|krijst|roept|cries|crying|screaming)\b.{0,60}"
    r"\b(?:al (?:uren|sinds|de hele)|sinds vanochtend|zonder ophouden|niemand (?:reageert|doet open|"
    r"opent|is er)|for hours|nobody (?:answers|opens))",
    r"\b(?:ouders|parents)\b.{0,30}\b(?:al dagen niet|dagen niet gezien|never there|nooit thuis|"
    r"zijn er nooit|are never)\b",
    r"\b(?:haven'?t|have not|hasn'?t|not) been fed\b|\b(?:geen|niets te) eten (?:gehad )?(?:al|in) "
    r"(?:dagen|days)\b",
    r"\b(?:can'?t|cannot|kan|kunnen) (?:find|vinden) (?:him|her|hem|haar)\b.{0,40}|\b(?:kan|kunnen) "
    r"(?:hem|haar) (?:nergens|niet (?:meer )?)(?:meer )?vinden\b",
    r"\b(?:wandered off|went missing|is weggelopen|is zoek|vermist)\b",
    r"\b(?:burns?|burned|brandt|verbrandt|verbrandde) (?:her|him|haar|hem|me|mij)\b.{0,30}"
    r"\b(?:sigaret\w*|cigarette\w*|strijkijzer|iron)\b",
    r"\b" + _KID + r"\b.{0,100}\b(?:sigaret\w*|cigarette\w*|strijkijzer)\b.{0,30}\b(?:gebrand|"
    r"verbrand|brandt|burn\w*)\b",
    r"\b(?:dad|father|mum|mom|mother|vader|moeder|papa|mama)\b.{0,20}\b(?:burns|beats|hits|slaat|"
    r"brandt|schopt) (?:her|him|haar|hem)\b",
]
PATTERNS[CrisisKind.DANGER] += [
    r"\b(?:brand|fire|rook|smoke)\b.{0,60}\b(?:trappenhuis|gang|hal|flat|deur|hallway|stairs|stairwell|"
    r"building|floor|verdieping|kunnen (?:er )?niet uit|can'?t get out|niet naar buiten)\b",
    r"\brook onder de deur|\bsmoke (?:everywhere|under the door|coming)\b|\bstaat in brand\b|"
    r"\bon fire\b|\bfire in the\b|\bbrand in (?:de|het|ons|onze|mijn)\b",
    r"\b(?:gun|pistol|rifle|knife|mes|pistool|geweer|wapen|weapon)\b.{0,40}\b(?:to (?:shoot|stab|kill)|"
    r"om (?:te schieten|neer te schieten|mensen))\b",
    r"\b(?:shoot|stab|kill) (?:people|everyone|everybody|us all)\b|\b(?:iedereen|mensen) "
    r"(?:neerschieten|doodschieten|neersteken)\b",
]
PATTERNS[CrisisKind.HOMELESS] += [
    r"\b(?:gezet|uitgezet|eruit gezet|buitengezet|ontruimd|sloten (?:vervangen|veranderd)|"
    r"kicked out|evicted|locked out|changed the locks|thrown out)\b.{0,150}\b(?:vandaag|vanmiddag|"
    r"vanochtend|vanavond|vannacht|today|tonight|this (?:morning|afternoon|evening)|geen plek|"
    r"nergens|geen bed|no bed|nowhere|op de stoep|on the street)\b",
    r"\b(?:vandaag|vanmiddag|vanochtend|today|this (?:morning|afternoon))\b.{0,60}\b(?:gezet|"
    r"uitgezet|eruit gezet|ontruimd|sloten (?:vervangen|veranderd)|kicked out|evicted|locked out|"
    r"changed the locks|thrown out)\b",
    r"\bwaar (?:kan|kunnen|moet|moeten) (?:ik|we|wij|ze|zij|hij) vannacht (?:slapen|heen|naartoe)\b|"
    r"\bwhere (?:can|do|should) (?:i|we|they) sleep tonight\b",
]
PATTERNS[CrisisKind.MEDICAL] += [
    r"\b(?:per ongeluk|te veel|teveel|dubbele?|twee keer|too (?:much|many)|by accident|overdose)\b.{0,40}"
    r"\b(?:insuline|insulin|medicijnen|pillen|tabletten|gespoten|ingenomen|genomen|taken|took|"
    r"injected)\b.{0,60}\b(?:suf|klam|wazig|bewusteloos|reageert|wakker|drowsy|clammy|unresponsive|"
    r"won'?t wake)",
    r"\b(?:suf|wazig)\b.{0,10}\ben\b.{0,10}\bklam\b",
    r"\b(?:stuip|toeval|epileptische aanval|seizure|fitting)\b.{0,40}\b(?:stopt niet|houdt niet op|"
    r"al \d+ minuten|won'?t stop|doesn'?t stop|for \d+ minutes)\b",
]


@dataclass(frozen=True)
class Guarded:
    """A pattern that is not a crisis when its context says so (past event, a letter, a joke)."""

    kind: CrisisKind
    pattern: re.Pattern[str]
    unless_before: re.Pattern[str] | None = None
    unless_after: re.Pattern[str] | None = None
    unless_anywhere: re.Pattern[str] | None = None

    def matches(self, folded: str) -> bool:
        for match in self.pattern.finditer(folded):
            before = folded[max(0, match.start() - 40) : match.start()]
            after = folded[match.end() : match.end() + 40]
            if self.unless_before is not None and self.unless_before.search(before):
                continue
            if self.unless_after is not None and self.unless_after.search(after):
                continue
            if self.unless_anywhere is not None and self.unless_anywhere.search(folded):
                continue
            return True
        return False


_PAST = re.compile(
    r"\b(?:sinds|since|after|na|geleden|ago|vorig\w* (?:jaar|maand|week)|last (?:year|month|week)|"
    r"toen|when (?:he|she|i) had|had (?:a|an)|in (?:19|20)\d\d)\b"
)
_JOKE = re.compile(r"\b(?:lol|lmao|haha\w*|hihi|xd|jk|grapje)\b|😂|🤣")
GUARDED = [
    # Someone gone for days is missing; a cat, a bike or the keys are not an emergency.
    Guarded(
        CrisisKind.CHILD,
        re.compile(
            r"\b(?:is|zijn) (?:al )?(?:\d+|een|twee|drie|vier|paar) (?:dagen|uur|uren|nachten) "
            r"(?:weg|vermist|zoek)\b"
        ),
        unless_before=re.compile(
            r"\b(?:kat|poes|kater|hond|konijn|cavia|vogel|parkiet|fiets|auto|scooter|sleutels?|"
            r"portemonnee|pakket|pakketje|brief|telefoon|cat|dog)\b"
        ),
    ),
    # A stroke or heart attack now is an emergency; "since his stroke" is a care question.
    Guarded(
        CrisisKind.MEDICAL,
        re.compile(
            r"\b(?:hartaanval|beroerte|herseninfarct|heart attack|stroke|seizure|epileptische aanval)\b"
        ),
        unless_before=_PAST,
        unless_after=re.compile(
            r"^\s*gehad\b|^.{0,25}\b(?:geleden|ago|vorig\w* (?:jaar|maand)|last (?:year|month))\b"
        ),
    ),
    # "reageert niet" about a person; not about a landlord, an office or a letter.
    Guarded(
        CrisisKind.MEDICAL,
        re.compile(r"\b(?:reageer[dt]|reageren|responding) (?:niet|nergens|not) ?(?:meer)?\b"),
        unless_before=re.compile(
            r"\b(?:verhuurder|huisbaas|\w*corporatie|woningbouw\w*|ind|uwv|svb|gemeente|instantie|"
            r"\w*winkel|webshop|\w*bedrijf|"
            r"belastingdienst|bedrijf|baas|school|landlord|office|council|company|niemand|"
            r"mail|mails|brief|brieven|app|appjes|bericht\w*)\b"
        ),
        unless_after=re.compile(
            r"^\s*(?:meer )?op (?:mijn|mn|m'n|me|de|het|onze)? ?(?:mail|mails|brief|brieven|bericht\w*|"
            r"app\w*|telefoon|klacht\w*|aanvraag|bezwaar|vragen)|^\s*(?:to|on) (?:my )?(?:email|mail|letter)"
        ),
    ),
    # "my boss is gonna kill me lol" is hyperbole; a threat to kill stays a crisis.
    Guarded(
        CrisisKind.VIOLENCE,
        re.compile(
            r"\b(?:going|gonna|threaten\w*|said he.?s going|says he.?ll|will) (?:to )?(?:kill|hurt|stab|beat) "
            r"(?:me|us|her|him|the kids)\b|\b(?:is going to|wants to|will) kill (?:me|us)\b"
        ),
        unless_anywhere=_JOKE,
        # ... and so is a boss, a teacher or a mum "killing" someone who is late.
        unless_before=re.compile(
            r"\b(?:boss|manager|baas|chef|teacher|leraar|juf|meester|coach|mum|mom|mam|parents|"
            r"ouders)\b"
        ),
        unless_after=re.compile(
            r"^.{0,10}\b(?:if i'?m late|if i forget|if i fail|als ik te laat|als ik vergeet|als ik zak)"
        ),
    ),
]


# -- a third round, by family: indirect farewells, means at hand, and what a neighbour sees --

# Someone close, for a farewell or a loss: a family member, a friend, a pet's new keeper.
_CLOSE = (
    r"(?:broer|zus|vader|moeder|papa|mama|zoon|dochter|man|vrouw|vriend\w*|partner|neef|nicht|"
    r"kinderen|ouders|tante|oom|opa|oma|collega|buurman|buurvrouw|klasgenoot|brother|sister|father|"
    r"mother|dad|mum|mom|son|daughter|husband|wife|aunt|uncle|cousin|grandpa|grandma|colleague|"
    r"friend|partner|kids|children|parents)"
)
PATTERNS[CrisisKind.SUICIDE] += [
    # "I won't be there any more", said of oneself and of a near future; "morgen ben ik er
    # niet" (no "meer") is an appointment, and "er niet meer bij" or "zeker" is not about life.
    r"\b(?:ik ben|ben ik|ik zal|zal ik|ik zou|zou ik) er (?:\w+ ){0,4}?niet meer(?: zijn)?\b"
    r"(?! (?:bij|zo|welkom|geweest|zeker|mee|van|aan|in|op|over|achter|uit|tevreden|blij|nodig|"
    r"te|om|voor|mee|wonen|werken|heen|naartoe|kom|komen|zijn voor))",
    r"\b(?:denk|geloof|verwacht) (?:niet|nie) dat ik (?:\w+ ){0,3}nog (?:leef|besta|hier ben)\b|"
    r"\b(?:ik leef|leef ik) (?:\w+ ){0,3}niet meer\b|"
    r"\b(?:volgende week|morgen|straks|na \w+|next week|tomorrow|by \w+day)\b.{0,20}\b(?:leef ik "
    r"niet meer|niet meer leef|won'?t be alive|will be dead|ben ik dood)\b",
    r"\bi (?:won'?t|will not|wont|am not going to|'?m not going to) be (?:around|here|alive)\b.{0,25}"
    r"\b(?:anymore|any more|anyway|much longer|for long|by (?:next|the end|then|friday|monday|"
    r"tomorrow)|after (?:tonight|tomorrow|this))\b",
    r"\bi (?:won'?t|will not|wont) be (?:around|here|alive) (?:anymore|any more|much longer|for long)\b",
    # The body or belongings no longer needed "soon": asking about donating the body, or
    # giving things away "where I'm going".
    r"\b(?:lichaam|organen|orgaandonor|donor|body|organs)\b.{0,120}\b(?:niet meer nodig|"
    r"won'?t (?:be )?need(?:ing)?|no longer need)\b",
    r"\b(?:binnenkort|straks|na vanavond|na morgen|na dit weekend|na vandaag|soon|much longer|"
    r"after tonight|where i'?m going)\b.{0,30}\b(?:niet meer nodig|won'?t (?:be )?need(?:ing)?)\b|"
    r"\b(?:niet meer nodig|won'?t (?:be )?need(?:ing)?|won'?t need)\b(?: \w+){0,2} (?:binnenkort|straks|"
    r"na vanavond|na morgen|much longer|for long|soon|where i'?m going|after tonight)\b",
    r"\b(?:gegeven|weggegeven|gave away|given away|gave)\b.{0,60}\b(?:heb ik|gebruik ik|i) "
    r"(?:\w+ )?(?:toch|anyway)? ?(?:niet meer nodig|niet meer|won'?t need|won'?t be needing)\b",
    # Debts not left behind, insurance that pays "if you do it yourself".
    r"\b(?:niemand|nobody|no one|geen mens)\b.{0,40}\b(?:schulden|debts?)\b.{0,25}"
    r"\b(?:achtergelaten|achterlaat|achter ?te ?laten|left|leave|behind)\b",
    r"\b(?:met|with) (?:mijn|m'n|mn|my) (?:schulden|kosten|debts)\b.{0,30}\b(?:blijft zitten|"
    r"blijven zitten|opgescheept|stuck)\b.{0,40}\b(?:als ik|when i|after i)\b",
    r"\b(?:als|wanneer|if) (?:je|ik|you|i|men) het zelf (?:doe|doet|doen)\b|\bif (?:you|i|someone) "
    r"(?:does|do) it (?:yourself|myself|themselves)\b|\b(?:uitvaartverzekering|levensverzekering|"
    r"life insurance|funeral insurance)\b.{0,60}\b(?:zelfdoding|zelfmoord|suicide)\b",
    # Nobody will have to help or worry any more.
    r"\b(?:niemand|nobody|no one)\b (?:\w+ ){0,3}(?:hoeft|hoeven|has to|will have to|needs to)\b"
    r"(?: \w+){0,4} (?:meer|again|anymore|any more)\b.{0,30}\b(?:zorgen|helpen|worry|help|care)|"
    r"\b(?:hoeft|hoeven) (?:\w+ ){0,2}niemand (?:\w+ ){0,4}meer\b.{0,30}\b(?:zorgen|helpen)|"
    r"\bnobody (?:has|needs) to worry about me (?:again|anymore|any more)\b",
    r"\b(?:dit is|this is) (?:de|het|mijn|my|the) laatste (?:keer|bericht|vraag)\b.{0,80}"
    r"\b(?:niemand|nooit meer|daarna|nobody|never again)\b|\b(?:my|mijn) (?:last|laatste) "
    r"(?:message|bericht) (?:to|aan) (?:anyone|iedereen|jullie)\b",
    # When I am gone, with a deadline of days: the dog must be seen to before Friday.
    r"\b(?:als ik er niet meer ben|als ik weg ben|when i'?m gone|when i am gone|after i'?m gone)\b"
    r".{0,80}\b(?:voor|uiterlijk|before|by) (?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|"
    r"zondag|morgen|vanavond|het weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"tomorrow|tonight|the weekend)\b",
    r"\b(?:voor|uiterlijk|before|by) (?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
    r"morgen|vanavond|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight)\b"
    r".{0,80}\b(?:als ik er niet meer ben|when i'?m gone|when i am gone)\b",
    # The means at hand: pills counted or lying next to the writer, a knife on the bed.
    r"\b(?:" + _PILLS + r"|mes|knife|touw|rope|strop|noose)\b.{0,25}"
    r"\b(?:naast (?:me|mij)|voor (?:me|mij) op|in (?:mijn|m'n|mn) hand|next to me|in front of me|"
    r"in my hand|beside me|by my bed)\b",
    r"\b(?:\d{2,3}|twintig|dertig|veertig|vijftig|zestig|honderd|twenty|thirty|forty|fifty|a hundred)"
    r" (?:\w+ )?(?:pillen|tabletten|slaaptabletten|slaappillen|pills|tablets)\b.{0,60}\b(?:tel|liggen|"
    r"count|lined up|op (?:het aanrecht|tafel)|on the (?:table|counter))\b",
]

# Several small signs of saying goodbye, each harmless alone ("de sleutels liggen bij de
# buurvrouw"), together a farewell: affairs put in order, pets and keys handed over,
# letters for the family, a last night, being ready. Counted per family, in the first person.
# Bills paid, keys left and "so my mother need not" are everyday errands as well: they count
# only beside a stronger sign, or three together.
FAREWELL_ERRANDS = tuple(
    re.compile(p)
    for p in (
        r"\b\w*(?:huur|rekening\w*)\b.{0,60}\b(?:betaald|overgemaakt)\b|\b(?:rent|bills?)\b.{0,30}"
        r"\bpaid\b",
        r"\b(?:sleutels?|keys?)\b (?:\w+ ){0,2}(?:liggen|ligt|zijn|are|is|left)? ?(?:bij|with) (?:de|mijn|"
        r"my|the) (?:buurvrouw|buurman|buren|neighbou?rs?|\w+)|\b(?:heeft|krijgt|has|got) (?:de|mijn|my|"
        r"the) (?:\w*sleutels?|keys?)\b|\b(?:wachtwoorden|pincode|passwords?|pin code|pin)\b.{0,40}"
        r"\b(?:opgeschreven|envelop|written down|envelope|voor (?:mijn|m'n|mn) "
        + _CLOSE
        + r"|for my "
        + _CLOSE
        + r")\b",
        # Done so that the family need not do it afterwards.
        r"\b(?:zodat|dan) (?:hoeft|hoeven) (?:\w+ ){0,3}(?:dat|het) niet (?:meer )?(?:te )?(?:doen|"
        r"regelen|betalen)\b|\bso (?:that )?(?:my \w+|nobody|no one) (?:doesn'?t|don'?t|won'?t|will "
        r"not|has to|have to) (?:have to )?(?:do|deal with|pay|sort)\b",
    )
)
FAREWELL_SIGNS = tuple(
    re.compile(p)
    for p in (
        # Affairs put in order.
        r"\b(?:mijn|my) (?:testament|will)\b|\balles (?:\w+ )?(?:geregeld|opgeruimd|op orde)\b|"
        r"\b(?:affairs|everything) (?:is |are )?(?:in order|sorted)\b|\bput my affairs\b|"
        r"\b(?:begrafenis|uitvaart|funeral)\b.{0,20}\b(?:geregeld|betaald|sorted|arranged)\b",
        # Pets handed over.
        r"\b(?:kat|poes|hond|konijn|cavia|hamster|goudvis|vissen|vogel|parkiet|planten|cat|dog|rabbit|"
        r"hamster|fish|bird|plants)\b (?:\w+ ){0,2}(?:is|zit|staat|gaat|went|is now)? ?(?:bij|naar|"
        r"with|to) (?:mijn|m'n|mn|de|my|the) \w+",
        # Letters and last messages for the family.
        r"\b(?:brie(?:f|ven)|afscheidsbrie\w*|letters?|note|bericht)\b.{0,40}\b(?:geschreven|"
        r"klaargezet|klaar|liggen|ligt|written|wrote|is on|are on|left|for my|voor (?:mijn|m'n|mn) "
        + _CLOSE
        + r")\b|"
        r"\b(?:geschreven|wrote|written)\b.{0,20}\b(?:brie(?:f|ven)|letters?|a note)\b|\b"
        + _CLOSE
        + r"\b (?:\w+ ){0,2}(?:krijgen|krijgt|get|will get)\b.{0,20}\b(?:brief|letter)\b",
        # Things given away.
        r"\b(?:weggegeven|weg gegeven|gave away|given away|(?:aan|to) (?:mijn|my) \w+ gegeven)\b",
        # A last night, tomorrow gone, ready.
        r"\b(?:laatste nacht|last night on|last night here|de laatste keer)\b|\b(?:ik ben|i'?m|i am) "
        r"(?:er )?(?:klaar voor|ready)\b|\bhet is beter zo\b|\bit'?s (?:better this way|time)\b|"
        r"\bvanavond is het (?:klaar|zover)\b|\bafscheid genomen\b|\bsaid (?:my )?goodbyes?\b",
    )
)
FAREWELL_ENOUGH = 2
# ... unless the message says why, and it is a trip, a stay in hospital or a move.
FAREWELL_UNLESS = re.compile(
    r"\b(?:vakantie|op reis|reis naar|ziekenhuis|opname|opgenomen|revalidatie|verhuiz\w*|verhuis|"
    r"holiday|vacation|trip|hospital|rehab|moving|move house|zolang ik|terwijl ik|while i'?m|while i am)\b"
)

# What is harmless in its context and is blanked before the patterns run, so that what
# else the message says still counts ("mijn broer pleegde zelfmoord en nu wil ik ook dood"
# keeps its second half): a loss by suicide told about someone else, idioms of joy, and
# jumping out of a window "haha" while on hold.
_LOSS_SUBJECT = (
    r"(?:(?:mijn|m'n|mn|onze|ons|zijn|haar|my|our|his|her|a|een) (?:\w+ ){0,2}?"
    + _CLOSE
    + r"|hij|zij|ze|he|she|mi (?:hermano|hermana|padre|madre|hijo|hija|amigo|amiga)|"
    r"mon \w+|ma \w+|mein\w* \w+)"
)
HARMLESS = re.compile(
    r"\b" + _LOSS_SUBJECT + r"\b.{0,40}?\b(?:(?:heeft|had|pleegde|has|is|was) )?(?:\w+ ){0,3}?"
    r"(?:zelfmoord (?:gepleegd|begaan|pleegde)|(?:overleden|gestorven|died) (?:door|aan|by|of|from) "
    r"(?:zelfdoding|zelfmoord|suicide)|uit het leven (?:gestapt|gegaan)|took (?:his|her|their) own "
    r"life|killed (?:himself|herself|themselves)|committed suicide|died by suicide|se suicido|"
    r"s'est suicide\w*)"
    r"|\bspring\w* (?:\w+ )?een gat in de lucht\b"
)
JOKE = re.compile(r"\b(?:lol|lmao|haha\w*|hihi|xd|jk|grapje|kidding|mdr|jaja\w*)\b|😂|🤣|💀")
# Hyperbole that only a joke marker makes harmless: "ik spring uit het raam haha", "I'm
# literally dead 💀", "not going to kill myself over a fine haha". "ik wil dood lol" is
# not among them: that one is answered with the numbers anyway.
HYPERBOLE = re.compile(
    r"\b(?:spring\w*|jump\w*) (?:\w+ ){0,3}(?:uit|out of|out) (?:het|the|a|de|een|m'n|mijn|my) "
    r"(?:raam|window)\b|\b(?:spring|springen) ik\b|\bik spring\b"
    r"|\b(?:letterlijk|literally) dood\b|\b(?:i'?m|ben|ik ben) (?:literally |letterlijk )?dead\b"
    r"|\b(?:not|niet) (?:going to|gonna|gaan) (?:kill|hurt) myself\b"
)

_DAYS_GONE = (
    r"(?:al|sinds|since|for) (?:\w+ ){0,2}(?:dagen|nachten|days|nights|gisteren|yesterday|"
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|het weekend|the weekend)"
)
PATTERNS[CrisisKind.CHILD] += [
    # Small children alone since a day of the week, or a parent gone for days with no food.
    r"\b" + _KID + r"\b.{0,80}\b" + _DAYS_GONE + r"\b.{0,20}\b(?:alleen|alone|on their own)\b|"
    r"\b(?:alleen|alone|on their own)\b.{0,20}\b" + _DAYS_GONE + r"\b",
    r"\b(?:moeder|vader|mama|papa|ouders|mam|pap|mum|mom|dad|parents)\b (?:\w+ ){0,2}(?:is|zijn|has|"
    r"have|is al|zijn al)\b.{0,10}\b(?:\w+ )?(?:dagen|nachten|days|nights) (?:niet thuis|weg|niet "
    r"geweest|not (?:been )?home|gone)\b",
    r"\b(?:al dagen|days?)\b.{0,20}\b(?:niks|niets|geen eten|nothing) (?:meer )?(?:gegeten|gehad|"
    r"eaten|to eat)\b.{0,80}\b(?:papa|mama|vader|moeder|dad|mum|mom|ouders|parents)\b",
]
PATTERNS[CrisisKind.ELDER] += [
    # A grown child who moved back in and demands money: financial abuse at home.
    r"\b(?:zoon|dochter|kleinzoon|kleindochter|son|daughter|grandson|granddaughter)\b.{0,60}"
    r"\b(?:woont weer|weer (?:bij (?:me|mij|ons) )?(?:in ?getrokken|ingetrokken|thuis woont|thuis)|"
    r"ingetrokken|moved back in|lives with (?:me|us) again)\b.{0,120}\b(?:eist|dwingt|moet ik "
    r"(?:hem|haar) (?:al )?(?:mijn|m'n|mn)|demands|makes me (?:hand|give|pay)|forces me)\b",
    r"\b" + _OLD_PERSON + r"\b.{0,160}\b(?:eist|dwingt|dwong|demands|forces) (?:me |mij |her |him |"
    r"haar |hem )?(?:\w+ ){0,3}(?:geld|pensioen|aow|pinpas|money|pension|bank ?card)\b",
    r"\b(?:eist|dwingt|dwong|demands|forces) (?:me |mij |her |him |haar |hem )?(?:\w+ ){0,3}(?:geld|"
    r"pensioen|aow|pinpas|money|pension|bank ?card)\b.{0,160}\b" + _OLD_PERSON + r"\b",
]
PATTERNS[CrisisKind.VIOLENCE] += [
    # Kept indoors and the phone taken: coercion by a partner.
    r"\b(?:houdt|hield|laat) (?:me|mij|ons) (?:\w+ ){0,3}binnen\b.{0,60}\b(?:telefoon|mobiel|"
    r"sleutels|deur|op slot)\b",
    r"\block(?:s|ed)? (?:me|us) (?:in|up)\b|\bkeeps? me locked\b",
    r"\b(?:took|takes|taken|hides|hid) (?:away )?my (?:phone|keys|passport)\b.{0,60}\b(?:lock\w*|"
    r"not allowed|won'?t let me|can'?t leave)\b",
]
PATTERNS[CrisisKind.HOMELESS] += [
    # Released today or just now, not "gets out next month".
    r"\b(?:vrijgelaten|vrijgekomen|(?:net|vandaag|vanochtend|gisteren) uit (?:de gevangenis|detentie|"
    r"de bak)|released from (?:prison|jail)|(?:just|today) (?:got )?out of (?:prison|jail)|got out of "
    r"(?:prison|jail))\b(?!.{0,20}\b(?:volgende|next)\b).{0,120}\b(?:geen bed|geen plek|nergens|niet door|"
    r"afgevallen|fell through|nowhere|no bed|no place)\b",
    r"\b(?:slaap|slapen|sleep|sleeping|overnacht\w*)\b.{0,30}\b(?:op (?:het )?(?:station|schiphol|"
    r"vliegveld)|op een bankje|in (?:een|het|de) (?:portiek|trappenhuis|fietsenstalling|wachtruimte|"
    r"bushokje)|at the (?:airport|station|train station|bus station)|in (?:a|the) (?:doorway|"
    r"stairwell|bus shelter))\b",
    r"\b(?:nachtopvang|opvang|daklozenopvang|shelter|noodopvang)\b (?:\w+ ){0,2}(?:is |zit |was )?"
    r"(?:vol|full|no room|geen plek)\b",
    # Nowhere to go, said of tonight; "nowhere to go" when a contract ends is not acute.
    r"\b(?:kan|weet) (?:\w+ )?nergens (?:meer )?heen\b(?! met).{0,60}\b(?:vannacht|vanavond|nu|"
    r"station|trein|straat)\b|\b(?:vannacht|vanavond|nu|station|trein|straat)\b.{0,60}\b(?:kan|weet) "
    r"(?:\w+ )?nergens (?:meer )?heen\b(?! met)|\bi have nowhere (?:else )?to (?:sleep|stay) "
    r"tonight\b|\bgeen (?:slaapplaats|slaapplek)\b",
    r"\b(?:het huis )?(?:uit ?gegooid|uitgeschopt|eruit geschopt|eruit gegooid|buiten ?gezet)\b"
    r".{0,60}\b(?:vandaag|vanavond|vannacht|geen plek|nergens|stoep)\b|\b(?:vandaag|vanochtend)\b"
    r".{0,30}\b(?:uit ?gegooid|uitgeschopt|eruit geschopt|eruit gegooid|uitgeschopt)\b",
]
PATTERNS[CrisisKind.MEDICAL] += [
    r"\b(?:diabet\w*|suikerziekte|suiker|hypo|insuline|insulin|blood sugar|sugar)\b.{0,60}"
    r"\b(?:verward|wartaal|zweet|zweterig|klam|trilt|herkent (?:me|mij|ons) niet|confused|sweat\w*|"
    r"shaking|clammy|talking nonsense|doesn'?t recogni[sz]e|not making sense)\b",
]
HARMLESS = re.compile(
    HARMLESS.pattern
    + r"|\b(?:oude|afgedankte|te kleine|old)\b (?:\w+ ){0,3}(?:weggegeven|gave away|given away|"
    r"niet meer nodig|won'?t (?:be )?need(?:ing)?)\b"
    r"|\b(?:weggegeven|weg gegeven|gave away|given away|donated)\b (?:\w+ ){0,2}(?:aan|bij|to) "
    r"(?:de|het|een|the|a) (?:kledingbank|voedselbank|charity\w*|goodwill|leger des heils)\b"
)

PATTERNS[CrisisKind.SUICIDE] += [
    # A last letter to someone close, written.
    r"\b(?:laatste|last|final) (?:brief|bericht|letter|message|note)\b.{0,20}\b(?:aan|voor|to|for) "
    r"(?:mijn|m'n|mn|my) (?:\w+ )?"
    + _CLOSE
    + r"\b.{0,30}\b(?:geschreven|klaar|written|wrote|ready)\b|"
    r"\b(?:geschreven|written|wrote)\b.{0,10}\b(?:een |a |mijn |my )?(?:laatste|last|final) (?:brief|"
    r"letter|note)\b",
]
