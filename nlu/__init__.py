"""Understanding resident messages: living domains, route, language and details.

Public API: ``load_analyzer`` gives an ``Analyzer`` whose ``analyze(text)`` returns an
``Understanding``. Backends: ``embedded`` (default, in-process) and ``rasa`` (a Rasa
server over HTTP, falling back to the embedded backend when it is unreachable).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from nlu.crisis import detect as detect_crisis
from nlu.cues import read_cues, request_clause
from nlu.types import (
    Act,
    Analyzer,
    CrisisKind,
    Cues,
    Entity,
    Feeling,
    LifeEvent,
    Route,
    Understanding,
)

logger = logging.getLogger(__name__)

BACKENDS = ("embedded", "rasa")


def load_analyzer(
    backend: str = "embedded",
    *,
    rasa_url: str = "http://127.0.0.1:5005",
    cache_dir: Path | None = None,
    districts: Sequence[str] = (),
) -> Analyzer:
    """The analyzer for a backend. An unreachable Rasa is reported and replaced."""
    from nlu.embedded import EmbeddedAnalyzer

    if backend not in BACKENDS:
        raise ValueError(f"unknown NLU backend {backend!r}; choose from {', '.join(BACKENDS)}")
    embedded = EmbeddedAnalyzer.load(cache_dir=cache_dir, districts=districts)
    if backend == "embedded":
        return embedded
    from nlu.rasa import RasaAnalyzer, RasaUnavailable

    rasa = RasaAnalyzer(rasa_url, fallback=embedded, districts=districts)
    try:
        rasa.check()
    except RasaUnavailable as exc:
        logger.warning("%s; using the embedded NLU backend instead", exc)
        return embedded
    return rasa


__all__ = [
    "BACKENDS",
    "Act",
    "Analyzer",
    "CrisisKind",
    "Cues",
    "Entity",
    "Feeling",
    "LifeEvent",
    "Route",
    "Understanding",
    "detect_crisis",
    "load_analyzer",
    "read_cues",
    "request_clause",
]
