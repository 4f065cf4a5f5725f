"""The application and the libraries each own their tables, but one Alembic history in
``bot/platform/migrations`` creates them all: constraint names and JSON columns must come
out the same whichever metadata a table belongs to, or a migration written against one
naming would miss a constraint of another."""

from __future__ import annotations

import handoff
import knowledge_base
from bot.platform import models


def test_every_metadata_names_constraints_and_maps_json_alike():
    bases = [models.Base, knowledge_base.Base, handoff.Base]
    conventions = [dict(base.metadata.naming_convention) for base in bases]
    assert all(c == conventions[0] for c in conventions), conventions
    maps = [
        {key: repr(value) for key, value in base.registry.type_annotation_map.items()}
        for base in bases
    ]
    assert all(m == maps[0] for m in maps), maps


def test_the_tables_do_not_overlap():
    app, catalogue, tickets = (
        set(base.metadata.tables) for base in (models.Base, knowledge_base.Base, handoff.Base)
    )
    assert not app & catalogue
    assert not app & tickets
    assert not catalogue & tickets
