"""The chat widget's server side over HTTP: its files, its configuration in both
languages, CORS for listed websites only, the demo page's Content-Security-Policy, and
the widget's message catalogs."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import pytest
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from bot.platform.i18n import LOCALE_DIR
from bot.platform.settings import SettingsError, load_settings
from bot.web.app import create_app
from bot.web.widget import STRINGS
from tests.conftest import make_app

SITE = "https://www.lindenhaven.example"


@pytest.fixture
def widget_client(sqlite_url, tmp_path, analyzer, clock) -> Iterator[TestClient]:
    application = make_app(
        sqlite_url,
        tmp_path,
        analyzer,
        clock,
        widget_origins=f"{SITE}, https://wijkteams.lindenhaven.example/",
        widget_color="#8A1538",
    )
    with TestClient(create_app(application), raise_server_exceptions=False) as client:
        yield client
    application.close()


def test_the_script_and_stylesheet_are_served_small_gzipped_and_cacheable(widget_client):
    script = widget_client.get("/widget.js", headers={"Accept-Encoding": "gzip"})
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert script.headers["content-encoding"] == "gzip"
    assert script.headers["x-content-type-options"] == "nosniff"
    assert script.headers["cross-origin-resource-policy"] == "cross-origin"
    # The whole widget, code and all its actions, in the size of a small image.
    assert len(gzip.compress(script.content)) < 14_000
    again = widget_client.get("/widget.js", headers={"If-None-Match": script.headers["etag"]})
    assert again.status_code == 304
    style = widget_client.get("/widget.css")
    assert style.headers["content-type"].startswith("text/css")
    assert ".vw-launcher" in style.text
    # Nothing in the script parses text as HTML or evaluates strings.
    source = script.text
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "eval(", "new Function"):
        assert forbidden not in source


@pytest.mark.parametrize(
    ("asked", "locale", "send", "welcome"),
    [
        ("nl", "nl", "Verstuur", "Vragen over zorg"),
        ("en", "en", "Send", "Questions about care"),
        ("fr", "nl", "Verstuur", "Vragen over zorg"),
        (None, "nl", "Verstuur", "Vragen over zorg"),
    ],
)
def test_the_configuration_speaks_the_asked_language(widget_client, asked, locale, send, welcome):
    params = {"locale": asked} if asked else {}
    config = widget_client.get("/api/v1/widget/config", params=params).json()
    assert config["locale"] == locale
    assert config["municipality"] == "Lindenhaven"
    assert config["color"] == "#8A1538"
    assert config["max_chars"] == 10_000
    assert config["languages"] == {"nl": "Nederlands", "en": "English"}
    assert config["strings"]["send"] == send
    assert config["welcome"].startswith(welcome)
    assert set(config["strings"]) == set(STRINGS)
    assert config["strings"]["title"].endswith("{municipality}")


def test_a_listed_website_may_call_the_chat_api(widget_client):
    preflight = widget_client.options(
        "/api/v1/conversations/abc/messages",
        headers={
            "Origin": SITE,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == SITE
    assert "Authorization" in preflight.headers["access-control-allow-headers"]
    assert "access-control-allow-credentials" not in preflight.headers

    started = widget_client.post("/api/v1/conversations", headers={"Origin": SITE})
    assert started.status_code == 201
    assert started.headers["access-control-allow-origin"] == SITE
    assert "Origin" in started.headers["vary"]
    # Errors too, or the widget could not tell an expired conversation from a network fault.
    refused = widget_client.get(
        f"/api/v1/conversations/{started.json()['id']}/messages",
        headers={"Origin": SITE, "Authorization": "Bearer wrong"},
    )
    assert refused.status_code == 401
    assert refused.headers["access-control-allow-origin"] == SITE
    config = widget_client.get(
        "/api/v1/widget/config", headers={"Origin": "https://wijkteams.lindenhaven.example"}
    )
    assert config.headers["access-control-allow-origin"] == "https://wijkteams.lindenhaven.example"


@pytest.mark.parametrize(
    ("origin", "path"),
    [
        ("https://evil.example", "/api/v1/conversations"),
        ("http://www.lindenhaven.example", "/api/v1/conversations"),  # not https
        (SITE, "/api/v1/tickets"),  # the teams' API is not for browsers
        (SITE, "/console/signin"),
    ],
)
def test_other_websites_and_other_paths_get_no_cors(widget_client, origin, path):
    preflight = widget_client.options(
        path, headers={"Origin": origin, "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in preflight.headers
    assert preflight.status_code in {403, 405}
    response = widget_client.get(path, headers={"Origin": origin})
    assert "access-control-allow-origin" not in response.headers


def test_the_demo_page_runs_under_a_strict_content_security_policy(widget_client):
    page = widget_client.get("/")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self';" in policy
    assert "style-src 'self';" in policy
    assert "unsafe" not in policy
    assert page.headers["x-frame-options"] == "DENY"
    html = page.text
    assert "Gemeente Lindenhaven" in html
    assert "Zorg en ondersteuning" in html
    assert '<script src="/widget.js"' in html
    for inline in ("<style", " style=", "onclick", "<script>"):
        assert inline not in html
    assert widget_client.get("/demo/site.css").status_code == 200


def test_a_bad_widget_origin_is_one_clear_line():
    with pytest.raises(SettingsError) as info:
        load_settings(widget_origins="https://ok.example, www.lindenhaven.nl")
    assert str(info.value).startswith("VRAAGWIJZER_WIDGET_ORIGINS: 'www.lindenhaven.nl'")
    with pytest.raises(SettingsError, match="VRAAGWIJZER_WIDGET_COLOR"):
        load_settings(widget_color="blue")
    assert load_settings(widget_origins="https://A.example/").widget_origin_list == (
        "https://a.example",
    )


def test_the_widget_catalogs_are_complete_and_up_to_date():
    from babel.messages.extract import extract_from_dir

    found = extract_from_dir(
        str(LOCALE_DIR.parent / "web"),
        method_map=[("widget.py", "python"), ("**", "ignore")],
        keywords={"widget_text": None},
    )
    fresh = {message for _, _, message, _, _ in found}
    with (LOCALE_DIR / "widget.pot").open("rb") as fh:
        template = {m.id for m in read_po(fh) if m.id}
    assert fresh == template, "run `make messages`"
    with (LOCALE_DIR / "nl" / "LC_MESSAGES" / "widget.po").open("rb") as fh:
        dutch = read_po(fh, locale="nl")
    for msgid in template:
        translated = dutch.get(msgid)
        assert translated is not None, msgid
        assert translated.string, msgid
        assert not translated.fuzzy, msgid
        assert ("%(municipality)s" in msgid) == ("%(municipality)s" in translated.string)
