"""The catalogue of local general provisions (algemene voorzieningen) and FAQ entries.

Public API: the Catalogue (store, search, edit, import, export), its value types,
reading and writing catalogue files (``read_file``, ``write_file``: CSV, YAML, HSDS), and
the B1 check of provision texts (``check_text``, ``check_provision``).
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
from knowledge_base.plain_language import Finding, check_provision, check_text
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
    "Finding",
    "ImportSummary",
    "Localized",
    "Opening",
    "OrganizationIn",
    "Place",
    "Provision",
    "ReadResult",
    "SearchResult",
    "ServiceIn",
    "check_provision",
    "check_text",
    "guess_format",
    "read_file",
    "write_file",
]
