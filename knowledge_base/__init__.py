"""The catalogue of local general provisions (algemene voorzieningen) and FAQ entries.

Public API: the Catalogue (store, search, edit, import, export), its value types, and
reading and writing catalogue files (``read_file``, ``write_file``: CSV, YAML, HSDS).
"""

from knowledge_base.catalogue import (
    Catalogue,
    CatalogueError,
    ChangeRecord,
    EditConflict,
    Entry,
    EntrySummary,
    FaqResult,
    ImportSummary,
)
from knowledge_base.io import FileFormat, ReadResult, guess_format, read_file, write_file
from knowledge_base.models import Base
from knowledge_base.schema import Bundle, FaqIn, OrganizationIn, ServiceIn
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
    "CatalogueError",
    "ChangeRecord",
    "Cost",
    "CostKind",
    "EditConflict",
    "Entry",
    "EntrySummary",
    "FaqEntry",
    "FaqIn",
    "FaqResult",
    "FileFormat",
    "ImportSummary",
    "Localized",
    "Opening",
    "OrganizationIn",
    "Place",
    "Provision",
    "ReadResult",
    "SearchResult",
    "ServiceIn",
    "guess_format",
    "read_file",
    "write_file",
]
