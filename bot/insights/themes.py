"""Themes of unmet needs: what a question no provision fitted was about, in a word.

A theme must group questions without anyone reading them, and must never carry a
resident's words that could point at them. So a theme is one word of the masked question:
its longest content word (Dutch compounds carry the meaning: "energietoeslag",
"huurachterstand", "mantelzorgwaardering"), lowercased and without accents; a question
with no such word takes its living domain. Short phrases (two content words in a row)
are kept beside the theme, and shown only when enough conversations share them.

Deliberately simple and explainable to a council: no model, no clustering that moves
when one more question arrives. The cost is that synonyms stay separate themes.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

MIN_LENGTH = 5
MAX_PHRASES = 5
NO_THEME = "overig"

# Chat words and function words in Dutch and English that never make a theme.
STOPWORDS = frozenset(
    """
    aan als alsjeblieft alstublieft alleen andere anders beetje bedankt behalve
    bijvoorbeeld binnen boven buiten daar daarom daarna dank dankje dankjewel dankuwel
    deze dingen doen dus echt eigenlijk elke even gaan geen gewoon goede graag groet
    hallo heeft hebben hier hoeveel hulp iemand iets jullie kunnen kunt maar meer mensen
    misschien moet moeten mogen nodig nooit omdat onder ongeveer over precies sinds
    soort terwijl tussen vanaf vandaag verder vraag vragen vragen waar waarom wanneer
    want welke weten willen wordt worden zeker zelf zich zijn zonder zouden
    about after again because before being could every hello please really thank
    thanks their there these thing things those through where which while would
    should someone something
    aan als bij dan dat die dit een ene het hoe heb hebt ben bent ook nog wel niet geen wat
    wie kan kon zal zoek zoeken zoekt mee met mij mijn jou jouw hun haar zij wij jij
    ons onze uw van voor naar uit tot door hem hen the and for you your are was were
    our can how what who why with this that from have has had not get got need want
    """.split()
)
_WORD = re.compile(r"[^\W\d_]+")
_MASK = re.compile(r"\[[^\]]*\]")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def content_words(masked_text: str) -> list[str]:
    """The question's words that can carry a theme, in order (masked parts left out)."""
    text = _fold(_MASK.sub(" ", masked_text))
    return [w for w in _WORD.findall(text) if len(w) >= 3 and w not in STOPWORDS]


def theme_of(masked_text: str, domains: list[str] | tuple[str, ...] = ()) -> str:
    words = [w for w in content_words(masked_text) if len(w) >= MIN_LENGTH]
    if words:
        return max(words, key=len)[:60]
    return domains[0] if domains else NO_THEME


def phrases(masked_text: str) -> set[str]:
    """Two content words in a row ("energietoeslag aanvragen"), at most a few."""
    words = content_words(masked_text)
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(words)]
    return set(pairs[:MAX_PHRASES])
