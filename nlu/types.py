"""What the rest of the product learns from a message."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, Protocol


class Route(StrEnum):
    ANSWER = "answer"
    HANDOFF = "handoff"
    CRISIS = "crisis"
    OTHER = "other"


class CrisisKind(StrEnum):
    SUICIDE = "suicide"
    VIOLENCE = "violence"
    MEDICAL = "medical"
    CHILD = "child"


@dataclass(frozen=True)
class Entity:
    """A detail worth keeping, with where it was found in the text."""

    kind: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Understanding:
    text: str
    language: str
    route: Route
    domains: tuple[str, ...] = ()
    scores: Mapping[str, float] = field(default_factory=dict)
    # A conversational act such as greet, thank, affirm, deny, stop or ask_status.
    act: str | None = None
    entities: tuple[Entity, ...] = ()
    crisis: CrisisKind | None = None
    backend: str = "embedded"

    def entity(self, kind: str) -> Entity | None:
        return next((e for e in self.entities if e.kind == kind), None)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["route"] = self.route.value
        data["crisis"] = self.crisis.value if self.crisis else None
        data["domains"] = list(self.domains)
        data["scores"] = {k: round(v, 4) for k, v in self.scores.items()}
        data["entities"] = [asdict(e) for e in self.entities]
        return data


class Analyzer(Protocol):
    """Turns one resident message into an Understanding. Never raises on odd text."""

    name: str

    def analyze(self, text: str, *, locale_hint: str | None = None) -> Understanding: ...
