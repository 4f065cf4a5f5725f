"""The catalogue of local general provisions (algemene voorzieningen) and FAQ entries.

Public API: the Catalogue (store, import, search) and its value types.
"""

from knowledge_base.catalogue import Catalogue, FaqResult
from knowledge_base.models import Base
from knowledge_base.schema import Bundle
from knowledge_base.types import (
    Access,
    Cost,
    CostKind,
    FaqEntry,
    Localized,
    Opening,
    Place,
    Provision,
    SearchResult,
)

__all__ = [
    "Access",
    "Base",
    "Bundle",
    "Catalogue",
    "Cost",
    "CostKind",
    "FaqEntry",
    "FaqResult",
    "Localized",
    "Opening",
    "Place",
    "Provision",
    "SearchResult",
]
