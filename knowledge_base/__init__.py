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
from knowledge_base.convert import provision as provision_of_row
from knowledge_base.convert import service_row
from knowledge_base.io import (
    DEMO_DIR,
    FileFormat,
    ReadResult,
    guess_format,
    read_bundle,
    read_file,
    write_file,
)
from knowledge_base.models import Base
from knowledge_base.plain_language import CHECKED_FIELDS, Finding, check_provision, check_text
from knowledge_base.plain_language import Kind as FindingKind
from knowledge_base.schema import GROUPS as ELIGIBILITY_GROUPS
from knowledge_base.schema import Bundle, FaqIn, OrganizationIn, ServiceIn
from knowledge_base.spec import domains, service_types
from knowledge_base.spreadsheet import SERVICE_COLUMNS, safe_cell, service_cells, service_from_cells
from knowledge_base.spreadsheet import Problem as SheetProblem
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
    "CHECKED_FIELDS",
    "DEMO_DIR",
    "ELIGIBILITY_GROUPS",
    "SERVICE_COLUMNS",
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
    "FindingKind",
    "ImportSummary",
    "Localized",
    "Opening",
    "OrganizationIn",
    "Place",
    "Provision",
    "ReadResult",
    "SearchResult",
    "ServiceIn",
    "SheetProblem",
    "check_provision",
    "check_text",
    "domains",
    "guess_format",
    "provision_of_row",
    "read_bundle",
    "read_file",
    "safe_cell",
    "service_cells",
    "service_from_cells",
    "service_row",
    "service_types",
    "write_file",
]
