"""Prometheus metrics of one application: what residents ask, how it is answered, how
fast, and what waits in the outbox.

Each ``Application`` owns a ``CollectorRegistry`` (never prometheus-client's global one),
so tests that build several applications in one process count separately. Labels take
only values from small fixed sets (channel, route, kind of reply, route template): never a
path, an id or anything a resident wrote.

Several server processes: Prometheus scrapes each process that has an address of its
own. ``vraagwijzer serve --workers N`` runs N processes behind one port, where a scrape
would reach any one of them; there the processes write their values to files in a shared
directory (prometheus-client's multiprocess mode, ``PROMETHEUS_MULTIPROC_DIR``, which
``serve`` sets up) and each scrape adds up all of them.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.gc_collector import GCCollector
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.platform_collector import PlatformCollector
from prometheus_client.process_collector import ProcessCollector
from prometheus_client.registry import Collector

from bot.conversation import Answered, Reply, is_handoff_state
from bot.platform.clock import Clock
from bot.referrals.outbox import Outbox
from handoff import TicketView

logger = logging.getLogger(__name__)

MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"
CONTENT_TYPE = CONTENT_TYPE_LATEST


class Metrics:
    def __init__(self, *, multiprocess_dir: str | None = None) -> None:
        self.registry = CollectorRegistry()
        self._multiprocess_dir = multiprocess_dir
        self._collectors: list[Collector] = []
        registry = self.registry
        self.messages = Counter(
            "vraagwijzer_messages_received",
            "Resident messages received and answered, by channel and kind (text, button).",
            ["channel", "kind"],
            registry=registry,
        )
        self.replies = Counter(
            "vraagwijzer_replies",
            "Replies of the assistant, by route (crisis; handoff, also every step of a "
            "referral; else what the NLU understood: answer, other; button for another "
            "button press) and by kind (provisions, ticket, not_understood, text).",
            ["route", "kind"],
            registry=registry,
        )
        self.crisis = Counter(
            "vraagwijzer_crisis_replies",
            "Messages answered with emergency numbers, by kind of crisis.",
            ["kind"],
            registry=registry,
        )
        self.handoffs = Counter(
            "vraagwijzer_handoffs",
            "Referrals (tickets) made for a district team from a conversation, by urgency.",
            ["urgency"],
            registry=registry,
        )
        self.reply_seconds = Histogram(
            "vraagwijzer_reply_seconds",
            "Time from receiving a resident's message to its stored replies, by channel.",
            ["channel"],
            registry=registry,
        )
        self.http_seconds = Histogram(
            "vraagwijzer_http_request_duration_seconds",
            "HTTP requests by method, route template and status (streams excluded).",
            ["method", "route", "status"],
            registry=registry,
        )
        self.open_streams = Gauge(
            "vraagwijzer_open_streams",
            "Server-Sent Event streams open now (chat widget, console).",
            registry=registry,
            multiprocess_mode="livesum",
        )
        if multiprocess_dir is None:
            # In multiprocess mode one process's figures would be mistaken for all.
            ProcessCollector(registry=registry)
            PlatformCollector(registry=registry)
            GCCollector(registry=registry)

    @classmethod
    def for_process(cls) -> Metrics:
        """Multiprocess mode when ``serve --workers`` (or the operator) set its directory."""
        return cls(multiprocess_dir=os.environ.get(MULTIPROCESS_ENV) or None)

    def answered(self, answered: Answered) -> None:
        kind = "button" if answered.button else "text"
        self.messages.labels(answered.channel, kind).inc()
        route = reply_route(answered)
        for reply in answered.replies:
            self.replies.labels(route, reply_kind(reply)).inc()
        if answered.route == "crisis" and answered.replies:
            self.crisis.labels(answered.crisis or "unspecified").inc()
        self.reply_seconds.labels(answered.channel).observe(answered.seconds)

    def ticket_created(self, ticket: TicketView) -> None:
        self.handoffs.labels(ticket.urgency.value).inc()

    def request_done(self, method: str, route: str, status: int, seconds: float) -> None:
        self.http_seconds.labels(method, route, str(status)).observe(seconds)

    def watch_outbox(self, outbox: Outbox, clock: Clock) -> None:
        self._add(OutboxCollector(outbox, clock))

    def exposition(self) -> bytes:
        """The metrics in Prometheus' text format (read at scrape time)."""
        if self._multiprocess_dir is None:
            return generate_latest(self.registry)
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=self._multiprocess_dir)  # type: ignore[no-untyped-call]
        for collector in self._collectors:
            registry.register(collector)
        return generate_latest(registry)

    def _add(self, collector: Collector) -> None:
        self._collectors.append(collector)
        self.registry.register(collector)


def reply_route(answered: Answered) -> str:
    if answered.route == "crisis":
        return "crisis"
    if is_handoff_state(answered.state):
        return "handoff"
    return answered.route or "button"


def reply_kind(reply: Reply) -> str:
    if reply.ticket is not None:
        return "ticket"
    if reply.cards:
        return "provisions"
    if reply.fell_short:
        return "not_understood"
    return "text"


class OutboxCollector(Collector):
    """The outbox's backlog, read from the database at each scrape (so every process
    reports the same, whole backlog)."""

    def __init__(self, outbox: Outbox, clock: Clock) -> None:
        self._outbox = outbox
        self._clock = clock

    def collect(self) -> Iterator[Metric]:
        try:
            backlog = self._outbox.backlog()
        except Exception:
            logger.warning("metrics: could not read the outbox backlog", exc_info=True)
            return
        yield GaugeMetricFamily(
            "vraagwijzer_outbox_waiting", "Notifications waiting to be sent.", backlog.waiting
        )
        yield GaugeMetricFamily(
            "vraagwijzer_outbox_failing",
            "Notifications waiting that failed at least once.",
            backlog.failing,
        )
        age = (self._clock() - backlog.oldest).total_seconds() if backlog.oldest else 0.0
        yield GaugeMetricFamily(
            "vraagwijzer_outbox_oldest_age_seconds",
            "Age of the oldest waiting notification (0 when none waits).",
            max(age, 0.0),
        )

    def describe(self) -> Iterator[Metric]:
        return iter(())  # not read at registration: the database may not be there yet


def prepare_multiprocess(workers: int) -> None:
    """Before ``serve --workers N`` starts its processes: a fresh, private directory for
    their metric files (stale files of an earlier run would be added up too), removed at
    exit. An operator's own ``PROMETHEUS_MULTIPROC_DIR`` is used as it is."""
    if workers <= 1 or os.environ.get(MULTIPROCESS_ENV):
        return
    folder = tempfile.mkdtemp(prefix="vraagwijzer-metrics-")
    os.environ[MULTIPROCESS_ENV] = folder
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
