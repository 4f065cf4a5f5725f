"""Ordering full-text candidates by what a resident most likely needs.

The search index says which provisions share words with the question; this adds what the
words alone do not know: the living domains the NLU recognised, the resident's district,
and one result per kind of help so that seven community centres do not fill the list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from knowledge_base.search_index import Hit
from knowledge_base.text import fold
from knowledge_base.types import Provision, SearchResult

DOMAIN_WEIGHT = 0.35
OWN_DISTRICT_BONUS = 0.15
MIN_SCORE = 0.2
# Shorter matched words ("bus" in "Lindebus") name too little to count as the name.
MIN_NAMED_CHARS = 5


def rank(
    *,
    hits: Sequence[Hit],
    provisions: Mapping[str, Provision],
    corrections: Sequence[str],
    domains: Sequence[str],
    district_id: str | None,
    limit: int,
) -> list[SearchResult]:
    if not hits:
        return []
    top = max(h.score for h in hits) or 1.0
    wanted = set(domains)
    scored: list[SearchResult] = []
    for hit in hits:
        item = provisions.get(hit.doc_id)
        if item is None:
            continue
        if district_id and item.district_ids and district_id not in item.district_ids:
            continue
        score = hit.score / top
        matched = sorted(hit.matched)
        reasons = [f"text: {', '.join(matched[:6])}"] if matched else []
        if wanted:
            overlap = len(wanted & set(item.domains)) / len(wanted)
            score += DOMAIN_WEIGHT * overlap
            if overlap:
                reasons.append(f"domain: {', '.join(sorted(wanted & set(item.domains)))}")
        if district_id and district_id in item.district_ids:
            score += OWN_DISTRICT_BONUS
            reasons.append(f"district: {district_id}")
        reasons.extend(f"spelling: {c}" for c in corrections)
        name = fold(item.name)
        named = any(len(t) >= MIN_NAMED_CHARS and t in name for t in matched)
        scored.append(SearchResult(item, round(score, 4), tuple(reasons), named))
    scored.sort(key=lambda r: (-r.score, r.provision.name))
    results: list[SearchResult] = []
    seen_types: set[str] = set()
    for result in scored:
        if result.score < MIN_SCORE:
            break
        kind = result.provision.service_types[0]
        if kind in seen_types:
            continue
        seen_types.add(kind)
        results.append(result)
        if len(results) == limit:
            break
    return results
