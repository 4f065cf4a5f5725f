"""The default, in-process analyzer: classifier + crisis layer + route rules + details."""

from __future__ import annotations

import fcntl
import logging
import re
import time
from collections.abc import Sequence
from pathlib import Path

from nlu import crisis, entities
from nlu.cues import read_cues
from nlu.language import LanguageDetector
from nlu.model import FEATURES, Model, Prediction, normalize
from nlu.training import DATA_DIR, fingerprint, load_examples, load_section
from nlu.types import Route, Understanding

logger = logging.getLogger(__name__)

DOMAIN_THRESHOLD = 0.3
RELATIVE_THRESHOLD = 0.5
MAX_DOMAINS = 3
KEYWORD_DOMAIN = 0.85
SOCIAL_ACTS = frozenset(
    {"greet", "thank", "bye", "affirm", "deny", "stop", "bot_question", "ask_status"}
)
# The classifier alone may call a crisis, but only when it is quite sure.
CLASSIFIER_CRISIS = 0.6
CLASSIFIED_LANGUAGES = frozenset({"nl", "en"})
# The act of a message in which the model knows no word at all.
UNCLEAR = "unclear"
MAX_CHARS = 4000

# Cues that a person, not a list of provisions, is what helps (routes.md: handoff).
_HANDOFF_CUES = re.compile(
    r"\b(?:kom(?:en)? er (?:zelf )?niet (?:meer )?uit|trek het niet (?:meer)?|weet (?:het )?"
    r"(?:echt )?niet meer|groeit (?:me|mij) boven het hoofd|loopt uit de hand|"
    r"(?:met|spreken|praten) (?:met )?(?:een )?(?:echt(?:e)? )?(?:mens|persoon|medewerker)|"
    r"keukentafelgesprek|(?:talk|speak) to (?:a )?(?:real )?(?:person|human|someone)|"
    r"can'?\s?t cope|can'?\s?t (?:manage|handle) (?:it|this) anymore|at my wits'? end)\b"
)


class EmbeddedAnalyzer:
    name = "embedded"

    def __init__(
        self,
        model: Model,
        *,
        districts: Sequence[str] = (),
        language: LanguageDetector | None = None,
    ) -> None:
        self._model = model
        self._districts = tuple(districts)
        self._language = language or LanguageDetector()

    @classmethod
    def load(
        cls,
        *,
        cache_dir: Path | None = None,
        data_dir: Path = DATA_DIR,
        districts: Sequence[str] = (),
    ) -> EmbeddedAnalyzer:
        """Load the cached model for the current training data, or train and cache it."""
        return cls(train_or_load(cache_dir=cache_dir, data_dir=data_dir), districts=districts)

    def analyze(self, text: str, *, locale_hint: str | None = None) -> Understanding:
        return self.analyze_many([text], locale_hint=locale_hint)[0]

    def analyze_many(
        self, texts: Sequence[str], *, locale_hint: str | None = None
    ) -> list[Understanding]:
        clipped = [t[:MAX_CHARS] for t in texts]
        predictions = self._model.predict(clipped)
        return [
            self._decide(text, prediction, locale_hint)
            for text, prediction in zip(texts, predictions, strict=True)
        ]

    def _decide(self, text: str, p: Prediction, hint: str | None) -> Understanding:
        language = self._language.detect(text, hint)
        found = entities.extract(text, districts=self._districts)
        if not any(ch.isalnum() for ch in text):
            return Understanding(text, language, Route.OTHER, act="chitchat", entities=found)
        assessment = crisis.assess(text)
        cues = read_cues(text)
        kind = assessment.kind
        route_scores = dict(p.route_scores)
        ranked = sorted(p.domain_scores.items(), key=lambda kv: -kv[1])
        top = ranked[0][1] if ranked else 0.0
        domains = [d for d, s in ranked if s >= DOMAIN_THRESHOLD and s >= RELATIVE_THRESHOLD * top][
            :MAX_DOMAINS
        ]
        if _HANDOFF_CUES.search(p.normalized):
            route_scores[Route.HANDOFF] = route_scores.get(Route.HANDOFF, 0.0) + 0.35
        if kind is not None or (
            # The classifier learned Dutch and English; other languages have lexicons.
            language in CLASSIFIED_LANGUAGES
            and route_scores.get(Route.CRISIS, 0.0) >= CLASSIFIER_CRISIS
            and not assessment.about_topic
            and not assessment.long_ago
            and not (assessment.past_event and cues.asks_specific)
        ):
            route = Route.CRISIS
        else:
            route_scores.pop(Route.CRISIS, None)
            route = max(route_scores, key=lambda r: route_scores[r])
        if (
            route is Route.OTHER
            and ranked
            and ranked[0][1] >= KEYWORD_DOMAIN
            and p.act not in SOCIAL_ACTS
        ):
            # A bare topic ("eenzaam", "scootmobiel aanvragen") is a question, not chit-chat.
            route = Route.ANSWER
        if route is Route.OTHER:
            domains = []
        elif not domains and ranked and (route is not Route.HANDOFF or ranked[0][1] >= 0.25):
            # An answer needs a domain to search in; a handoff may go to the team without.
            domains = [ranked[0][0]]
        act = p.act if route is Route.OTHER or len(text.split()) <= 6 else None
        if route is Route.OTHER and act == "chitchat" and p.normalized and p.known_words == 0:
            # Not one word the model knows ("blub blub flap"): not small talk, but a
            # message the assistant did not understand.
            act = UNCLEAR
        return Understanding(
            text=text,
            language=language,
            route=route,
            domains=tuple(domains),
            scores={d: round(s, 4) for d, s in ranked},
            act=act,
            entities=found,
            crisis=kind if route is Route.CRISIS else None,
            crises=assessment.kinds if route is Route.CRISIS else (),
            young=assessment.young,
            cues=cues,
        )


def synonym_map(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """Variant -> canonical word, from the ``synonym`` entries of the training data."""
    mapping: dict[str, str] = {}
    for canonical, variants in load_section("synonym", data_dir).items():
        target = normalize(canonical)
        for variant in variants:
            key = normalize(variant)
            if key and " " not in key and key != target:
                mapping[key] = target
    return mapping


def train(data_dir: Path = DATA_DIR, *, features: Sequence[str] = FEATURES) -> Model:
    started = time.perf_counter()
    examples = load_examples(data_dir)
    model = Model(synonym_map(data_dir), features).fit(examples)
    logger.info(
        "trained NLU model on %d examples in %.2fs", len(examples), time.perf_counter() - started
    )
    return model


def train_or_load(*, cache_dir: Path | None, data_dir: Path = DATA_DIR) -> Model:
    if cache_dir is None:
        return train(data_dir)
    path = cache_dir / f"model-{fingerprint(data_dir)}.pkl"
    model = Model.load(path)
    if model is not None:
        return model
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Parallel test workers and a server starting beside `nlu train` would otherwise all
    # train the same model; the first one trains, the others wait and load its file.
    with (cache_dir / ".train.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        model = Model.load(path)
        if model is None:
            model = train(data_dir)
            model.save(path)
    return model
