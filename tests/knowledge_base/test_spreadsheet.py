"""The editors' spreadsheet (CSV): every problem with its row and column, nothing guessed."""

from __future__ import annotations

import pytest

from knowledge_base import FileFormat, read_file, write_file
from knowledge_base.io import DEMO_DIR, MAX_FILE_BYTES, read_bundle
from knowledge_base.spreadsheet import SERVICE_COLUMNS, read_csv, write_csv

HEADER = (
    "id;name;organization;organization_name;service_types;access;summary;description;"
    "audience;cost;cost_amount;cost_unit;how_to_apply;address;postcode;city;walk_in;"
    "opening_hours;keywords;last_reviewed"
)
ROW = (
    "klusdienst;Klusdienst Lindenhaven;welzijn;Stichting Welzijn;klussendienst;open;"
    "Vrijwilligers helpen met kleine klussen.;Een lamp ophangen of een kraan maken.;"
    "Iedereen in de gemeente.;fixed;2,50;per klus;Bel de klusdienst.;Lindenplein 4;4101AB;"
    "Lindenhaven;ja;ma-wo 09:00-12:00; vr 9.00-12.00, 13:00-16:00;klusjes, lamp;1-3-2026"
)


def csv_text(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def quoted(row: str) -> str:
    """The opening-hours cell holds semicolons; a spreadsheet program quotes it."""
    return row.replace(
        "ma-wo 09:00-12:00; vr 9.00-12.00, 13:00-16:00",
        '"ma-wo 09:00-12:00; vr 9.00-12.00, 13:00-16:00"',
    )


def test_a_row_reads_with_dutch_amounts_dates_day_ranges_and_yes():
    bundle, problems = read_csv(csv_text(quoted(ROW)))
    assert problems == []
    assert bundle is not None
    (service,) = bundle.services
    assert str(service.cost.amount) == "2.50"
    assert service.location is not None
    assert service.location.postcode == "4101 AB"
    assert service.location.walk_in is True
    assert [(o.day, o.opens, o.closes) for o in service.schedule] == [
        ("monday", "09:00", "12:00"),
        ("tuesday", "09:00", "12:00"),
        ("wednesday", "09:00", "12:00"),
        ("friday", "09:00", "12:00"),
        ("friday", "13:00", "16:00"),
    ]
    assert service.keywords == ["klusjes", "lamp"]
    assert service.last_reviewed is not None
    assert service.last_reviewed.isoformat() == "2026-03-01"
    assert [(o.id, o.name) for o in bundle.organizations] == [("welzijn", "Stichting Welzijn")]


def test_comma_separated_files_read_too():
    text = csv_text(quoted(ROW)).replace(";", ",")
    # Commas inside cells are quoted by the spreadsheet program.
    bundle, problems = read_csv(
        text.replace(
            '"ma-wo 09:00-12:00, vr 9.00-12.00, 13:00-16:00"',
            '"ma-wo 09:00-12:00; vr 9.00-12.00, 13:00-16:00"',
        )
        .replace("2,50", '"2,50"')
        .replace("klusjes, lamp", '"klusjes, lamp"')
    )
    assert problems == []
    assert bundle is not None
    assert bundle.services[0].cost.amount is not None


@pytest.mark.parametrize(
    ("old", "new", "column", "message"),
    [
        ("4101AB", "1234", "postcode", "not a Dutch postcode"),
        ("klussendienst;", "toverdienst;", "service_types", "unknown service type toverdienst"),
        ("ma-wo 09:00-12:00", "ma 25:00-26:00", "opening_hours", "not a time like 09:30"),
        ("ma-wo 09:00-12:00", "ma 14:00-12:00", "opening_hours", "opens at 14:00 but closes"),
        ("13:00-16:00", "11:00-16:00", "opening_hours", "overlap on friday"),
        ("ma-wo 09:00", "maandagochtend 09:00", "opening_hours", "not a day"),
        (";open;", ";verwijzing;", "access", "'open', 'referral' or 'emergency'"),
        ("2,50", "twee euro", "cost_amount", "not an amount"),
        (";ja;", ";misschien;", "walk_in", "not ja or nee"),
        ("1-3-2026", "31-2-2026", "last_reviewed", "not a date"),
        ("fixed;2,50", "fixed;", "cost", "a fixed cost needs an amount"),
    ],
)
def test_each_problem_names_its_row_and_column(old, new, column, message):
    row = quoted(ROW)
    assert old in row
    bundle, problems = read_csv(
        csv_text(quoted(ROW), row.replace(old, new).replace("klusdienst;Klus", "klus-2;Klus"))
    )
    assert bundle is None
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"row 3 (id klus-2), column {column}: "), problems
    assert message in problems[0]


