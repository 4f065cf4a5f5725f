"""Understanding resident messages: living domains, route, language and details.

Public API: ``load_analyzer`` gives an ``Analyzer`` whose ``analyze(text)`` returns an
``Understanding``. Backends: ``embedded`` (default, in-process) and ``rasa`` (a Rasa
server over HTTP, falling back to the embedded backend when it is unreachable).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from nlu.embedded import EmbeddedAnalyzer, train_or_load
    from nlu.evaluation import ROUTES as EVALUATED_ROUTES
    from nlu.evaluation import crisis_report, score_crisis
    from nlu.evaluation import report as evaluation_report
    from nlu.evaluation import score as score_messages
    from nlu.model import normalize
    from nlu.rasa_export import export_project as export_rasa_project
    from nlu.training import fingerprint as training_fingerprint

logger = logging.getLogger(__name__)

# Training, evaluation and export load the model's dependencies (scikit-learn): they are
# imported when first asked for, so that reading messages stays quick to import.
_LAZY = {
    "EmbeddedAnalyzer": ("nlu.embedded", "EmbeddedAnalyzer"),
    "train_or_load": ("nlu.embedded", "train_or_load"),
    "EVALUATED_ROUTES": ("nlu.evaluation", "ROUTES"),
    "crisis_report": ("nlu.evaluation", "crisis_report"),
    "evaluation_report": ("nlu.evaluation", "report"),
    "score_messages": ("nlu.evaluation", "score"),
    "score_crisis": ("nlu.evaluation", "score_crisis"),
    "normalize": ("nlu.model", "normalize"),
    "export_rasa_project": ("nlu.rasa_export", "export_project"),
    "training_fingerprint": ("nlu.training", "fingerprint"),
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'nlu' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    return getattr(importlib.import_module(module), attribute)


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
    "EVALUATED_ROUTES",
    "Act",
    "Analyzer",
    "CrisisKind",
    "Cues",
    "EmbeddedAnalyzer",
    "Entity",
    "Feeling",
    "LifeEvent",
    "Route",
    "Understanding",
    "crisis_report",
    "detect_crisis",
    "evaluation_report",
    "export_rasa_project",
    "load_analyzer",
    "normalize",
    "read_cues",
    "request_clause",
    "score_crisis",
    "score_messages",
    "train_or_load",
    "training_fingerprint",
]
