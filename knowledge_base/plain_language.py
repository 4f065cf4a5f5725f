"""A B1 check of the Dutch texts residents read: long sentences, long words, jargon with a
plainer way to say it, and the passive voice.

Hints, not rules: an editor may keep a text the check flags. The word lists live in
``data/plain_language.yaml``; the limits are the usual ones for B1 Dutch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

import yaml

from knowledge_base.schema import ServiceIn

DATA = Path(__file__).parent / "data" / "plain_language.yaml"
MAX_SENTENCE_WORDS = 15
MAX_WORD_LETTERS = 15
# The Dutch texts of a provision that residents read, as its fields are named.
CHECKED_FIELDS = (
    "summary",
    "description",
    "audience",
    "how_to_apply",
    "cost_note",
    "schedule_note",
)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+(?:[.,:]\d+)*")
# Addresses, links and e-mail addresses are not words to judge.
_NOT_TEXT = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
_PASSIVE_AUX = re.compile(r"\b(wordt|worden|werd|werden)\b", re.IGNORECASE)
# A past participle: ge- (after a prefix such as op-, aan-, in-) and -d, -t or -en.
_PARTICIPLE = re.compile(
    r"\b(?:aan|af|bij|door|in|mee|na|om|op|over|terug|toe|uit|vast|voor|weg)?"
    r"ge[^\W\d_]{2,}(?:d|t|en)\b",
    re.IGNORECASE,
)
# Words that look like participles but are not (nouns, adjectives).
_NOT_PARTICIPLES = frozenset(
    {
        "gemeenten", "gebieden", "gesprekken", "geboorten", "gedachten", "gezinnen",
        "gewoonten", "gebeurt", "gebruikt", "gezond", "geschikt", "gemiddeld", "geheim",
        "gewend", "genoeg", "gegeten", "gelden", "geldt", "gesloten", "gelegen", "gerust",
        "geleden", "gerechten", "gebouwen", "gevallen", "geweest", "geworden",
    }
)  # fmt: skip


class Kind(StrEnum):
    LONG_SENTENCE = "long_sentence"
    LONG_WORD = "long_word"
    JARGON = "jargon"
    PASSIVE = "passive"


@dataclass(frozen=True)
class Finding:
    """One hint: what kind, the words it is about, and a plainer alternative if known."""

    kind: Kind
    text: str
    suggestion: str | None = None
    words: int | None = None  # a long sentence's length

    def message(self) -> str:
        """The hint in English, as the command line prints it."""
        if self.kind is Kind.LONG_SENTENCE:
            return f"long sentence ({self.words} words): {self.text!r}"
        if self.kind is Kind.LONG_WORD:
            return f"long word: {self.text!r}"
        if self.kind is Kind.JARGON:
            return f"jargon: {self.text!r}, plainer: {self.suggestion!r}"
        return f"passive voice: {self.text!r}"


@dataclass(frozen=True)
class _Jargon:
    pattern: re.Pattern[str]
    plain: str


@dataclass(frozen=True)
class _Lists:
    jargon: tuple[_Jargon, ...]
    allowed: frozenset[str]
    allowed_phrases: tuple[str, ...]


@cache
def _lists() -> _Lists:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    jargon = []
    for item in data.get("jargon", []):
        forms = [item["term"], *item.get("forms", [])]
        alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        jargon.append(
            _Jargon(re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE), item["plain"])
        )
    allowed = [str(a).lower() for a in data.get("allowed", [])]
    return _Lists(
        jargon=tuple(jargon),
        allowed=frozenset(allowed),
        allowed_phrases=tuple(a for a in allowed if " " in a),
    )


def sentences(text: str) -> Iterator[str]:
    for part in _SENTENCE_END.split(text):
        if part.strip():
            yield part.strip()


def check_text(text: str | None) -> list[Finding]:
    """The hints for one Dutch text, in the order they occur (each at most once)."""
    if not text:
        return []
    lists = _lists()
    findings: list[Finding] = []
    seen: set[tuple[Kind, str]] = set()

    def add(finding: Finding) -> None:
        key = (finding.kind, finding.text.lower())
        if key not in seen:
            seen.add(key)
            findings.append(finding)

    for sentence in sentences(_NOT_TEXT.sub(" ", text)):
        words = _WORD.findall(sentence)
        if len(words) > MAX_SENTENCE_WORDS:
            add(Finding(Kind.LONG_SENTENCE, _excerpt(sentence), words=len(words)))
        lowered = sentence.lower()
        allowed_here = [p for p in lists.allowed_phrases if p in lowered]
        for word in words:
            letters = sum(c.isalpha() for c in word)
            if letters > MAX_WORD_LETTERS and not _allowed(word, lists, allowed_here):
                add(Finding(Kind.LONG_WORD, word))
        for jargon in lists.jargon:
            for match in jargon.pattern.finditer(sentence):
                if not any(match.group(0).lower() in p for p in allowed_here):
                    add(Finding(Kind.JARGON, match.group(0), suggestion=jargon.plain))
        passive = _passive(sentence)
        if passive:
            add(Finding(Kind.PASSIVE, passive))
    return findings


def check_provision(service: ServiceIn) -> dict[str, list[Finding]]:
    """The hints for each Dutch text of a provision that has any."""
    found = {}
    for name in CHECKED_FIELDS:
        value = getattr(service, name, None)
        if name == "cost_note":
            value = service.cost.note
        findings = check_text(value)
        if findings:
            found[name] = findings
    return found


def _allowed(word: str, lists: _Lists, phrases: list[str]) -> bool:
    lowered = word.lower()
    if lowered in lists.allowed or any(lowered in p for p in phrases):
        return True
    # A compound written with a hyphen is read in its parts ("Wmo-huishoudelijke-hulp").
    parts = lowered.split("-")
    return len(parts) > 1 and all(len(p) <= MAX_WORD_LETTERS or p in lists.allowed for p in parts)


def _passive(sentence: str) -> str | None:
    aux = _PASSIVE_AUX.search(sentence)
    if aux is None:
        return None
    for match in _PARTICIPLE.finditer(sentence):
        if match.group(0).lower() not in _NOT_PARTICIPLES:
            return f"{aux.group(0)} … {match.group(0)}"
    return None


def _excerpt(sentence: str, length: int = 8) -> str:
    """A long sentence's first words, enough to find it."""
    parts = sentence.split()
    return " ".join(parts[:length]) + (" …" if len(parts) > length else "")
