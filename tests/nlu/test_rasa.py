"""Rasa as the alternative backend: export, train DIET, classify through a real server."""

from __future__ import annotations

import os

import pytest
import yaml

from nlu import Route, load_analyzer
from nlu.rasa import RasaAnalyzer
from nlu.rasa_export import export_project
from tests.conftest import NLU_CACHE
from tests.nlu.rasa_server import rasa_available, rasa_server, trained_model


def test_export_writes_a_complete_multi_intent_project(tmp_path):
    intents = export_project(tmp_path)
    config = yaml.safe_load((tmp_path / "config.yml").read_text())
    tokenizer = config["pipeline"][0]
    assert tokenizer["intent_tokenization_flag"] is True
    assert tokenizer["intent_split_symbol"] == "+"
    assert any(step["name"] == "DIETClassifier" for step in config["pipeline"])
    domain = yaml.safe_load((tmp_path / "domain.yml").read_text())
    assert domain["intents"] == intents
    assert any("+" in name for name in intents)
    assert sorted(p.name for p in (tmp_path / "data").iterdir())


def test_an_unreachable_rasa_falls_back_to_the_embedded_backend(caplog):
    # The test run's cached model: the fallback loads it rather than training its own.
    analyzer = load_analyzer("rasa", rasa_url="http://127.0.0.1:9", cache_dir=NLU_CACHE)
    assert analyzer.name == "embedded"
    assert "not reachable" in caplog.text


@pytest.fixture(scope="module")
def rasa_url():
    if not rasa_available():
        if os.environ.get("CI"):
            pytest.fail("CI must run the Rasa tests: `make test` builds .venv-rasa")
        pytest.skip("no .venv-rasa (make rasa-env)")
    with rasa_server(trained_model()) as server:
        yield server.url


@pytest.mark.rasa
@pytest.mark.slow
def test_classifying_through_a_real_rasa_server(rasa_url, analyzer):
    rasa = RasaAnalyzer(rasa_url, fallback=None)
    # Closed at the end: a kept-alive connection left to the garbage collector is reported
    # as an unraisable ResourceWarning in whichever test runs then, and fails that test.
    try:
        rasa.check()
        money = rasa.analyze("ik heb schulden en de deurwaarder staat bijna voor de deur")
        assert money.backend == "rasa"
        assert "money" in money.domains
        crisis = rasa.analyze("ik wil niet meer leven")
        assert crisis.route is Route.CRISIS
        hello = rasa.analyze("hallo")
        assert hello.route is Route.OTHER
        assert hello.domains == ()
    finally:
        rasa.close()
