"""Turning residents' words and catalogue texts into comparable search terms.

Both sides go through the same steps: lowercase, accents off, stop words out, Dutch (and
English) Snowball stems, and known compounds split into their parts. Queries are also
spell-corrected against the catalogue's own vocabulary and expanded with synonyms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import Stemmer
import yaml
from rapidfuzz import fuzz, process

DATA_DIR = Path(__file__).parent / "data"
_WORD = re.compile(r"[a-z0-9]+")

STOPWORDS = frozenset(
    """
    de het een en of maar want dus als dan die dat deze dit er hier daar waar wie wat welk
    welke hoe wanneer waarom ik je jij u hij zij ze wij we jullie mij me mijn mn m jou jouw uw
    zijn haar hun ons onze is ben bent was waren wordt worden word werd heb hebt heeft hebben
    had kan kun kunt kunnen kon wil wilt willen zou zouden moet moeten mag mogen ga gaat gaan
    doe doet doen in op aan bij met voor van naar om uit tot over door zonder tegen na te ook
    nog al niet geen wel heel erg zo toch even eens ff echt gewoon soms vaak altijd iets iemand
    niets niemand alles iedereen veel weinig meer minder the a an and or but if so to of in on
    at for with from by about as is are was were be been i me my you your he she it we they
    them our their this that these those what who how where when why can could would should do
    does did have has had not no any some
    """.split()
)

_nl = Stemmer.Stemmer("dutch")
_en = Stemmer.Stemmer("english")
_nl.maxCacheSize = _en.maxCacheSize = 50_000


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def fold(text: str) -> str:
    """Lowercase without accents: 'Cliëntondersteuning' -> 'clientondersteuning'."""
    lowered = text.lower()
    if lowered.isascii():  # nothing to decompose (NFKD keeps ASCII as it is)
        return lowered
    # Accents are combining marks after decomposition, never ASCII: look only at the rest.
    return _NON_ASCII.sub(_without_marks, unicodedata.normalize("NFKD", lowered))


def _without_marks(match: re.Match[str]) -> str:
    return "".join(ch for ch in match.group() if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text)) if w not in STOPWORDS and len(w) > 1]


def stem(word: str) -> str:
    return str(_nl.stemWord(word))


def stems(word: str) -> set[str]:
    """The Dutch stem, and the English one when it differs (the catalogue is bilingual)."""
    return {str(_nl.stemWord(word)), str(_en.stemWord(word))}


# How close (rapidfuzz's fuzz.ratio, 0-100) a catalogue word must be to replace a misspelling.
SPELLING_CUTOFF = 84


class Vocabulary:
    """The catalogue's own words: the ground for spelling correction and compound splits."""

    def __init__(self, words_: Iterable[str]) -> None:
        self.words = frozenset(w for w in words_ if len(w) >= 3)
        self._choices = sorted(self.words)
        self._stems = frozenset(stem(w) for w in self.words)
        self._lengths = frozenset(len(w) for w in self.words)
        self._near: dict[tuple[int, bool], list[str]] = {}
        self._terms: dict[str, tuple[str, ...]] = {}

    def correct(self, word: str) -> str:
        """The closest catalogue word for a misspelling, or the word itself."""
        if word in self.words or len(word) < 5 or not self._choices:
            return word
        if stem(word) in self._stems:
            return word
        match = process.extractOne(
            word, self._candidates(word), scorer=fuzz.ratio, score_cutoff=SPELLING_CUTOFF
        )
        return str(match[0]) if match else word

    def _candidates(self, word: str) -> list[str]:
        """The catalogue words that can reach the cutoff against ``word``, in sorted order.

        fuzz.ratio is 100 * (1 - indel distance / (len(a) + len(b))), and the distance is at
        least the difference in length: much shorter or longer words cannot reach the
        cutoff, nor can a number reach a word without digits (nothing in common scores 0).
        Leaving them out keeps the result (the first best match in sorted order) and saves
        most of the work on a large catalogue. Built once per word length, then reused.
        """
        key = (len(word), word.isalpha())
        found = self._near.get(key)
        if found is None:
            size, letters_only = key
            lengths = {
                n
                for n in self._lengths
                # One point of margin: floating-point rounding never drops a candidate.
                if 100 * (1 - abs(size - n) / (size + n)) >= SPELLING_CUTOFF - 1
            }
            found = []
            if lengths:  # none for a word longer than any in the catalogue
                found = [
                    w
                    for w in self._choices
                    if len(w) in lengths and not (letters_only and w.isdigit())
                ]
            self._near[key] = found
        return found

    def terms(self, word: str) -> tuple[str, ...]:
        """A catalogue word's index terms: its stems, then those of its compound parts.

        Remembered per word: a catalogue repeats its words thousands of times, and this
        is most of the work of indexing it.
        """
        found = self._terms.get(word)
        if found is None:
            found = (*stems(word), *(t for part in self.split(word) for t in stems(part)))
            self._terms[word] = found
        return found

    def split(self, word: str) -> list[str]:
        """Split a compound into two known words ('schuldhulp' -> 'schuld', 'hulp')."""
        if len(word) < 8:
            return []
        for cut in range(4, len(word) - 3):
            head, tail = word[:cut], word[cut:]
            if head in self.words and tail in self.words:
                return [head, tail]
            if head.endswith(("s", "e")) and head[:-1] in self.words and tail in self.words:
                return [head[:-1], tail]
        return []


