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


class Act(StrEnum):
    """The conversational act of a short message (``Understanding.act``). A StrEnum, so
    an act read from a model or a Rasa server as plain text compares equal to it."""

    GREET = "greet"
    THANK = "thank"
    BYE = "bye"
    BOT_QUESTION = "bot_question"
    CHITCHAT = "chitchat"
    OUT_OF_SCOPE = "out_of_scope"
    AFFIRM = "affirm"
    DENY = "deny"
    STOP = "stop"
    ASK_STATUS = "ask_status"
    # Not one word the model knows (the embedded backend's own act).
    UNCLEAR = "unclear"


class CrisisKind(StrEnum):
    """Kinds of acute danger, each with its own reply and numbers."""

    # Suicidal thoughts or self-harm.
    SUICIDE = "suicide"
    # Violence at home, now or threatened, by a partner or family member.
    VIOLENCE = "violence"
    # A medical emergency now.
    MEDICAL = "medical"
    # Child abuse, sexual abuse of a child, a child in danger or missing.
    CHILD = "child"
    # Abuse of an older person, financial abuse included.
    ELDER = "elder"
    # Acute danger or a weapon: a knife at the door, a threat to kill now.
    DANGER = "danger"
    # No roof tonight, above all with children.
    HOMELESS = "homeless"


# The order in which a message with several kinds is answered: what can kill soonest
# first. The first kind found decides the reply; the others add their numbers.
CRISIS_PRIORITY = (
    CrisisKind.MEDICAL,
    CrisisKind.SUICIDE,
    CrisisKind.DANGER,
    CrisisKind.VIOLENCE,
    CrisisKind.CHILD,
    CrisisKind.ELDER,
    CrisisKind.HOMELESS,
)


@dataclass(frozen=True)
class Entity:
    """A detail worth keeping, with where it was found in the text."""

    kind: str
    value: str
    start: int
    end: int


class Feeling(StrEnum):
    """What a resident's first words carry, for a first sentence that reflects it."""

    LOSS = "loss"
    EXHAUSTION = "exhaustion"
    WORRY = "worry"
    LONELINESS = "loneliness"


class LifeEvent(StrEnum):
    """The seeds' sleutelmomenten: moments after which several provisions matter at once."""

    PARTNER_DIED = "partner_died"
    DIAGNOSIS = "diagnosis"
    JOB_LOSS = "job_loss"
    DIVORCE = "divorce"
    BABY = "baby"
    MOVING = "moving"
    RETIREMENT = "retirement"
    BECOMING_CARER = "becoming_carer"


@dataclass(frozen=True)
class Cues:
    # Wants a person: the district team, someone to call back, "een echt mens".
    asks_person: bool = False
    # Overwhelmed: "ik trek het niet meer", "ik weet niet waar ik moet beginnen".
    strained: bool = False
    # Asks for one thing the catalogue may have: "is daar een regeling voor?", "waar vraag
    # ik een uitkering aan?", "ik wil leren budgetteren".
    asks_specific: bool = False
    feelings: tuple[Feeling, ...] = ()
    life_events: tuple[LifeEvent, ...] = ()


@dataclass(frozen=True)
class Understanding:
    text: str
    language: str
    route: Route
    domains: tuple[str, ...] = ()
    scores: Mapping[str, float] = field(default_factory=dict)
    # A conversational act such as greet, thank, affirm, deny, stop or ask_status: one of
    # ``Act``'s values (kept a str, as backends read it; ``Act`` compares equal to it).
    act: str | None = None
    entities: tuple[Entity, ...] = ()
    crisis: CrisisKind | None = None
    backend: str = "embedded"
    # Every kind of crisis the message speaks of, ``crisis`` first.
    crises: tuple[CrisisKind, ...] = ()
    # The writer seems to be a child or teenager (an age under 18, school words): a
    # crisis reply then says "je" and adds De Kindertelefoon.
    young: bool = False
    # How it is asked: for a person, overwhelmed, for one thing; feelings, life events.
    cues: Cues = field(default_factory=Cues)

    def entity(self, kind: str) -> Entity | None:
        return next((e for e in self.entities if e.kind == kind), None)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["route"] = self.route.value
        data["crisis"] = self.crisis.value if self.crisis else None
        data["crises"] = [k.value for k in self.crises]
        data["domains"] = list(self.domains)
        data["scores"] = {k: round(v, 4) for k, v in self.scores.items()}
        data["entities"] = [asdict(e) for e in self.entities]
        data["cues"] = {
            **data["cues"],
            "feelings": [f.value for f in self.cues.feelings],
            "life_events": [e.value for e in self.cues.life_events],
        }
        return data


class Analyzer(Protocol):
    """Turns one resident message into an Understanding. Never raises on odd text."""

    name: str

    def analyze(self, text: str, *, locale_hint: str | None = None) -> Understanding: ...