def test_missing_unknown_and_doubled_columns_are_reported_on_row_1():
    header = HEADER.replace("summary;", "").replace("address", "adress") + ";city"
    _, problems = read_csv(csv_text(header=header))
    assert any("unknown column(s) adress" in p for p in problems)
    assert any("missing required column(s) summary" in p for p in problems)
    assert any("city appear more than once" in p for p in problems)
    assert all(p.startswith("row 1:") for p in problems)


def test_duplicate_ids_point_at_both_rows_and_multiline_cells_keep_the_numbering():
    multiline = quoted(ROW).replace(
        "Een lamp ophangen of een kraan maken.", '"Een lamp ophangen.\nOf een kraan maken."'
    )
    _, problems = read_csv(csv_text(multiline, quoted(ROW).replace("4101AB", "0000")))
    assert problems == [
        "row 3 (id klusdienst): duplicate id, also on row 2",
    ]


def test_a_row_with_more_cells_than_columns_is_refused():
    _, problems = read_csv(csv_text(quoted(ROW) + ";extra"))
    assert problems == ["row 2 (id klusdienst): more cells than there are columns"]


def test_one_organisation_with_two_names_is_a_problem():
    second = (
        quoted(ROW).replace("klusdienst;", "klus-2;", 1).replace("Stichting Welzijn", "Welzijn BV")
    )
    _, problems = read_csv(csv_text(quoted(ROW), second))
    assert len(problems) == 1
    assert "column organization_name: 'Welzijn BV' differs" in problems[0]


def test_empty_rows_are_skipped_and_an_empty_file_is_a_problem():
    bundle, problems = read_csv(csv_text(quoted(ROW), ";;;;", ""))
    assert problems == []
    assert bundle is not None
    assert len(bundle.services) == 1
    assert read_csv("")[1] == ["row 1: the file is empty"]


def test_windows_1252_from_excel_reads_with_a_note(tmp_path):
    path = tmp_path / "excel.csv"
    row = quoted(ROW).replace("Klusdienst Lindenhaven", "Klusdienst Café Overië")
    path.write_bytes(csv_text(row).encode("cp1252"))
    result = read_file(path)
    assert result.problems == []
    assert result.bundle is not None
    assert result.bundle.services[0].name == "Klusdienst Café Overië"
    assert "Windows-1252" in result.notes[0]


def test_bytes_that_are_no_known_encoding_are_a_clear_problem(tmp_path):
    path = tmp_path / "binary.csv"
    path.write_bytes(b"id;name\n\x81\x8d\x8f\x90\xff\xfe\n")
    result = read_file(path)
    assert result.bundle is None
    assert "neither UTF-8 nor Windows-1252" in result.problems[0]


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    assert MAX_FILE_BYTES < 50 * 1024 * 1024
    result = read_file(path)
    assert result.bundle is None
    assert result.problems == [
        "huge.csv: the file is 50.0 MB; the limit is 40 MB. Split it, or leave out what is "
        "not catalogue data."
    ]


def test_a_thousand_bad_rows_give_a_bounded_report(tmp_path):
    rows = [
        quoted(ROW).replace("klusdienst;", f"k{i};", 1).replace("4101AB", "0") for i in range(1000)
    ]
    path = tmp_path / "bad.csv"
    path.write_text(csv_text(*rows), encoding="utf-8")
    result = read_file(path)
    assert len(result.problems) == 201
    assert result.problems[-1] == "... and 800 more problem(s)"


