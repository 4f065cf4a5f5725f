"""Signing in to the console from a test, the way a browser does it."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(html: str) -> str:
    found = _TOKEN.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def sign_in(client: TestClient, username: str, password: str, next_url: str = "") -> object:
    page = client.get("/console/signin" + (f"?next={next_url}" if next_url else ""))
    return client.post(
        "/console/signin",
        data={
            "username": username,
            "password": password,
            "csrf_token": csrf_token(page.text),
            "next": next_url,
        },
        follow_redirects=False,
    )


def as_user(client: TestClient, logins: dict, username: str) -> TestClient:
    """The same client, signed in afresh as one of the demo accounts."""
    client.cookies.clear()
    sign_in(client, username, logins[username].password)
    return client
