"""Which language a message is in, with sense for 1-3 word messages.

lingua (low-accuracy mode: 40 MB instead of 400 MB) decides longer texts. Short chat
lines ("top bedankt", "hi there", "ok") carry too little signal for any statistical
detector, so common Dutch and English chat words count as evidence, and with no evidence
at all the conversation's own language wins.
"""

from __future__ import annotations

import re
import unicodedata

from lingua import Language, LanguageDetectorBuilder

LANGUAGES = (
    Language.DUTCH,
    Language.ENGLISH,
    Language.GERMAN,
    Language.FRENCH,
    Language.SPANISH,
    Language.PORTUGUESE,
    Language.ITALIAN,
    Language.POLISH,
    Language.ROMANIAN,
    Language.BULGARIAN,
    Language.TURKISH,
    Language.ARABIC,
    Language.PERSIAN,
    Language.UKRAINIAN,
    Language.RUSSIAN,
    Language.SOMALI,
    Language.CHINESE,
)

NL_WORDS = frozenset(
    """
    ik je jij u hij zij we wij jullie mijn mn m'n jouw uw zijn haar ons onze het de een en of
    niet geen wel ook nog al maar dus dan als wat wie waar hoe waarom wanneer welke is ben bent
    zijn was heb hebt heeft hebben kan kun kunt wil wilt moet mag zou gaat ga doe doet met van
    voor naar bij op aan uit over door om te er hier daar nu even ff graag hallo hoi hee hey
    dag doei bedankt dank dankjewel dankuwel dankje top oke oké ok prima goed ja nee jawel nou
    hoor zeker mooi fijn super helemaal geweldig moi goedemorgen goedemiddag goedenavond
    welterusten groetjes mvg vraag vragen hulp help alstublieft alsjeblieft aub svp
    """.split()
)
EN_WORDS = frozenset(
    """
    i you he she we they my your his her our their it the a an and or not no but so then if
    what who where how why when which is am are was were have has had can could would should
    will do does did with of for to from at in on by about this that these there here now
    please hi hello hey thanks thank thx cheers bye goodbye yes yeah yep nope okay sure great
    cool good morning evening night help question need want my me
    """.split()
)
SHARED = frozenset({"ok", "hallo", "hey", "help", "super", "top", "in", "is", "me", "we"})
DECISIVE_HITS = 2
DECISIVE_SHARE = 0.25
# At most one word in this many may be a Dutch or English chat word in a message that is
# in another language.
OTHER_LANGUAGE_SHARE = 6
# ... or one in three, when the detector is all but certain.
SURE = 0.98
SURE_SHARE = 3
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)


class LanguageDetector:
    def __init__(self) -> None:
        self._detector = (
            LanguageDetectorBuilder.from_languages(*LANGUAGES)
            .with_low_accuracy_mode()
            .with_preloaded_language_models()
            .build()
        )
        self._detector.compute_language_confidence_values("warm up")

    def detect(self, text: str, hint: str | None = None) -> str:
        fallback = hint if hint in {"nl", "en"} else "nl"
        tokens = [t.lower() for t in _WORD.findall(text[:2000])]
        if not tokens:
            return fallback
        script = _script_language(text[:2000])
        if script is not None:
            return script
        nl_hits = sum(t in NL_WORDS and t not in SHARED for t in tokens)
        en_hits = sum(t in EN_WORDS and t not in SHARED for t in tokens)
        # Plenty of function words of one language and none of the other settles it
        # without the statistical detector (the costliest step of understanding).
        for code, hits, other in (("nl", nl_hits, en_hits), ("en", en_hits, nl_hits)):
            if hits >= DECISIVE_HITS and other == 0 and hits >= DECISIVE_SHARE * len(tokens):
                return code
        scores = {
            _code(v.language): v.value
            for v in self._detector.compute_language_confidence_values(text[:2000])
        }
        scores["nl"] = scores.get("nl", 0.0) + 0.3 * nl_hits
        scores["en"] = scores.get("en", 0.0) + 0.3 * en_hits
        if not _mostly_latin(text[:2000]):
            # Dutch and English are written in Latin letters: in Cyrillic or Arabic
            # script even one word is another language, whatever the detector's doubt.
            others = {k: v for k, v in scores.items() if k not in {"nl", "en"}}
            if others:
                return _cyrillic(tokens, max(others, key=lambda k: others[k]))
        best = max(scores, key=lambda k: scores[k])
        if best not in {"nl", "en"}:
            # Another language needs strong evidence and few Dutch or English words: a
            # Polish "i" or a Somali "aan" is not English or Dutch, but half the words
            # are. Letters in no language's shape ("kjhsdf") are nobody's language.
            # A near-certain detector may share a few short words ("no", "de") with
            # Dutch and English in a short sentence.
            share = SURE_SHARE if scores[best] >= SURE else OTHER_LANGUAGE_SHARE
            if (
                scores[best] >= 0.75
                and (nl_hits + en_hits) * share <= len(tokens)
                and not _gibberish(tokens)
            ):
                return _cyrillic(tokens, best)
            best = "nl" if scores["nl"] >= scores["en"] else "en"
        if len(tokens) <= 3 and nl_hits == en_hits:
            return fallback
        return best


# Ge'ez script, which the statistical detector does not know: in the Netherlands mostly
# Tigrinya (Eritrean residents), less often Amharic.
_ETHIOPIC = re.compile(r"[\u1200-\u137f\u1380-\u139f\u2d80-\u2ddf]")


def _script_language(text: str) -> str | None:
    """A language told by its script alone, when most letters are in it."""
    letters = sum(ch.isalpha() for ch in text)
    if letters and len(_ETHIOPIC.findall(text)) * 2 > letters:
        return "ti"
    return None


_VOWELS = frozenset("aeiouyàáâäèéêëìíîïòóôöùúûüąęıœæø")


def _gibberish(tokens: list[str]) -> bool:
    """Most words have no vowel, or four or more consonants in a row ("kjhsdf pppp")."""
    odd = 0
    for token in tokens:
        run = longest = 0
        for ch in token:
            run = 0 if ch in _VOWELS else run + 1
            longest = max(longest, run)
        odd += longest >= 4 or not any(ch in _VOWELS for ch in token)
    return odd * 2 >= len(tokens)


# Letters and everyday words that only Russian or only Ukrainian has: on a short message
# the detector confuses the two (it took "я больше не хочу жить" for Ukrainian).
_RUSSIAN = frozenset(
    "больше жить нет что это меня очень сейчас помогите пожалуйста его ещё еще когда".split()
)
_UKRAINIAN = frozenset(
    "більше жити немає що це мене дуже зараз допоможіть будь ласка його ще коли".split()
)


def _cyrillic(tokens: list[str], guess: str) -> str:
    if guess not in {"ru", "uk", "bg"}:
        return guess
    letters = "".join(tokens)
    russian = sum(t in _RUSSIAN for t in tokens) + sum(ch in "ыэъё" for ch in letters)
    ukrainian = sum(t in _UKRAINIAN for t in tokens) + sum(ch in "іїєґ" for ch in letters)
    if russian > ukrainian:
        return "ru"
    if ukrainian > russian:
        return "uk"
    return guess


def _mostly_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    latin = sum(ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in letters)
    return latin * 2 > len(letters)


def _code(language: Language) -> str:
    return str(language.iso_code_639_1.name.lower())
