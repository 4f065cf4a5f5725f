"""Searching the catalogue in the database (SQLite FTS5 and PostgreSQL), with a small
catalogue made here so that every expectation is visible in the test."""

from __future__ import annotations

import pytest

from bot.platform.db import make_engine, make_sessionmaker
from knowledge_base import Bundle, Catalogue
from knowledge_base.text import Vocabulary, query_terms, stem


def service(id, name, types, summary, *, districts=(), keywords=(), domains=None):
    data = {
        "id": id,
        "name": name,
        "organization": "welzijn",
        "service_types": list(types),
        "access": "open",
        "summary": summary,
        "description": summary,
        "audience": "Inwoners van Lindenhaven.",
        "cost": {"kind": "free"},
        "how_to_apply": "Bel ons gerust.",
        "districts": list(districts),
        "keywords": list(keywords),
    }
    if domains is not None:
        data["domains"] = list(domains)
    return data


BUNDLE = Bundle.model_validate(
    {
        "organizations": [{"id": "welzijn", "name": "Stichting Welzijn"}],
        "services": [
            service(
                "klus-centrum",
                "Klusdienst Centrum",
                ["klussendienst"],
                "Vrijwilligers doen kleine klussen in huis.",
                districts=["centrum"],
                keywords=["lamp ophangen", "plank"],
            ),
            service(
                "klus-oost",
                "Klusbus Oosterveld",
                ["klussendienst"],
                "De klusbus helpt met kleine reparaties.",
                districts=["oosterveld"],
                keywords=["kraan", "plank"],
            ),
            service(
                "schuldhulp",
                "Schuldhulp Lindenhaven",
                ["schuldhulpverlening"],
                "Gratis hulp bij schulden en betalingsachterstanden.",
                keywords=["deurwaarder", "rekeningen"],
            ),
            service(
                "buurthuis-centrum",
                "Buurthuis De Linde",
                ["buurthuis"],
                "Koffie drinken en activiteiten met buurtgenoten.",
                districts=["centrum"],
                keywords=["ontmoeten", "koffie"],
            ),
            service(
                "werkplein",
                "Werkplein",
                ["werkloket"],
                "Hulp bij werk zoeken en een uitkering aanvragen.",
                keywords=["baan", "sollicitatie"],
            ),
            service(
                "huiswerk",
                "Huiswerkklas",
                ["huiswerkbegeleiding"],
                "Vrijwilligers helpen kinderen met hun huiswerk.",
                keywords=["bijles"],
            ),
            service(
                "maatje",
                "Maatjesproject",
                ["maatje"],
                "Een vrijwilliger komt bij u op bezoek als u zich alleen voelt.",
                keywords=["eenzaam", "gezelschap"],
            ),
        ],
        "faqs": [
            {
                "id": "faq-keukentafel",
                "question": "Wat is een keukentafelgesprek?",
                "answer": "Een gesprek met de gemeente over wat u nodig heeft.",
                "domains": ["health"],
                "keywords": ["wmo gesprek"],
            },
        ],
    }
)


@pytest.fixture
def catalogue(database_url):
    engine = make_engine(database_url)
    cat = Catalogue(make_sessionmaker(engine))
    cat.replace_all(BUNDLE, changed_by="test")
    yield cat
    engine.dispose()


def ids(results):
    return [r.provision.id for r in results]


def test_words_residents_use_find_the_right_provision(catalogue):
    assert ids(catalogue.search("wie kan een plank ophangen"))[0].startswith("klus-")
    assert ids(catalogue.search("de deurwaarder staat voor de deur"))[0] == "schuldhulp"
    assert "maatje" in ids(catalogue.search("ik voel me eenzaam"))


def test_misspellings_still_find_it_and_say_why(catalogue):
    (first, *_) = catalogue.search("schuldenn deurwaader")
    assert first.provision.id == "schuldhulp"
    assert any(r.startswith("spelling:") for r in first.reasons)
    assert any(r.startswith("text:") for r in first.reasons)


def test_the_residents_own_district_comes_first_and_others_are_left_out(catalogue):
    assert ids(catalogue.search("klusjes in huis", district_id="oosterveld"))[0] == "klus-oost"
    assert "klus-oost" not in ids(catalogue.search("klusjes in huis", district_id="centrum"))


def test_one_result_per_kind_of_help_when_the_district_is_unknown(catalogue):
    results = catalogue.search("klusjes plank", limit=3)
    assert sum("klussendienst" in r.provision.service_types for r in results) == 1


def test_a_known_compound_is_not_read_as_its_parts_synonyms(catalogue):
    """'huiswerk' splits into 'huis' + 'werk', and 'werk' has synonyms (baan, uitkering):
    those belong to work, not to homework."""
    assert ids(catalogue.search("mijn dochter heeft hulp nodig met haar huiswerk"))[0] == (
        "huiswerk"
    )
    assert "werkplein" not in ids(catalogue.search("huiswerk"))
    assert ids(catalogue.search("ik ben ontslagen"))[0] == "werkplein"