@dataclass(frozen=True)
class SynonymGroup:
    """Words residents use for the same thing. A one-word entry brings in the whole group;
    a phrase ("nederlands leren") only when all its words are in the query, so that
    "leren" alone does not turn a budgeting course into a language course."""

    words: frozenset[str]
    phrases: tuple[frozenset[str], ...]
    terms: frozenset[str]

    def triggered_by(self, stems_: set[str], query: set[str]) -> bool:
        return bool(stems_ & self.words) or any(
            phrase <= query and stems_ & phrase for phrase in self.phrases
        )


@lru_cache(maxsize=1)
def synonym_groups() -> tuple[SynonymGroup, ...]:
    """Groups of words residents use for the same thing (knowledge_base/data/synonyms.yaml)."""
    path = DATA_DIR / "synonyms.yaml"
    if not path.exists():
        return ()
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    groups = []
    for group in data.get("groups", []):
        analysed = [[stem(w) for w in words(phrase)] for phrase in group]
        groups.append(
            SynonymGroup(
                words=frozenset(p[0] for p in analysed if len(p) == 1),
                phrases=tuple(frozenset(p) for p in analysed if len(p) > 1),
                terms=frozenset(t for p in analysed for t in p),
            )
        )
    return tuple(groups)


def index_terms(text: str, vocabulary: Vocabulary | None = None) -> Iterator[str]:
    """Terms a document is indexed under: stems of its words and of compound parts."""
    for word in words(text):
        if vocabulary is None:
            yield from stems(word)
        else:
            yield from vocabulary.terms(word)


def query_terms(text: str, vocabulary: Vocabulary) -> tuple[list[str], list[str]]:
    """Search terms for a query, and how misspelled words were read (for 'why it matched')."""
    terms: dict[str, None] = {}
    corrections: list[str] = []
    found_words = words(text)
    # "consultatie bureau" -> "consultatiebureau": residents split compounds apart.
    for first, second in pairwise(found_words):
        joined = first + second
        if joined in vocabulary.words:
            terms.update(dict.fromkeys(sorted(stems(joined))))
    query_stems = {stem(vocabulary.correct(raw)) for raw in found_words}
    for raw in found_words:
        word = vocabulary.correct(raw)
        if word != raw:
            corrections.append(f"{raw}->{word}")
        whole = stems(word)
        parts: set[str] = set()
        for part in vocabulary.split(word):
            parts |= stems(part)
        # Synonyms of a compound's parts only when the compound itself is unknown:
        # "huiswerk" is not about work, but "energieschuld" is about debts.
        meaning = whole if word in vocabulary.words else whole | parts
        found = whole | parts
        for group in synonym_groups():
            if group.triggered_by(meaning, query_stems):
                found |= group.terms
        terms.update(dict.fromkeys(sorted(found)))
    return list(terms), corrections
