"""The check that runs after the whole suite finds planted personal data, in any of its
written forms, and does not pass when there are no logs to look at."""

from __future__ import annotations

import pytest

from tests import personal_data
from tools.check_logs import check, main


def test_a_planted_value_is_found_where_it_is(tmp_path):
    (tmp_path / "clean.jsonl").write_text('{"message": "bel me op [telefoon]"}\n')
    (tmp_path / "leaky.jsonl").write_text(
        '{"message": "ok"}\n{"message": "bel ' + personal_data.PHONE + '"}\n'
    )
    assert check(tmp_path) == [f"{tmp_path / 'leaky.jsonl'}:2: {personal_data.PHONE!r}"]
    assert main([str(tmp_path)]) == 1


@pytest.mark.parametrize(
    "written",
    [
        "06-1234 5678",
        "06.12.34.56.78",
        "06%2012345678",
        "NL91 ABNA 0417 1643 00",
        "FATIMA@gmail.com",
    ],
)
def test_other_spellings_of_a_value_are_found(tmp_path, written):
    (tmp_path / "log.jsonl").write_text(f'{{"message": "{written}"}}\n')
    assert check(tmp_path)


def test_clean_logs_pass(tmp_path, capsys):
    (tmp_path / "a.jsonl").write_text('{"message": "mail [e-mail], iban [IBAN]"}\n')
    assert main([str(tmp_path)]) == 0
    assert "no personal data in 1 log files" in capsys.readouterr().out


def test_no_logs_is_a_failure_not_a_pass(tmp_path):
    assert main([str(tmp_path / "missing")]) == 1
    assert main([str(tmp_path)]) == 1  # there, but empty
    (tmp_path / "empty.jsonl").write_text("")
    assert main([str(tmp_path)]) == 1