def test_provisions_of_one_kind_own_district_first_never_another_districts(catalogue):
    assert [p.id for p in catalogue.of_service_type("klussendienst", district_id="oosterveld")] == [
        "klus-oost"
    ]
    # Without a district: all of them (by name: Klusbus before Klusdienst).
    assert [p.id for p in catalogue.of_service_type("klussendienst")] == [
        "klus-oost",
        "klus-centrum",
    ]
    # Whole-municipality provisions serve every district.
    assert [p.id for p in catalogue.of_service_type("maatje", district_id="centrum")] == ["maatje"]
    assert catalogue.of_service_type("no_such_type") == []


def test_domains_from_the_nlu_lift_matching_provisions(catalogue):
    results = catalogue.search("ik zoek koffie en gezelschap", domains=["social"])
    assert results
    assert all("social" in r.provision.domains for r in results)
    assert any(r.startswith("domain:") for r in results[0].reasons)


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "*",
        "klus*",
        "NEAR(klus hulp)",
        "-klus",
        "klus OR",
        "AND",
        "a:b",
        "'; DROP",
        "\x00",
        "🙂" * 10,
        "x" * 5000,
        "klus " * 1000,
        "",
        "   ",
        "^",
        "(((",
        "col:klus",
    ],
)
def test_odd_queries_never_error(catalogue, query):
    results = catalogue.search(query)
    assert isinstance(results, list)


def test_faq_entries_are_found(catalogue):
    (top,) = catalogue.search_faqs("wat is een keukentafelgesprek")
    assert top.entry.id == "faq-keukentafel"


def test_replacing_the_catalogue_replaces_the_index(catalogue):
    smaller = Bundle.model_validate(
        {
            "organizations": BUNDLE.model_dump()["organizations"],
            "services": [s for s in BUNDLE.model_dump()["services"] if s["id"] == "maatje"],
        }
    )
    catalogue.replace_all(smaller, changed_by="test")
    assert catalogue.search("schulden deurwaarder") == []
    assert len(catalogue) == 1


def test_ranking_scores_as_sqlite_fts5_bm25_would(tmp_path):
    """The in-memory ranking keeps FTS5's bm25() (title x3, body x1): same order, same
    scores, whichever database holds the rows."""
    import sqlite3

    from knowledge_base import search_index

    rows = [
        search_index.IndexRow("a", "service", "klus klussendienst", "klein klus in huis plank"),
        search_index.IndexRow("b", "service", "schuld", "hulp bij schuld en rekening rekening"),
        search_index.IndexRow("c", "service", "buurthuis", "koffie en klus met buren"),
        search_index.IndexRow("d", "faq", "wat is een klus", "een klus is een klein werk"),
        search_index.IndexRow("e", "service", "maatje", "bezoek als u alleen bent " * 5),
    ]
    db = sqlite3.connect(tmp_path / "fts.db")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(doc_id UNINDEXED, kind UNINDEXED, title, body)")
    db.executemany(
        "INSERT INTO t VALUES (?, ?, ?, ?)", [(r.doc_id, r.kind, r.title, r.body) for r in rows]
    )
    index = search_index.TermIndex(rows)
    for terms in (["klus"], ["klus", "plank"], ["schuld", "rekening", "klus"], ["alleen"]):
        match = " OR ".join(f'"{t}"' for t in terms)
        expected = db.execute(
            "SELECT doc_id, -bm25(t, 0.0, 0.0, 3.0, 1.0) AS s FROM t "
            "WHERE t MATCH ? AND kind = 'service' ORDER BY s DESC",
            (match,),
        ).fetchall()
        hits = index.search(terms, kind="service")
        assert [h.doc_id for h in hits] == [doc for doc, _ in expected]
        assert [h.score for h in hits] == pytest.approx([s for _, s in expected], rel=1e-9)
        assert all(set(h.matched) <= set(terms) and h.matched for h in hits)
    assert [h.doc_id for h in index.search(["klus"], kind="faq")] == ["d"]
    assert index.search(["onbekend"], kind="service") == []


def test_editors_find_provisions_by_any_form_of_the_words_in_their_text(catalogue):
    assert catalogue.containing("reparaties") == {"klus-oost"}
    assert catalogue.containing("reparatie") == {"klus-oost"}  # "reparaties" in the text
    assert catalogue.containing("rekening") == {"schuldhulp"}  # "rekeningen"
    assert catalogue.containing("schuld") == {"schuldhulp"}  # "schulden"
    assert catalogue.containing("activiteit") == {"buurthuis-centrum"}  # "activiteiten"
    assert catalogue.containing("klusbus reparatie") == {"klus-oost"}
    assert catalogue.containing("koffie") == {"buurthuis-centrum"}
    assert catalogue.containing("koffie schulden") == set()
    for odd in ('"; DROP -klus* NEAR(', "\x00", "", "x" * 5000, "de het een"):
        assert isinstance(catalogue.containing(odd), set)


def test_a_synonym_phrase_needs_all_its_words() -> None:
    """'nederlands leren' is in the language group; 'leren' alone (leren budgetteren)
    must not bring in the language course."""
    vocabulary = Vocabulary(["taalhuis", "budgetteren", "leren", "nederlands"])
    alone, _ = query_terms("ik wil leren budgetteren", vocabulary)
    together, _ = query_terms("ik wil nederlands leren", vocabulary)
    taalhuis = stem("taalhuis")
    assert taalhuis not in alone
    assert taalhuis in together
