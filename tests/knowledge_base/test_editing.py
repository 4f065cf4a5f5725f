"""Changing the catalogue: imports that go in whole or not at all, edits with history,
retiring, what is stale, and edits that would overwrite someone else's work."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from bot.platform.db import make_engine, make_sessionmaker
from knowledge_base import Bundle, Catalogue, CatalogueError, EditConflict
from knowledge_base.io import DEMO_DIR, read_bundle

DEMO = read_bundle(DEMO_DIR)
DISTRICTS = {d for s in DEMO.services for d in s.districts}


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def catalogue(engine):
    cat = Catalogue(make_sessionmaker(engine))
    cat.import_bundle(DEMO, changed_by="seed", known_districts=DISTRICTS)
    return cat


def table_counts(engine) -> tuple[int, ...]:
    with engine.connect() as connection:
        return tuple(
            connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()  # noqa: S608
            for table in ("kb_services", "kb_faqs", "kb_organizations", "kb_changes", "kb_search")
        )


def service(catalogue, provision_id):
    entry = catalogue.entry(provision_id)
    assert entry is not None
    return entry


def test_an_import_of_the_same_file_changes_nothing(catalogue, engine):
    before = table_counts(engine)
    summary = catalogue.import_bundle(DEMO, changed_by="again")
    assert (summary.created, summary.updated, summary.retired) == ([], [], [])
    assert summary.unchanged == len(DEMO.services) + len(DEMO.faqs)
    # Only the import itself is recorded.
    assert table_counts(engine)[:3] == before[:3]
    assert table_counts(engine)[3] == before[3] + 1


def test_an_import_with_one_bad_reference_writes_nothing(catalogue, engine):
    before = table_counts(engine)
    changed = [s.model_copy(update={"name": s.name + " (nieuw)"}) for s in DEMO.services]
    changed[-1] = changed[-1].model_copy(update={"organization": "bestaat-niet"})
    with pytest.raises(CatalogueError) as caught:
        catalogue.import_bundle(
            Bundle.model_construct(organizations=[], services=changed, faqs=[]),
            changed_by="editor",
        )
    assert caught.value.problems == [
        f"service {changed[-1].id}: unknown organization bestaat-niet (give its name in the "
        "file to add it)"
    ]
    assert table_counts(engine) == before
    assert all("(nieuw)" not in p.name for p in catalogue.provisions())


def test_an_import_with_an_unknown_district_writes_nothing(catalogue, engine):
    before = table_counts(engine)
    moved = DEMO.services[0].model_copy(update={"districts": ["atlantis"]})
    with pytest.raises(CatalogueError, match="unknown district atlantis"):
        catalogue.import_bundle(
            Bundle.model_construct(organizations=[], services=[moved], faqs=[]),
            changed_by="editor",
            known_districts=DISTRICTS,
        )
    assert table_counts(engine) == before


def test_a_dry_run_says_what_would_change_and_writes_nothing(catalogue, engine):
    before = table_counts(engine)
    first = DEMO.services[0]
    renamed = first.model_copy(update={"name": "Een heel nieuwe naam"})
    summary = catalogue.import_bundle(
        Bundle.model_construct(organizations=[], services=[renamed], faqs=[]),
        changed_by="editor",
        replace=True,
        dry_run=True,
    )
    assert summary.updated == [f"service {first.id}"]
    assert len(summary.retired) == len(DEMO.services) - 1
    assert table_counts(engine) == before
    assert service(catalogue, first.id).service.name == first.name
    assert catalogue.search("Een heel nieuwe naam") == [] or all(
        r.provision.name != "Een heel nieuwe naam" for r in catalogue.search("heel nieuwe naam")
    )


def test_replace_retires_what_the_file_leaves_out_but_keeps_other_kinds(catalogue):
    kept = DEMO.services[:5]
    summary = catalogue.import_bundle(
        Bundle.model_construct(organizations=[], services=kept, faqs=[]),
        changed_by="editor",
        replace=True,
    )
    assert len(summary.retired) == len(DEMO.services) - 5
    assert summary.deleted == []  # the file had no FAQ entries: they stay
    assert len(catalogue) == 5
    assert len(catalogue.faqs()) == len(DEMO.faqs)
    retired = service(catalogue, DEMO.services[-1].id)
    assert retired.retired
    assert catalogue.history(retired.service.id)[0].action == "retire"
    # Importing it again brings it back.
    catalogue.import_bundle(DEMO, changed_by="editor")
    assert len(catalogue) == len(DEMO.services)


def test_an_edit_is_searchable_at_once_and_recorded_with_who_and_what(catalogue):
    entry = (
        service(catalogue, "klussendienst-centrum")
        if catalogue.entry("klussendienst-centrum")
        else catalogue.entries()[0]
    )
    edited = entry.service.model_copy(
        update={"keywords": [*entry.service.keywords, "zonnepaneelreiniging"]}
    )
    saved = catalogue.save(edited, changed_by="anna", expected_version=entry.version)
    assert saved.version == entry.version + 1
    assert [r.provision.id for r in catalogue.search("zonnepaneelreiniging")] == [entry.service.id]
    (change, *_) = catalogue.history(entry.service.id)
    assert (change.action, change.changed_by) == ("update", "anna")
    assert change.diff["keywords"][1][-1] == "zonnepaneelreiniging"
    assert set(change.diff) == {"keywords"}


def test_saving_without_changes_records_nothing(catalogue):
    entry = catalogue.entries()[0]
    catalogue.save(entry.service, changed_by="anna", expected_version=entry.version)
    assert service(catalogue, entry.service.id).version == entry.version
    assert [c.action for c in catalogue.history(entry.service.id)] == ["create"]


def test_two_editors_cannot_overwrite_each_other(catalogue):
    entry = catalogue.entries()[0]
    first = entry.service.model_copy(update={"summary": "De eerste redacteur schreef dit."})
    second = entry.service.model_copy(update={"summary": "De tweede redacteur schreef dat."})
    catalogue.save(first, changed_by="anna", expected_version=entry.version)
    with pytest.raises(EditConflict, match="changed by someone else"):
        catalogue.save(second, changed_by="bert", expected_version=entry.version)
    assert service(catalogue, entry.service.id).service.summary == first.summary


def test_creating_an_id_that_exists_is_refused(catalogue):
    entry = catalogue.entries()[0]
    with pytest.raises(EditConflict, match="exists already"):
        catalogue.save(entry.service, changed_by="anna")


def test_a_new_provision_needs_a_known_organisation_and_district(catalogue):
    template = DEMO.services[0]
    new = template.model_copy(update={"id": "nieuw-aanbod", "organization": "onbekend"})
    with pytest.raises(CatalogueError, match="unknown organization"):
        catalogue.save(new, changed_by="anna")
    new = template.model_copy(update={"id": "nieuw-aanbod", "districts": ["atlantis"]})
    with pytest.raises(CatalogueError, match="unknown district"):
        catalogue.save(new, changed_by="anna", known_districts=DISTRICTS)
    created = catalogue.save(template.model_copy(update={"id": "nieuw-aanbod"}), changed_by="anna")
    assert created.version == 1
    assert catalogue.history("nieuw-aanbod")[0].action == "create"


def test_a_retired_provision_leaves_search_and_can_come_back(catalogue):
    (target,) = [s for s in DEMO.services if s.id == "veilig-thuis"]
    query = "Veilig Thuis"
    assert target.id in [r.provision.id for r in catalogue.search(query, limit=5)]
    catalogue.set_retired(target.id, True, changed_by="anna")
    assert target.id not in [r.provision.id for r in catalogue.search(query, limit=5)]
    assert catalogue.provision(target.id) is None
    assert service(catalogue, target.id).retired
    catalogue.set_retired(target.id, False, changed_by="anna")
    assert catalogue.provision(target.id) is not None
    assert [c.action for c in catalogue.history(target.id)][:2] == ["restore", "retire"]


def test_stale_lists_what_nobody_reviewed_for_a_year(catalogue):
    entries = catalogue.entries()
    today = date(2026, 11, 28)
    expected = {
        e.service.id
        for e in entries
        if e.service.last_reviewed is None or e.service.last_reviewed < date(2025, 11, 28)
    }
    assert {e.id for e in catalogue.stale(today)} == expected
    fresh = entries[0].service.model_copy(update={"last_reviewed": today, "reviewed_by": "anna"})
    catalogue.save(fresh, changed_by="anna", expected_version=entries[0].version)
    assert fresh.id not in {e.id for e in catalogue.stale(today)}
    old = fresh.model_copy(update={"last_reviewed": date(2025, 11, 27)})
    catalogue.save(old, changed_by="anna", expected_version=entries[0].version + 1)
    assert fresh.id in {e.id for e in catalogue.stale(today)}


def test_another_process_sees_an_edit_within_seconds(engine, catalogue, monkeypatch):
    import knowledge_base.catalogue as module

    other = Catalogue(make_sessionmaker(engine))
    assert len(other) == len(DEMO.services)
    catalogue.set_retired(DEMO.services[0].id, True, changed_by="anna")
    monkeypatch.setattr(module, "RECHECK_SECONDS", 0.0)
    assert len(other) == len(DEMO.services) - 1


def test_the_export_is_what_was_imported(catalogue):
    exported = catalogue.export_bundle()
    assert exported.services == sorted(DEMO.services, key=lambda s: s.id)
    assert exported.faqs == sorted(DEMO.faqs, key=lambda f: f.id)
    assert exported.organizations == sorted(DEMO.organizations, key=lambda o: o.id)


def test_a_save_that_lost_a_race_is_a_conflict_not_a_silent_overwrite(sqlite_url):
    """Two editors save from the same version at the same moment: the database decides.

    The second save is made to happen between the first one's version check and its
    write (SQLite takes no lock until the write), which is exactly the window that an
    application-level check alone leaves open."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    engine = make_engine(sqlite_url)
    first = Catalogue(make_sessionmaker(engine))
    first.import_bundle(DEMO, changed_by="seed")
    second = Catalogue(make_sessionmaker(engine))
    entry = first.entries()[0]
    anna = entry.service.model_copy(update={"summary": "Anna schreef deze samenvatting."})
    bert = entry.service.model_copy(update={"summary": "Bert schreef deze samenvatting."})
    fired = []

    def bert_saves_first(session, flush_context, instances):
        if not fired:
            fired.append(True)
            second.save(bert, changed_by="bert", expected_version=entry.version)

    event.listen(Session, "before_flush", bert_saves_first)
    try:
        with pytest.raises(EditConflict):
            first.save(anna, changed_by="anna", expected_version=entry.version)
    finally:
        event.remove(Session, "before_flush", bert_saves_first)
    stored = first.entry(entry.service.id)
    assert stored is not None
    assert stored.service.summary == bert.summary
    assert [c.changed_by for c in first.history(entry.service.id)][:1] == ["bert"]
    engine.dispose()


def test_history_of_a_provision_leaves_out_a_faq_entry_with_the_same_id(catalogue):
    provision_id = DEMO.services[0].id
    faq = DEMO.faqs[0].model_copy(update={"id": provision_id})
    catalogue.import_bundle(
        Bundle.model_construct(organizations=[], services=[], faqs=[faq]), changed_by="x"
    )
    assert all(c.entity == "service" for c in catalogue.history(provision_id))
    assert catalogue.history(provision_id, entity="faq")[0].action == "create"
