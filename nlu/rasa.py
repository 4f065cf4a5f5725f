"""Rasa as an alternative backend: the product calls a Rasa server's ``/model/parse``.

Rasa runs as its own service (its own Python 3.10 environment, see ``make rasa``). Its
multi-intent names use the same ``+`` convention as our training data, so the labels map
back directly. The crisis patterns, language detection and details stay ours: the safety
layer must not depend on whichever classifier is behind it.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence

import httpx

from nlu import crisis, entities
from nlu.cues import read_cues
from nlu.language import LanguageDetector
from nlu.training import TrainingDataError, parse_intent
from nlu.types import Analyzer, Route, Understanding

logger = logging.getLogger(__name__)

DOMAIN_THRESHOLD = 0.3


class RasaUnavailable(RuntimeError):
    pass


class RasaAnalyzer:
    name = "rasa"

    def __init__(
        self,
        url: str,
        *,
        fallback: Analyzer | None = None,
        districts: Sequence[str] = (),
        timeout: float = 5.0,
        language: LanguageDetector | None = None,
    ) -> None:
        self._url = url.rstrip("/")
        self._client = httpx.Client(timeout=timeout)
        self._fallback = fallback
        self._districts = tuple(districts)
        self._language = language or LanguageDetector()

    def close(self) -> None:
        """Close the kept-alive connections to the Rasa server."""
        self._client.close()

    def check(self) -> None:
        """Raise RasaUnavailable unless the server answers and has a model loaded."""
        try:
            response = self._client.get(f"{self._url}/status")
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise RasaUnavailable(f"Rasa at {self._url} is not reachable: {exc}") from exc
        if not response.json().get("model_file"):
            raise RasaUnavailable(f"Rasa at {self._url} has no model loaded")

    def analyze(self, text: str, *, locale_hint: str | None = None) -> Understanding:
        try:
            response = self._client.post(f"{self._url}/model/parse", json={"text": text[:4000]})
            response.raise_for_status()
            parsed = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            if self._fallback is None:
                raise RasaUnavailable(str(exc)) from exc
            logger.warning(
                "Rasa did not answer (%s); using the embedded backend", type(exc).__name__
            )
            return self._fallback.analyze(text, locale_hint=locale_hint)
        return self._understanding(text, parsed, locale_hint)

    def _understanding(self, text: str, parsed: dict, hint: str | None) -> Understanding:  # type: ignore[type-arg]
        ranking = parsed.get("intent_ranking") or [parsed.get("intent") or {}]
        domain_scores: dict[str, float] = defaultdict(float)
        route_scores: dict[Route, float] = defaultdict(float)
        act: str | None = None
        for item in ranking:
            name, confidence = item.get("name"), float(item.get("confidence") or 0.0)
            if not name:
                continue
            try:
                label = parse_intent(name)
            except TrainingDataError:
                continue
            route_scores[label.route] += confidence
            for domain in label.domains:
                domain_scores[domain] += confidence
            if act is None and label.act:
                act = label.act
        assessment = crisis.assess(text)
        kind = assessment.kind
        route = (
            Route.CRISIS
            if kind
            else max(route_scores, key=lambda r: route_scores[r], default=Route.OTHER)
        )
        ranked = sorted(domain_scores.items(), key=lambda kv: -kv[1])
        domains = [d for d, s in ranked if s >= DOMAIN_THRESHOLD][:3]
        if route is Route.OTHER:
            domains = []
        elif not domains and ranked:
            domains = [ranked[0][0]]
        return Understanding(
            text=text,
            language=self._language.detect(text, hint),
            route=route,
            domains=tuple(domains),
            scores={d: round(min(s, 1.0), 4) for d, s in ranked},
            act=act if route is Route.OTHER or len(text.split()) <= 6 else None,
            entities=entities.extract(text, districts=self._districts),
            crisis=kind,
            backend=self.name,
            crises=assessment.kinds,
            young=assessment.young,
            cues=read_cues(text),
        )
