"""Every answer carries the browser's protections: CSP, framing, nosniff, referrer and
permissions policies, HSTS over HTTPS (directly or from a trusted proxy), no-store where
there is personal data; and nothing we serve relies on inline scripts or styles."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.web.app import create_app
from tests.conftest import make_app

ROOT = Path(__file__).resolve().parents[3]
PUBLIC_PATHS = ["/healthz", "/api/v1/widget/config", "/widget.js", "/openapi.json", "/nope"]


@pytest.fixture
def serve(sqlite_url, tmp_path, analyzer, clock):
    made = []

    def build(client=("192.0.2.10", 40000), base_url="http://testserver", **settings):
        application = make_app(sqlite_url, tmp_path, analyzer, clock, **settings)
        made.append(application)
        return TestClient(create_app(application), client=client, base_url=base_url)

    yield build
    for application in made:
        application.close()


def policy(response) -> dict[str, str]:
    """The CSP's directives by name."""
    parts = (
        p.strip().split(" ", 1) for p in response.headers["content-security-policy"].split(";")
    )
    return {p[0]: p[1] if len(p) > 1 else "" for p in parts if p[0]}


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_every_answer_has_the_basic_protections(serve, path):
    response = serve().get(path)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response.headers["permissions-policy"]
    directives = policy(response)
    assert directives["frame-ancestors"] == "'self'"
    assert "unsafe-inline" not in directives.get("script-src", "")
    assert response.headers["x-frame-options"] == "SAMEORIGIN"
    assert "strict-transport-security" not in response.headers  # plain HTTP


def test_the_chat_api_is_never_cached_but_the_widget_script_is(serve):
    client = serve()
    started = client.post("/api/v1/conversations")
    assert started.headers["cache-control"] == "no-store"
    conversation = started.json()
    log = client.get(
        f"/api/v1/conversations/{conversation['id']}/messages",
        headers={"Authorization": f"Bearer {conversation['token']}"},
    )
    assert log.headers["cache-control"] == "no-store"
    assert client.get("/api/v1/tickets").headers["cache-control"] == "no-store"
    assert client.get("/widget.js").headers["cache-control"].startswith("public")


def test_hsts_only_over_https(serve):
    assert "strict-transport-security" not in serve().get("/healthz").headers
    direct = serve(base_url="https://testserver").get("/healthz")
    assert direct.headers["strict-transport-security"].startswith("max-age=")


def test_a_trusted_proxy_says_the_request_came_over_https_and_a_stranger_cannot(serve):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.5"}
    proxied = serve(client=("127.0.0.1", 40000)).get("/healthz", headers=forwarded)
    assert "strict-transport-security" in proxied.headers
    stranger = serve(client=("198.51.100.7", 40000)).get("/healthz", headers=forwarded)
    assert "strict-transport-security" not in stranger.headers
    elsewhere = serve(client=("10.1.2.3", 40000), trusted_proxies="10.0.0.0/8")
    assert "strict-transport-security" in elsewhere.get("/healthz", headers=forwarded).headers


def test_the_console_is_never_framed_whatever_the_setting(serve):
    client = serve(frame_ancestors="https://intranet.lindenhaven.nl 'self'")
    api = client.get("/healthz")
    assert policy(api)["frame-ancestors"] == "https://intranet.lindenhaven.nl 'self'"
    # The old header cannot name a list of sites: left out, CSP decides.
    assert "x-frame-options" not in api.headers
    for path in ("/console/signin", "/console", "/console/static/console.css"):
        response = client.get(path, follow_redirects=False)
        assert policy(response)["frame-ancestors"] == "'none'", path
        assert response.headers["x-frame-options"] == "DENY", path
        assert response.headers["referrer-policy"] == "same-origin", path
    assert client.get("/console/signin").headers["cache-control"] == "no-store"
    assert "no-store" not in client.get("/console/static/console.css").headers.get(
        "cache-control", ""
    )


def test_the_demo_page_keeps_its_own_stricter_policy(serve):
    page = serve().get("/")
    directives = policy(page)
    assert directives["default-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert page.headers["x-frame-options"] == "DENY"


def test_refusals_made_outside_the_routes_carry_the_headers_too(serve):
    too_large = serve().post(
        "/api/v1/conversations",
        content=b"x" * (300 * 1024),
        headers={"Content-Type": "application/json"},
    )
    assert too_large.status_code == 413
    assert too_large.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors" in too_large.headers["content-security-policy"]


def test_the_api_docs_run_their_inline_start_script_by_its_hash_only(serve):
    page = serve().get("/api/docs")
    assert page.status_code == 200
    scripts = re.findall(r"<script>(.*?)</script>", page.text, re.DOTALL)
    assert scripts, "FastAPI's Swagger page has an inline start script"
    directives = policy(page)
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in directives["script-src"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert int(page.headers["content-length"]) == len(page.content)


def test_the_api_docs_load_nothing_from_another_site(serve):
    """Swagger UI came from a CDN, without subresource integrity; now from this server."""
    client = serve()
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert "http" not in page.text, "a URL with a host in the docs page"
    assert "//" not in "".join(re.findall(r'(?:src|href)="([^"]*)"', page.text))
    assert not [d for d in policy(page).values() if "http" in d], policy(page)
    assert policy(page)["style-src"] == "'self'"
    script = re.search(r'<script src="([^"]+)"', page.text)
    style = re.search(r'<link type="text/css" rel="stylesheet" href="([^"]+)"', page.text)
    assert script
    assert style
    for url, kind, marker in (
        (script.group(1), "javascript", b"SwaggerUIBundle"),
        (style.group(1), "text/css", b".swagger-ui"),
    ):
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert kind in asset.headers["content-type"], url
        assert marker in asset.content, url
        assert asset.headers["x-content-type-options"] == "nosniff"


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE), "an inline <script>"),
    (re.compile(r"<style\b", re.IGNORECASE), "a <style> block"),
    (re.compile(r"\sstyle\s*=", re.IGNORECASE), "a style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.IGNORECASE), "an event handler attribute"),
    (re.compile(r"javascript:", re.IGNORECASE), "a javascript: link"),
]


@pytest.mark.parametrize(
    "template",
    sorted((ROOT / "bot").glob("**/templates/*.html")),
    ids=lambda p: p.relative_to(ROOT).as_posix(),
)
def test_no_template_relies_on_inline_script_or_style(template):
    # A <script type="application/json"> holds data, not code: CSP does not run it.
    text = re.sub(
        r'<script type="application/json"[^>]*>.*?</script>',
        "",
        template.read_text(),
        flags=re.DOTALL,
    )
    found = [what for pattern, what in INLINE if pattern.search(text)]
    assert found == [], f"{template.name}: {found}; move it to a static file"
