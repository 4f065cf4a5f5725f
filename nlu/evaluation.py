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


# -- the crisis layer on its own sets: recall per kind and per language ---------------------


@dataclass(frozen=True)
class Recall:
    found: int
    total: int
    # Of those found, how many named the gold kind among the kinds found.
    kind_right: int = 0

    @property
    def rate(self) -> float:
        return self.found / self.total if self.total else 1.0


@dataclass(frozen=True)
class CrisisScores:
    by_kind: dict[str, Recall]
    by_language: dict[str, Recall]
    overall: Recall
    false_alarms: int
    non_crises: int
    young_found: int
    young_total: int
    misses: list[str] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)


def score_crisis(
    gold: Sequence[Mapping[str, Any]], predicted: Sequence[Understanding]
) -> CrisisScores | None:
    """Crisis recall per kind and language, and false alarms, for a set labelled with
    ``crisis`` (a kind, or null for a near miss) or with ``route``; None without either."""
    if not gold or not any("crisis" in g or "route" in g for g in gold):
        return None
    kinds: dict[str, list[int]] = {}
    languages: dict[str, list[int]] = {}
    misses: list[str] = []
    alarms: list[str] = []
    non_crises = false_alarms = young_found = young_total = 0
    for g, p in zip(gold, predicted, strict=True):
        want = g["crisis"] if "crisis" in g else ("crisis" if g.get("route") == "crisis" else None)
        got = p.route.value == "crisis"
        if want is None:
            non_crises += 1
            if got:
                false_alarms += 1
                alarms.append(f"{g.get('id', '?')}: {g['text'][:100]}")
            continue
        named = want in {k.value for k in p.crises} or want == "crisis"
        for table, key in ((kinds, str(want)), (languages, str(g.get("lang", "nl")))):
            row = table.setdefault(key, [0, 0, 0])
            row[0] += got
            row[1] += 1
            row[2] += got and named
        if not got:
            misses.append(f"{g.get('id', '?')} [{g.get('lang', 'nl')} {want}]: {g['text'][:100]}")
        if g.get("young"):
            young_total += 1
            young_found += got and p.young
    total = [sum(r[i] for r in kinds.values()) for i in range(3)]
    return CrisisScores(
        by_kind={k: Recall(*v) for k, v in sorted(kinds.items())},
        by_language={k: Recall(*v) for k, v in sorted(languages.items())},
        overall=Recall(*total),
        false_alarms=false_alarms,
        non_crises=non_crises,
        young_found=young_found,
        young_total=young_total,
        misses=misses,
        alarms=alarms,
    )


def crisis_report(scores: CrisisScores) -> str:
    lines = [f"{'crisis kind':14} {'recall':>7} {'found':>6} {'total':>6} {'kind ok':>8}"]
    for name, r in scores.by_kind.items():
        lines.append(f"{name:14} {r.rate:7.3f} {r.found:6d} {r.total:6d} {r.kind_right:8d}")
    lines.append(f"{'language':14} {'recall':>7} {'found':>6} {'total':>6}")
    for name, r in scores.by_language.items():
        lines.append(f"{name:14} {r.rate:7.3f} {r.found:6d} {r.total:6d}")
    alarm_rate = scores.false_alarms / scores.non_crises if scores.non_crises else 0.0
    lines += [
        "",
        f"crisis recall (all): {scores.overall.rate:.4f} "
        f"({scores.overall.found}/{scores.overall.total})",
        f"false alarms: {scores.false_alarms}/{scores.non_crises} ({alarm_rate:.1%})",
        f"young writers recognised: {scores.young_found}/{scores.young_total}",
        "",
        f"missed crises: {len(scores.misses)}",
        *scores.misses,
        f"false alarms: {len(scores.alarms)}",
        *scores.alarms,
    ]
    return "\n".join(lines)
