"""The push stream (Server-Sent Events) against a real server on loopback."""

from __future__ import annotations

import contextlib
import json
import queue
import threading
import time

import httpx

from bot.web import chat_api
from bot.web.app import create_app
from tests.servers import live_server


def _read_events(url, headers, sink, stop):
    with contextlib.suppress(httpx.HTTPError):  # the server shuts down after the test
        _read(url, headers, sink, stop)


def _read(url, headers, sink, stop):
    with (
        httpx.Client(timeout=httpx.Timeout(10.0)) as http,
        http.stream("GET", url, headers=headers) as response,
    ):
        sink.put(("status", response.status_code))
        event: dict[str, str] = {}
        for line in response.iter_lines():
            if stop.is_set():
                return
            if not line:
                if "data" in event:
                    sink.put(("event", event))
                event = {}
                continue
            key, _, value = line.partition(": ")
            event[key] = value


def _collect(sink, count, timeout=10.0):
    found = []
    while len(found) < count:
        kind, value = sink.get(timeout=timeout)
        if kind == "event":
            found.append(value)
    return found


def test_stream_delivers_new_messages_and_resumes_after_last_event_id(app):
    with live_server(create_app(app)) as base, httpx.Client(base_url=base, timeout=10) as http:
        conversation = http.post("/api/v1/conversations").json()
        headers = {"Authorization": f"Bearer {conversation['token']}"}
        stream_url = f"{base}/api/v1/conversations/{conversation['id']}/stream"

        sink: queue.Queue = queue.Queue()
        stop = threading.Event()
        reader = threading.Thread(
            target=_read_events, args=(stream_url, headers, sink, stop), daemon=True
        )
        reader.start()
        assert sink.get(timeout=10) == ("status", 200)
        (welcome,) = _collect(sink, 1)
        assert json.loads(welcome["data"])["sender"] == "bot"

        http.post(
            f"/api/v1/conversations/{conversation['id']}/messages",
            json={"text": "hallo"},
            headers=headers,
        )
        resident, reply = _collect(sink, 2)
        assert json.loads(resident["data"])["text"] == "hallo"
        assert json.loads(reply["data"])["sender"] == "bot"
        assert int(welcome["id"]) < int(resident["id"]) < int(reply["id"])
        stop.set()

        # A reconnect with Last-Event-ID gets only what came after it.
        resumed: queue.Queue = queue.Queue()
        stop2 = threading.Event()
        threading.Thread(
            target=_read_events,
            args=(stream_url, {**headers, "Last-Event-ID": resident["id"]}, resumed, stop2),
            daemon=True,
        ).start()
        assert resumed.get(timeout=10) == ("status", 200)
        (only,) = _collect(resumed, 1)
        assert only["id"] == reply["id"]
        stop2.set()


def test_stream_needs_the_token(app):
    with live_server(create_app(app)) as base, httpx.Client(base_url=base, timeout=10) as http:
        conversation = http.post("/api/v1/conversations").json()
        response = http.get(f"/api/v1/conversations/{conversation['id']}/stream")
        assert response.status_code == 401


def _open_stream(http, base):
    """A new conversation and a reader of its stream that has seen the welcome."""
    conversation = http.post("/api/v1/conversations").json()
    headers = {"Authorization": f"Bearer {conversation['token']}"}
    stream_url = f"{base}/api/v1/conversations/{conversation['id']}/stream"
    sink: queue.Queue = queue.Queue()
    reader = threading.Thread(
        target=_read_events, args=(stream_url, headers, sink, threading.Event()), daemon=True
    )
    reader.start()
    assert sink.get(timeout=10) == ("status", 200)
    _collect(sink, 1)
    return conversation["id"], headers, stream_url, reader


def test_the_stream_ends_as_soon_as_its_conversation_is_deleted(app):
    """Was open until the client left: a deleted conversation's stream kept its
    connection and its keep-alives."""
    with live_server(create_app(app)) as base, httpx.Client(base_url=base, timeout=10) as http:
        conversation, headers, stream_url, reader = _open_stream(http, base)
        deleted = time.monotonic()
        assert (
            http.delete(f"/api/v1/conversations/{conversation}", headers=headers).status_code == 204
        )
        reader.join(timeout=chat_api.KEEPALIVE_SECONDS / 3)
        assert not reader.is_alive(), "the stream stayed open after the deletion"
        assert time.monotonic() - deleted < chat_api.KEEPALIVE_SECONDS / 3
        # The browser's reconnect is told it is gone, and stops.
        assert http.get(stream_url, headers=headers).status_code == 404


def test_a_stream_whose_conversation_went_without_a_word_ends_at_its_keepalive(app, monkeypatch):
    """Deleted without an announcement (the retention purge): found at the next wake-up."""
    monkeypatch.setattr(chat_api, "KEEPALIVE_SECONDS", 0.5)
    with live_server(create_app(app)) as base, httpx.Client(base_url=base, timeout=10) as http:
        conversation, _, _, reader = _open_stream(http, base)
        assert app.conversations.forget(conversation)
        reader.join(timeout=5)
        assert not reader.is_alive(), "the stream stayed open after the deletion"
