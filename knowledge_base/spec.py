"""The shared taxonomy: service types and living domains (copied from the project spec)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

SPEC_DIR = Path(__file__).parent / "spec"


@dataclass(frozen=True)
class ServiceType:
    id: str
    nl: str
    en: str
    domains: tuple[str, ...]
    access: str


@cache
def service_types() -> dict[str, ServiceType]:
    with (SPEC_DIR / "service-types.yaml").open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return {
        item["id"]: ServiceType(
            id=item["id"],
            nl=item["nl"],
            en=item["en"],
            domains=tuple(item["domains"]),
            access=item["access"],
        )
        for item in data["service_types"]
    }


@cache
def domain_ids() -> tuple[str, ...]:
    with (SPEC_DIR / "domains.yaml").open(encoding="utf-8") as fh:
        return tuple(d["id"] for d in yaml.safe_load(fh)["domains"])


@dataclass(frozen=True)
class Domain:
    id: str
    nl: str
    en: str
    zrm: tuple[str, ...] = ()  # the Zelfredzaamheid-Matrix domains it maps onto


@cache
def domains() -> dict[str, Domain]:
    """The living domains with their Dutch and English names, in the spec's order."""
    with (SPEC_DIR / "domains.yaml").open(encoding="utf-8") as fh:
        return {
            d["id"]: Domain(id=d["id"], nl=d["nl"], en=d["en"], zrm=tuple(d.get("zrm", ())))
            for d in yaml.safe_load(fh)["domains"]
        }
