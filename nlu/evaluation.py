"""Scoring understanding against a labelled set (spec/nlu-contract.md).

One implementation for ``vraagwijzer nlu evaluate`` and the NLU benchmark, scored as the
shared ``score_nlu.py`` does: domains and routes on Dutch and English messages only,
language on all of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from nlu.types import Understanding

ROUTES = ("answer", "handoff", "crisis", "other")
SCORED_LANGUAGES = frozenset({"nl", "en"})


@dataclass(frozen=True)
class DomainScore:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Scores:
    domains: dict[str, DomainScore]
    macro_f1: float
    route_accuracy: float
    crisis_recall: float
    language_accuracy: float
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    crisis_misses: list[str] = field(default_factory=list)


def score(gold: Sequence[Mapping[str, Any]], predicted: Sequence[Understanding]) -> Scores:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    crisis_misses: list[str] = []
    crises = language_ok = 0
    for g, p in zip(gold, predicted, strict=True):
        language_ok += p.language == g.get("lang", "nl")
        if g.get("lang", "nl") not in SCORED_LANGUAGES:
            continue
        want, got = set(g.get("domains", [])), set(p.domains)
        tp.update(want & got)
        fp.update(got - want)
        fn.update(want - got)
        confusion[(g["route"], p.route.value)] += 1
        if g["route"] == "crisis":
            crises += 1
            if p.route.value != "crisis":
                crisis_misses.append(f"{g.get('id', '?')}: {g['text'][:100]}")
    domains: dict[str, DomainScore] = {}
    for d in sorted(set(tp) | set(fp) | set(fn)):
        prec = tp[d] / (tp[d] + fp[d]) if tp[d] + fp[d] else 0.0
        rec = tp[d] / (tp[d] + fn[d]) if tp[d] + fn[d] else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        domains[d] = DomainScore(prec, rec, f1, tp[d] + fn[d])
    labelled = [s.f1 for s in domains.values() if s.support]
    scored = sum(confusion.values())
    correct = sum(v for (want, got), v in confusion.items() if want == got)
    return Scores(
        domains=domains,
        macro_f1=sum(labelled) / len(labelled) if labelled else 0.0,
        route_accuracy=correct / scored if scored else 0.0,
        crisis_recall=1.0 - len(crisis_misses) / crises if crises else 1.0,
        language_accuracy=language_ok / len(gold) if gold else 0.0,
        confusion=confusion,
        crisis_misses=crisis_misses,
    )


def report(scores: Scores) -> str:
    lines = [f"{'domain':14} {'prec':>6} {'rec':>6} {'f1':>6} {'support':>8}"]
    for d, s in scores.domains.items():
        lines.append(f"{d:14} {s.precision:6.2f} {s.recall:6.2f} {s.f1:6.2f} {s.support:8d}")
    lines += [
        "",
        f"domain macro-F1: {scores.macro_f1:.4f}",
        f"route accuracy:  {scores.route_accuracy:.4f}",
        f"crisis recall:   {scores.crisis_recall:.4f}",
        f"language accuracy: {scores.language_accuracy:.4f}",
        "",
        "route confusion (rows: gold, columns: predicted)",
        f"{'':10}" + "".join(f"{r:>9}" for r in ROUTES),
    ]
    for want in ROUTES:
        lines.append(
            f"{want:10}" + "".join(f"{scores.confusion[(want, got)]:9d}" for got in ROUTES)
        )
    lines += ["", f"crisis misses: {len(scores.crisis_misses)}", *scores.crisis_misses]
    return "\n".join(lines)
