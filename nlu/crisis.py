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
from dataclasses import dataclass

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
        r"\b(?:is|zijn) (?:al )?(?:\d+|een|twee|drie|vier|paar) (?:dagen|uur|uren|nachten) (?:weg|vermist|zoek)\b",
        r"\b" + _KID + r"\b.{0,40}\b(?:abused|being hurt|beaten|left alone|in danger)\b",
    ],
}


@dataclass(frozen=True)
class _Guarded:
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
_GUARDED = [
    # A stroke or heart attack now is an emergency; "since his stroke" is a care question.
    _Guarded(
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
    _Guarded(
        CrisisKind.MEDICAL,
        re.compile(r"\b(?:reageer[dt]|reageren|responding) (?:niet|nergens|not) ?(?:meer)?\b"),
        unless_before=re.compile(
            r"\b(?:verhuurder|huisbaas|corporatie|woningbouw\w*|ind|uwv|svb|gemeente|instantie|"
            r"belastingdienst|bedrijf|baas|school|landlord|office|council|company|niemand|"
            r"mail|mails|brief|brieven|app|appjes|bericht\w*)\b"
        ),
        unless_after=re.compile(
            r"^\s*(?:meer )?op (?:mijn|mn|m'n|me|de|het|onze)? ?(?:mail|mails|brief|brieven|bericht\w*|"
            r"app\w*|telefoon|klacht\w*|aanvraag|bezwaar|vragen)|^\s*(?:to|on) (?:my )?(?:email|mail|letter)"
        ),
    ),
    # "my boss is gonna kill me lol" is hyperbole; a threat to kill stays a crisis.
    _Guarded(
        CrisisKind.VIOLENCE,
        re.compile(
            r"\b(?:going|gonna|threaten\w*|said he.?s going|says he.?ll|will) (?:to )?(?:kill|hurt|stab|beat) "
            r"(?:me|us|her|him|the kids)\b|\b(?:is going to|wants to|will) kill (?:me|us)\b"
        ),
        unless_anywhere=_JOKE,
    ),
]

# One alternation per kind, with the leading word boundary factored out: the engine then
# tries the alternatives only at the start of a word (four times faster than one by one).
_COMPILED = {
    kind: re.compile(
        r"\b(?:" + "|".join(f"(?:{p.removeprefix(chr(92) + 'b')})" for p in pats) + ")"
    )
    for kind, pats in PATTERNS.items()
}
_STRETCH = re.compile(r"(\w)\1{2,}")


def fold(text: str) -> str:
    plain = text.lower()
    if not plain.isascii():  # most messages are: skip the per-character accent stripping
        decomposed = unicodedata.normalize("NFKD", plain)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("’", "'").replace("`", "'")
    return _STRETCH.sub(r"\1\1", " ".join(plain.split()))


def detect(text: str) -> CrisisKind | None:
    """The kind of acute danger the text speaks of, or None."""
    folded = fold(text[:5000])
    for kind in (CrisisKind.MEDICAL, CrisisKind.SUICIDE, CrisisKind.CHILD, CrisisKind.VIOLENCE):
        if _COMPILED[kind].search(folded):
            return kind
        if any(rule.kind is kind and rule.matches(folded) for rule in _GUARDED):
            return kind
    return None
