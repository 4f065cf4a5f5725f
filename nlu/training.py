"""Reading the Rasa 3.x NLU training data in ``nlu/data`` into labelled examples.

An intent name carries the labels: domain ids joined by ``+`` in alphabetical order,
optionally ending in the route marker ``handoff`` or ``crisis`` (no marker: ``answer``).
Intents without domains are conversational acts with route ``other`` (greet, thank,
out_of_scope, affirm, ...), or ``handoff`` alone for "I want to talk to a person".
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from nlu.types import Route

DATA_DIR = Path(__file__).parent / "data"
SPEC_DIR = Path(__file__).parent / "spec"
ROUTE_MARKERS = {"handoff": Route.HANDOFF, "crisis": Route.CRISIS}
ACTS = (
    "greet",
    "thank",
    "bye",
    "bot_question",
    "chitchat",
    "out_of_scope",
    "affirm",
    "deny",
    "stop",
    "ask_status",
)
_ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]+\)|\[([^\]]+)\]\{[^}]+\}")


class TrainingDataError(ValueError):
    pass


@dataclass(frozen=True)
class Label:
    domains: tuple[str, ...]
    route: Route
    act: str | None = None


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    label: Label
    source: str


@cache
def domain_ids() -> tuple[str, ...]:
    with (SPEC_DIR / "domains.yaml").open(encoding="utf-8") as fh:
        return tuple(d["id"] for d in yaml.safe_load(fh)["domains"])


def parse_intent(name: str) -> Label:
    parts = name.split("+")
    if len(parts) == 1 and parts[0] in ACTS:
        return Label((), Route.OTHER, parts[0])
    route = Route.ANSWER
    if parts[-1] in ROUTE_MARKERS:
        route = ROUTE_MARKERS[parts.pop()]
    known = domain_ids()
    for part in parts:
        if part not in known:
            raise TrainingDataError(f"intent {name!r}: {part!r} is not a domain id or act")
    if parts != sorted(parts):
        raise TrainingDataError(f"intent {name!r}: domains must be in alphabetical order")
    if not parts and route is not Route.HANDOFF:
        raise TrainingDataError(f"intent {name!r} has no domain")
    return Label(tuple(parts), route)


def strip_annotations(text: str) -> str:
    """'ik woon in [Centrum](district)' -> 'ik woon in Centrum'."""
    return _ANNOTATION.sub(lambda m: m.group(1) or m.group(2), text)


def _files(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.glob("*.yml") if p.is_file())


def load_examples(data_dir: Path = DATA_DIR) -> list[Example]:
    examples: list[Example] = []
    for path in _files(data_dir):
        with path.open(encoding="utf-8") as fh:
            document = yaml.safe_load(fh) or {}
        for item in document.get("nlu") or []:
            if "intent" not in item:
                continue
            label = parse_intent(item["intent"])
            for line in str(item.get("examples", "")).splitlines():
                line = line.strip()
                if line.startswith("- "):
                    text = strip_annotations(line[2:].strip())
                    if text:
                        examples.append(Example(text, item["intent"], label, path.name))
    if not examples:
        raise TrainingDataError(f"no training examples in {data_dir}")
    return examples


def load_section(kind: str, data_dir: Path = DATA_DIR) -> dict[str, list[str]]:
    """The ``synonym``, ``lookup`` or ``regex`` entries: name -> values."""
    found: dict[str, list[str]] = {}
    for path in _files(data_dir):
        with path.open(encoding="utf-8") as fh:
            document = yaml.safe_load(fh) or {}
        for item in document.get("nlu") or []:
            if kind in item:
                values = [
                    line.strip()[2:].strip()
                    for line in str(item.get("examples", "")).splitlines()
                    if line.strip().startswith("- ")
                ]
                found.setdefault(item[kind], []).extend(values)
    return found


def fingerprint(data_dir: Path = DATA_DIR) -> str:
    digest = hashlib.sha256()
    for path in _files(data_dir):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
