"""The crisis safety layer: patterns that do not depend on the classifier.

High recall on purpose: a false alarm costs a resident one extra line with emergency
numbers, a miss can cost a life. Patterns run on folded text (lowercase, no accents,
stretched letters shortened) and allow the usual misspellings. Hyperbole such as
"ik ga dood van de stress" is not matched: the patterns need a wish, an act or a threat.
A joke that does match ("ik wil dood lol") is answered with the numbers anyway.
"""

from __future__ import annotations

import re
import unicodedata

from nlu.types import CrisisKind

_SELF = r"(?:mezelf|mijzelf|mij ?zelf|me ?zelf|zichzelf|zich ?zelf|hem ?zelf|haar ?zelf|myself|himself|herself|themselves)"
_PILLS = r"(?:pillen|pilletjes|paracetamol|tabletten|slaappillen|medicijnen|medicatie|oxazepam|pills|tablets|meds|painkillers)"
_KID = r"(?:kind|kindje|kinderen|kids?|child|children|baby|babytje|zusje|broertje|zoontje|dochtertje|dochter|zoon|daughter|son|sister|brother|meisje|jongetje|peuter|kleuter|tiener)"
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
        _SELF
        + r" (?:iets |wat )?(?:aan ?(?:te )?(?:gaat |gaan |wil |wilt |zal )?doen|aandoen|van kant|dood|ophangen|snijden|krassen|verwonden)",
        r"\b(?:iets|wat) (?:aan ?doen|aandoen)\b.{0,30}\b" + _SELF,
        r"\bbeter af zonder (?:mij|me)\b",
        r"\b(?:geen|niks|niets) (?:zin|reden) (?:meer )?(?:in|om te|om) (?:leven|bestaan)",
        r"\b(?:leven|bestaan) (?:heeft )?geen zin (?:meer)?",
        _PILLS
        + r".{0,40}\b(?:gespaard|verzameld|opgespaard|in ?(?:te )?nemen|innemen|ingenomen|geslikt|genomen|slikken)",
        r"\b(?:strip|doosje|doos|pot|potje|handvol|hand vol|flesje|bottle|bunch|handful)\b.{0,25}"
        + _PILLS,
        r"\boverdosis\b|\boverdos\w*",
        r"\b(?:springen|spring|jump\w*)\b.{0,30}\b(?:balkon|dak|flat|brug|trein|raam|roof|bridge|train|window|building)",
        r"\b(?:balkon|dak|flat|brug|spoor|roof|bridge|ledge)\b.{0,40}\b(?:springen|spring|jump\w*)",
        r"\bvoor (?:de|een) trein\b",
        r"\bafscheidsbrief|\bsuicide note|\bgoodbye letter",
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
        r"\b(?:going|gonna|threaten\w*|said he.?s going|says he.?ll|will) (?:to )?(?:kill|hurt|stab|beat) (?:me|us|her|him|the kids)\b",
        r"\b(?:is going to|wants to|will) kill (?:me|us)\b",
        r"\bnot safe (?:at home|here|now)\b|\bafraid (?:he|she) will\b",
        r"\b(?:gooit|gooide|smijt|smeet) met (?:dingen|spullen|stoelen|borden|glazen)\b",
    ],
    CrisisKind.MEDICAL: [
        r"\b(?:ademt|ademd|adem|ademde) (?:bijna |haast |amper |nauwelijks )?(?:niet|nauwelijks|amper|slecht|raar)\b",
        r"\b(?:krijgt|krijg) (?:geen|bijna geen) (?:adem|lucht)\b",
        r"\breageer[dt] (?:niet|nergens) ?(?:meer|op)?\b|\breageert niet\b",
        r"\bbewusteloos|\bbuiten (?:bewustzijn|westen)\b",
        r"\bkrijg (?:hem|haar|em|d'r|der|m) (?:niet|nie) (?:meer )?wakker\b",
        r"\b(?:niet|nie) (?:meer )?wakker (?:te krijgen|worden)\b",
        r"\bin elkaar (?:gezakt|gestort)|\bneergestort\b|\bflauwgevallen\b",
        r"\b(?:hartaanval|hartstilstand|beroerte|herseninfarct|reanimeren|reanimatie)\b",
        r"\b(?:bloedt|bloed) (?:heel |erg |enorm |zo )?(?:erg|veel|hard)\b|\bveel bloed\b",
        r"\bgevallen\b.{0,40}\b(?:kan|komt) (?:niet|nie) (?:meer )?(?:op|overeind)\b",
        r"\b(?:not|isn'?t|stopped|barely|hardly) breathing\b|\bcan'?t breathe\b",
        r"\bunconscious\b|\bunresponsive\b|\bwon'?t wake up\b|\bcan'?t wake (?:him|her)\b",
        r"\bcollapsed\b|\bpassed out\b|\bheart attack\b|\bstroke\b|\bseizure\b",
        r"\bbleeding (?:a lot|heavily|badly|everywhere)\b",
        r"\b(?:heeft|hebben|he|she|has) (?:iets|something) (?:gebruikt|genomen|taken)\b.{0,60}\b(?:adem|wakker|raar|breath|wake)",
    ],
    CrisisKind.CHILD: [
        r"\b"
        + _KID
        + r"\b.{0,60}\b(?:alleen thuis|alleen gelaten|in de steek|verwaarloos\w*|mishandel\w*|"
        + _HIT_NL
        + r"|gillen|gilt|krijst|schreeuwt van)",
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
        r"\b(?:dementie|demente|dementia)\b.{0,80}\b(?:weg|vermist|verdwenen|kwijt|missing|wandered)\b",
        r"\b(?:is|zijn) (?:al )?(?:\d+|een|twee|drie|vier|paar) (?:dagen|uur|uren|nachten) (?:weg|vermist|zoek)\b",
        r"\b" + _KID + r"\b.{0,40}\b(?:abused|being hurt|beaten|left alone|in danger)\b",
    ],
}

_COMPILED = {kind: [re.compile(p) for p in pats] for kind, pats in PATTERNS.items()}
_STRETCH = re.compile(r"(\w)\1{2,}")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("’", "'").replace("`", "'")
    return _STRETCH.sub(r"\1\1", " ".join(plain.split()))


def detect(text: str) -> CrisisKind | None:
    """The kind of acute danger the text speaks of, or None."""
    folded = fold(text[:5000])
    for kind in (CrisisKind.MEDICAL, CrisisKind.SUICIDE, CrisisKind.CHILD, CrisisKind.VIOLENCE):
        if any(p.search(folded) for p in _COMPILED[kind]):
            return kind
    return None
