"""Warm handoff to the district team: districts, teams and (later) referral tickets.

Public API: what the conversation engine and the staff console use. Everything else in
this package is internal.
"""

from handoff.directory import (
    Directory,
    DirectoryError,
    DistrictInfo,
    PostcodeLookup,
    TeamInfo,
)
from handoff.models import Base
from handoff.postcodes import Postcode, find_postcode

__all__ = [
    "Base",
    "Directory",
    "DirectoryError",
    "DistrictInfo",
    "Postcode",
    "PostcodeLookup",
    "TeamInfo",
    "find_postcode",
]
