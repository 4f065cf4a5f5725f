"""The crisis safety layer: patterns that do not depend on the classifier.

High recall on purpose: a false alarm costs a resident one extra line with emergency
numbers, a miss can cost a life. Three layers, each cheap and explainable:

1. Dutch and English patterns in this module, per kind of crisis, run on folded text
   (lowercase, no accents, stretched letters shortened) and allowing the usual
   misspellings. They need a wish, an act or a threat, so hyperbole such as "ik ga dood
   van de stress" is not matched; guards drop a match whose context says "past event",
   "a joke" or "a question about the topic" ("hoe meld ik anoniem verwaarlozing?").
2. Lexicons per language in ``data/crisis/*.yml`` (Arabic, Turkish, Polish, Ukrainian,
   Russian, Tigrinya, Somali, Farsi, German, French, Spanish, and more Dutch and English),
   folded the same way, with their own guards and development examples. Every language's
   patterns run on every message: residents mix languages, and a crisis written in
   Arabic to a Dutch conversation must be heard.
3. The classifier (``embedded.py``) may call a crisis on its own when it is quite sure;
   the reply then gives every number.

A message can speak of several kinds (a threat with a gun at home: danger and violence);
``assess`` returns them all, most urgent first, and whether the writer seems to be a
child. A joke that does match ("ik wil dood lol") is answered with the numbers anyway.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from nlu.crisis_patterns import (
    CLAUSE_SPLIT,
    FAREWELL_ENOUGH,
    FAREWELL_ERRANDS,
    FAREWELL_SIGNS,
    FAREWELL_UNLESS,
    GUARDED,
    HARMLESS,
    HYPERBOLE,
    JOKE,
    LONG_AGO_CLAUSE,
    PATTERNS,
)
from nlu.types import CRISIS_PRIORITY, CrisisKind


def _starts_with_letter(pattern: str) -> bool:
    """Whether every match of ``pattern`` surely begins with a letter (not a digit, a mark or
    a space): a literal letter first, or a group whose every branch begins with one. Unsure
    (a class, ``\\w``, a lookaround, an optional first letter) is no."""
    starts, _ = _group_end(pattern, 0)
    return all(_sequence_starts_with_letter(pattern, b)[0] for b in starts)


def _group_end(pattern: str, start: int) -> tuple[list[int], int]:
    """The starts of the top-level branches of the group whose body begins at ``start``, and
    the index of its closing parenthesis (or the pattern's end)."""
    starts, depth, i, in_class = [start], 0, start, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return starts, i
            depth -= 1
        elif ch == "|" and depth == 0:
            starts.append(i + 1)
        i += 1
    return starts, len(pattern)


def _optional_after(pattern: str, i: int) -> bool:
    return pattern[i : i + 1] in ("?", "*") or pattern.startswith("{0", i)


def _sequence_starts_with_letter(pattern: str, i: int) -> tuple[bool, int]:
    if i >= len(pattern):
        return False, i
    if pattern.startswith("\\b", i):
        return _sequence_starts_with_letter(pattern, i + 2)
    ch = pattern[i]
    if ch.isalpha():
        return not _optional_after(pattern, i + 1), i + 1
    if ch == "(":
        if pattern.startswith("(?:", i):
            body = i + 3
        elif pattern.startswith("(?", i):
            return False, i
        else:
            body = i + 1
        starts, end = _group_end(pattern, body)
        if _optional_after(pattern, end + 1):
            return False, end
        return all(_sequence_starts_with_letter(pattern, b)[0] for b in starts), end
    return False, i


def _word_start_alternation(patterns: list[str]) -> str:
    """One alternation of patterns that each begin with a word boundary, the boundary taken
    off and written once. Those that begin with a letter go behind one look at the first
    character, so that at a number, a mark or the end of a word none of them is tried at
    all (a message of phone numbers or amounts is then checked several times faster)."""
    letter: list[str] = []
    other: list[str] = []
    for pattern in patterns:
        bare = pattern.removeprefix("\\b")
        (letter if _starts_with_letter(pattern) else other).append(f"(?:{bare})")
    parts = [r"(?=[^\W\d_])(?:" + "|".join(letter) + ")"] if letter else []
    return r"\b(?:" + "|".join(parts + other) + ")"


# One alternation per kind, with the leading word boundary factored out: the engine then
# tries the alternatives only at the start of a word (four times faster than one by one).
_COMPILED = {kind: re.compile(_word_start_alternation(pats)) for kind, pats in PATTERNS.items()}
_STRETCH = re.compile(r"(\w)\1{2,}")
# Arabic-script letters that Arabic and Persian write differently, one form for both; the
# tatweel (a stretching stroke) dropped. Short vowels are combining marks: NFKD drops them.
_SCRIPT_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ـ": None, "ۀ": "ه"})


def fold(text: str) -> str:
    plain = " ".join(_fold_letters(text).split())
    return _STRETCH.sub(r"\1\1", plain)


def _fold_letters(text: str) -> str:
    plain = text.lower()
    if not plain.isascii():  # most messages are: skip the per-character accent stripping
        decomposed = unicodedata.normalize("NFKD", plain)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        plain = plain.translate(_SCRIPT_FOLD)
    return plain.replace("’", "'").replace("`", "'").replace("ʼ", "'")


# -- who is writing ---------------------------------------------------------------------

# A child or teenager: an age under 18 (not "16 weken zwanger"), school words, "papa" and
# "mama" as a child says them.
_YOUNG = re.compile(
    r"\b(?:ik ben|ben|i'?m|i am|im) (?:pas |net |bijna |only |just )?(?:[6-9]|1[0-7]|zes|zeven|"
    r"acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien)\b"
    r"(?! ?(?:weken|week|maanden|maand|dagen|jaar getrouwd|weeks|months|days|minuten|uur))"
    r"|\b(?:[6-9]|1[0-7]) (?:jaar|jr|years? old|yo)\b(?! getrouwd)(?=.{0,30}\b(?:ik|i|me|mij)\b)"
    r"|\b(?:groep [5-8]|brugklas|de juf|mijn juf|mijn meester|mijn mentor|mn juf|my teacher|"
    r"year [5-9] at school|in (?:the )?(?:5|6|7|8|9)th grade)\b"
    r"|\b(?:papa|pappa|mama|mamma|mam|pap)\b.{0,40}\b(?:me|mij|mijn|ik)\b"
    r"|\b(?:ik|me|mij)\b.{0,40}\b(?:papa|pappa|mama|mamma)\b"
    # Punished as a child is: "als ik stout ben", sent to the cupboard; "my mum's boyfriend".
    r"|\b(?:als|wanneer) ik (?:\w+ ){0,2}(?:stout|ondeugend|iets fout doe)\b"
    r"|\b(?:when|if) i'?m (?:naughty|bad)\b"
    r"|\bmoet ik (?:\w+ ){0,3}in (?:de|het) (?:kast|hoek|kelder|schuur)\b"
    r"|\b(?:my|me) (?:mums?|moms?|mummy|mommy)'?s? (?:new )?(?:boyfriend|bf|partner)\b.{0,40}"
    r"\b(?:touch\w*|hits?|me)\b"
    # Punished for what a pupil does: bad marks, things done wrong at home.
    r"|\b(?:als|wanneer) ik (?:\w+ ){0,2}(?:slechte cijfers|een onvoldoende|onvoldoendes|"
    r"een slecht rapport)\b"
    r"|\b(?:when|if) i (?:get|got|do) (?:\w+ )?(?:things|something|stuff) wrong\b"
    r"|\b(?:when|if) i (?:get|got) (?:bad|low|poor) (?:grades|marks)\b"
    r"|\bmy (?:dad|mum|mom|father|mother|stepdad|stepmum|stepmom) (?:\w+ )?makes me\b"
    # An age in German; a mother's boyfriend without "my"; a relative who touches the writer;
    # what a pupil says: kept from school, punished for crying, "school is kut", in my room.
    r"|\b(?:ich bin|bin) (?:erst |gerade |schon )?(?:[6-9]|1[0-7])\b(?! ?(?:jahre? (?:verheiratet|"
    r"zusammen|hier)|wochen|monate|tage|kilo|kg|euro|minuten|uhr))"
    r"|\b(?:mums?|moms?|mummy|mommy)'?s? (?:new )?(?:boyfriend|bf)\b.{0,40}\b(?:hitting|hurting|"
    r"touching)\b"
    r"|\b(?:my|mijn|mn) (?:uncle|oom|stepdad|stiefvader|cousin|neef) (?:\w+ ){0,3}(?:to )?"
    r"(?:touch|touches|touching|aanraakt|aanraken|betast) (?:me|mij)\b"
    r"|\bmag (?:ik )?(?:dan )?niet naar school\b|\b(?:als|wanneer) ik (?:\w+ )?(?:huil|huilde|niet "
    r"luister)\b|\bschool is (?:kut|stom|shit|kk)\b|\bik zit op (?:mn|m'n|mijn) kamer\b"
    r"|\b(?:me|mij) na school\b"
)

# ... unless the writer says they are a grown-up at work with children (a teacher, a coach, a
# nurse at home) or speaks of a parent of 60 and more: "papa" in a teacher's report is the
# child's word, not the writer's.
_ADULT_WRITER = re.compile(
    r"\b(?:ik ben (?:de |een )?(?:juf|meester|leraar|lerares|leerkracht|docent\w*|mentor|trainer|"
    r"oppas|gastouder|thuiszorgmedewerker|wijkverpleegkundige|verpleegkundige|pedagogisch \w+|"
    r"jeugdarts|huisarts)|als (?:voetbal|hockey|sport|zwem)?(?:trainer|coach|juf|leraar|leerkracht|"
    r"docent|oppas)|ik werk (?:op|in|bij) (?:de |een )?(?:kinderopvang|school|creche|bso|"
    r"peuterspeelzaal)|i (?:teach|coach)\b|i'?m an? (?:\w+ )?(?:teacher|teaching assistant|coach|"
    r"nurse|childminder|nanny|social worker|youth worker)|as an? (?:\w+ )?(?:teacher|coach|nurse|"
    r"childminder)|bin (?:erzieherin|erzieher|lehrerin|lehrer|"
    r"trainerin|trainer)|je suis (?:instit\w*|prof\w*|enseignant\w*|educat\w*))\b"
    r"|\b(?:she'?s|he'?s|she is|he is|ze is|zij is|hij is) (?:already |al )?(?:[6-9]\d)\b"
    r"(?! ?(?:kg|cm|euro|minuten|min))"
)

# -- lexicons per language ----------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    """One language's patterns (``data/crisis/LANG.yml``), compiled after folding."""

    language: str
    kinds: dict[CrisisKind, _Alternation]
    young: _Alternation | None
    guards: _Alternation | None
    examples: tuple[dict[str, Any], ...]


LEXICON_DIR = Path(__file__).parent / "data" / "crisis"


class _Alternation:
    """A lexicon's patterns as one search, made cheap on long messages in two ways: the
    patterns that begin with a word boundary share it (the engine then tries them only at
    the start of a word), and the patterns written in another script only (Arabic, Cyrillic,
    Ge'ez: no Latin letter outside an escape) run only on a message with a non-ASCII
    character, since they cannot match one without."""

    __slots__ = ("latin", "script")

    def __init__(self, patterns: list[str]) -> None:
        latin = [p for p in patterns if not _script_only(p)]
        script = [p for p in patterns if _script_only(p)]
        self.latin = _compile_bounded(latin)
        self.script = _compile_bounded(script)

    def search(self, text: str) -> re.Match[str] | None:
        found = self.latin.search(text) if self.latin is not None else None
        if found is None and self.script is not None and not text.isascii():
            found = self.script.search(text)
        return found


_ESCAPE = re.compile(r"\\.")


def _script_only(pattern: str) -> bool:
    bare = _ESCAPE.sub("", pattern)
    return not bare.isascii() and not re.search("[a-z]", bare)


def _top_level_alternation(pattern: str) -> bool:
    depth, in_class, escaped = 0, False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


def _compile_bounded(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    bounded: list[str] = []
    parts: list[str] = []
    for pattern in patterns:
        if pattern.startswith("\\b") and not _top_level_alternation(pattern):
            bounded.append(pattern)
        else:
            parts.append(f"(?:{pattern})")
    if bounded:
        parts.insert(0, _word_start_alternation(bounded))
    return re.compile("|".join(parts))


def _fold_pattern(pattern: str) -> str:
    """A lexicon pattern folded as messages are (lower case, no accents), its escapes left
    as written: ``\\S`` lowered would be ``\\s``, the opposite."""
    parts = _ESCAPE_SPLIT.split(pattern)
    # The split keeps the escapes at the odd places; the text between them is folded. Not
    # with ``fold``: it would also trim the spaces at the ends of each piece.
    return "".join(part if i % 2 else _fold_letters(part) for i, part in enumerate(parts))


_ESCAPE_SPLIT = re.compile(r"(\\.)", re.DOTALL)


def _alternation(patterns: list[str]) -> _Alternation | None:
    folded = [_fold_pattern(str(p)) for p in patterns if str(p).strip()]
    return _Alternation(folded) if folded else None


def load_lexicon(path: Path) -> Lexicon:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    kinds: dict[CrisisKind, _Alternation] = {}
    for name, patterns in (data.get("kinds") or {}).items():
        if name == "young":
            continue
        compiled = _alternation(list(patterns or ()))
        if compiled is not None:
            kinds[CrisisKind(name)] = compiled
    young = (data.get("kinds") or {}).get("young") or data.get("young") or ()
    return Lexicon(
        language=str(data.get("language") or path.stem),
        kinds=kinds,
        young=_alternation(list(young)),
        guards=_alternation(list(data.get("guards") or ())),
        examples=tuple(data.get("examples") or ()),
    )


@functools.cache
def lexicons(directory: Path = LEXICON_DIR) -> tuple[Lexicon, ...]:
    """Every language's lexicon, loaded once."""
    if not directory.is_dir():
        return ()
    return tuple(load_lexicon(p) for p in sorted(directory.glob("*.yml")))


# -- the verdict --------------------------------------------------------------------------

# Asking about a topic is not being in it: "hoe meld ik anoniem verwaarlozing?", "what does
# Veilig Thuis do?". Dropped only for kinds someone reports about others.
_TOPIC_QUESTION = re.compile(
    r"\b(?:hoe|waar|wat|wie|wanneer|kan|mag|moet)\b.{0,25}"
    r"\b(?:meld\w*|melding|aangifte|aangeven|anoniem\w*|signaleren|herken\w*|bescherm\w*|"
    r"voorkom\w*|leren|cursus|training|voorlichting)\b"
    r"|\bhow (?:do|can|should) (?:i|you|we) (?:report|recognise|recognize|spot)\b"
    r"|\b(?:wat doet|what does) veilig thuis\b"
    # A question about a rule or an age, and a professional asking how to act on a suspicion.
    r"|\b(?:vanaf welke leeftijd|op welke leeftijd|hoe oud moet|at what age|from what age)\b"
    r"|\b(?:staat (?:dat|dit|het) in de wet|wettelijk|is (?:it|that) (?:legal|allowed))\b"
    r"|\bwie (?:man|kann ich|melde ich|gehe ich|soll ich)\b.{0,80}"
    r"\b(?:meld\w*|verdacht\w*|vorgeh\w*|anzeige\w*)"
    r"|\bbei (?:einem )?verdacht auf\b|\b(?:bij|in geval van) (?:een )?vermoeden van\b"
    r"|\bis there a way to report\b|\b(?:waar|hoe) kan ik (?:dit|dat|zoiets) (?:anoniem )?melden\b"
    # A drill or an exercise by the fire brigade or the police: asked about, not lived through.
    r"|\b(?:oefening|brandoefening|ontruimingsoefening|rampoefening|oefenen|proefalarm|drill|"
    r"fire drill|exercise|ubung|uebung|exercice)\b.{0,60}\b(?:brandweer|politie|ambulance|"
    r"sirene\w*|rook|fire brigade|police|sirens?|smoke|feuerwehr|pompiers)\b"
    r"|\b(?:brandweer|politie|fire brigade|police|feuerwehr|pompiers)\b.{0,60}"
    r"\b(?:oefening|oefenen|drill|exercise|ubung|uebung|exercice)\b"
)
# ... unless the question is urgent: today still, the child afraid to go home tonight.
_URGENT = re.compile(
    r"\b(?:vandaag nog|moet vandaag|nu meteen|right now|bang om naar huis|afraid to go home|"
    r"scared to go home|durft niet naar huis)\b"
)
_REPORTED_KINDS = frozenset({CrisisKind.CHILD, CrisisKind.ELDER})


@dataclass(frozen=True)
class Assessment:
    """What the crisis layer found: every kind, most urgent first, and who writes."""

    kinds: tuple[CrisisKind, ...] = ()
    young: bool = False
    # What the classifier's words alone may take for a crisis: a question about reporting
    # or recognising something ("hoe meld ik anoniem ..."), or something long ago.
    about_topic: bool = False
    long_ago: bool = False
    # Told as something that happened last week or last month (a fall, a scare): with a
    # question for a provision after it, the story explains the question.
    past_event: bool = False

    @property
    def kind(self) -> CrisisKind | None:
        return self.kinds[0] if self.kinds else None


def assess(text: str) -> Assessment:
    """The kinds of acute danger the text speaks of (none: not a crisis)."""
    # The whole message, within reason: a crisis is often the last line of a long question
    # about a form.
    folded = fold(text[:_SCAN_LIMIT])
    scan = _without_harmless(folded)
    found = _kinds(scan, folded)
    if found & _DONE_BY_OTHERS and LONG_AGO_CLAUSE.search(scan):
        recent = _kinds(_without_long_ago(scan), folded)
        found = {k for k in found if k not in _DONE_BY_OTHERS or k in recent}
    young = (
        bool(_YOUNG.search(folded))
        or any(lexicon.young is not None and lexicon.young.search(folded) for lexicon in lexicons())
    ) and not _ADULT_WRITER.search(folded)
    about_topic = bool(_TOPIC_QUESTION.search(folded)) or (not found and _joked_away(folded))
    if (
        found
        and found <= _REPORTED_KINDS
        and not young
        and about_topic
        and not _URGENT.search(folded)
    ):
        found = set()
    kinds = tuple(k for k in CRISIS_PRIORITY if k in found)
    return Assessment(
        kinds,
        young and bool(kinds),
        about_topic=about_topic,
        long_ago=bool(_LONG_AGO.search(folded)),
        past_event=bool(_PAST_EVENT.search(folded)),
    )


_SCAN_LIMIT = 20_000
# What one person does to another: told of long ago, it is a story, not a danger now.
_DONE_BY_OTHERS = frozenset({CrisisKind.VIOLENCE, CrisisKind.CHILD, CrisisKind.ELDER})


def _kinds(scan: str, folded: str) -> set[CrisisKind]:
    """Every kind the patterns, the farewell signs and the lexicons find in ``scan``; a
    lexicon whose guard matches the whole message (``folded``) stays silent."""
    found: set[CrisisKind] = set()
    for kind in CRISIS_PRIORITY:
        if _COMPILED[kind].search(scan) or any(
            rule.kind is kind and rule.matches(scan) for rule in GUARDED
        ):
            found.add(kind)
    if _farewell(scan):
        found.add(CrisisKind.SUICIDE)
    for lexicon in lexicons():
        if lexicon.guards is not None and lexicon.guards.search(folded):
            continue
        found.update(kind for kind, pattern in lexicon.kinds.items() if pattern.search(scan))
    return found


def _without_long_ago(scan: str) -> str:
    """The text with every clause blanked that is told about long ago ("vroeger sloeg mijn
    vader ons"), so that only what is said about now can still call violence or abuse.
    Clauses end at punctuation and before "nu", "now", "vandaag": "vroeger sloeg hij mij en
    nu slaat hij de kinderen" keeps its second half."""
    clauses = CLAUSE_SPLIT.split(scan)
    return " . ".join(c for c in clauses if not LONG_AGO_CLAUSE.search(c))


def _without_harmless(folded: str) -> str:
    """The text with spans blanked that are harmless in their context, so that the rest of
    the message still counts: a loss by suicide told about someone else, "een gat in de
    lucht", and hyperbole such as jumping out of the window when the message jokes."""
    scan = HARMLESS.sub(" ", folded)
    if JOKE.search(scan):
        scan = HYPERBOLE.sub(" ", scan)
    return scan


def _joked_away(folded: str) -> bool:
    """Whether a joke marker made hyperbole harmless ("ik ga mijn broertje vermoorden 😂"):
    with no kind left, the classifier's words alone must not call it a crisis either."""
    scan = HARMLESS.sub(" ", folded)
    return bool(JOKE.search(scan) and HYPERBOLE.search(scan))


def _farewell(scan: str) -> bool:
    """Enough small signs of saying goodbye together: one stronger sign (a letter, a pet
    handed over, things given away) with another, or three errands, and no trip or move to
    explain them."""
    signs = sum(1 for sign in FAREWELL_SIGNS if sign.search(scan))
    errands = sum(1 for errand in FAREWELL_ERRANDS if errand.search(scan))
    enough = (signs >= 1 and signs + errands >= FAREWELL_ENOUGH) or errands >= 3
    return enough and not FAREWELL_UNLESS.search(scan)


_PAST_EVENT = re.compile(
    r"\b(?:vorige|afgelopen) (?:week|maand|keer)|(?:een )?paar (?:dagen|weken) geleden|"
    r"\w+ (?:dagen|weken) geleden|last (?:week|month|time)|(?:a few|\w+) (?:days|weeks) ago\b"
)
_LONG_AGO = re.compile(
    r"\b(?:\w+ (?:jaar|jaren|maanden) geleden|vorig\w* jaar|in (?:19|20)\d\d|years? ago|"
    r"last year|jaren terug)\b"
)


def detect(text: str) -> CrisisKind | None:
    """The most urgent kind of acute danger the text speaks of, or None."""
    return assess(text).kind