def test_the_demo_catalogue_survives_a_round_trip_through_the_spreadsheet(tmp_path):
    bundle = read_bundle(DEMO_DIR)
    written = write_file(bundle, tmp_path / "catalogue.csv")
    assert [p.name for p in written] == ["catalogue.csv", "catalogue-faqs.csv"]
    services = read_file(written[0]).bundle
    faqs = read_file(written[1]).bundle
    assert services is not None
    assert faqs is not None
    original = {
        s.id: s.model_copy(update={"domains": s.resolved_domains()}) for s in bundle.services
    }
    again = {
        s.id: s.model_copy(update={"domains": s.resolved_domains()}) for s in services.services
    }
    assert again == original
    assert faqs.faqs == bundle.faqs
    names = {o.id: o.name for o in bundle.organizations}
    assert {o.id: o.name for o in services.organizations} == {
        s.organization: names[s.organization] for s in bundle.services
    }


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_defused_and_read_back():
    bundle, _ = read_csv(csv_text(quoted(ROW)))
    assert bundle is not None
    service = bundle.services[0].model_copy(update={"summary": '=HYPERLINK("x") en meer'})
    text = write_csv(bundle.model_copy(update={"services": [service]}))
    assert "'=HYPERLINK" in text
    again, problems = read_csv(text)
    assert problems == []
    assert again is not None
    assert again.services[0].summary == '=HYPERLINK("x") en meer'


def test_the_written_header_is_the_documented_one():
    assert write_csv(read_bundle(DEMO_DIR)).splitlines()[0] == ";".join(SERVICE_COLUMNS)


def test_the_format_follows_the_file_name(tmp_path):
    from knowledge_base import guess_format

    assert guess_format(tmp_path / "a.CSV") is FileFormat.CSV
    assert guess_format(tmp_path / "a.yml") is FileFormat.YAML
    assert guess_format(tmp_path / "a.json") is FileFormat.HSDS
    with pytest.raises(ValueError, match="cannot tell the format"):
        guess_format(tmp_path / "a.xlsx")


def test_quotes_late_in_the_file_and_apostrophes_read_as_a_spreadsheet_means_them():
    rows = [quoted(ROW).replace("klusdienst;", f"k{i};", 1) for i in range(60)]
    late = quoted(ROW).replace("klusdienst;", "laat;", 1)
    late = late.replace(
        "Een lamp ophangen of een kraan maken.", '"Wij helpen met ""alles""; echt waar."'
    )
    apostrophe = quoted(ROW).replace("klusdienst;", "avond;", 1)
    apostrophe = apostrophe.replace("Bel de klusdienst.", "Bel 's avonds de klusdienst.")
    bundle, problems = read_csv(csv_text(*rows, late, apostrophe))
    assert problems == []
    assert bundle is not None
    by_id = {s.id: s for s in bundle.services}
    assert by_id["laat"].description == 'Wij helpen met "alles"; echt waar.'
    assert by_id["avond"].how_to_apply == "Bel 's avonds de klusdienst."


def test_blank_rows_count_in_the_row_numbers():
    _, problems = read_csv(csv_text("", quoted(ROW).replace("4101AB", "0000")))
    assert problems[0].startswith("row 3 (id klusdienst), column postcode")


@pytest.mark.parametrize(
    ("old", "new", "column"),
    [
        ("Lindenplein 4;", "Lindenplein 4;", "min_age"),
        ("Klusdienst Lindenhaven", "Klus\x00dienst", ""),
    ],
)
def test_odd_characters_are_problems_not_crashes(old, new, column):
    header = HEADER + ";min_age;phone"
    row = quoted(ROW).replace(old, new) + ";²;" + "0" * 60
    _, problems = read_csv(csv_text(row, header=header))
    assert problems
    assert any("not a whole number" in p for p in problems)
    assert any("column phone" in p for p in problems)
    if "\x00" in new:
        assert any("column name: contains a NUL character" in p for p in problems)
