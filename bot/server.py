"""Building the ASGI app for a server process: settings in, one application, one lifespan.

The lifespan runs what lives as long as the server: the outbox sender, the retention
purge (bot/privacy/retention.py) and, when a token is
set, the Telegram channel (long polling, or its webhook route in this same app).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool

from bot.application import Application, build_application
from bot.channels import telegram
from bot.platform.lease import Lease, run_leased
from bot.platform.settings import Settings
from bot.privacy.retention import purge_regularly
from bot.web.app import create_app

logger = logging.getLogger(__name__)


async def send_outbox(application: Application) -> None:
    """Send waiting e-mails and webhook calls every few seconds, for as long as the server
    runs. A failure is logged and retried on the next round: the loop never stops."""
    interval = application.settings.outbox_interval_seconds
    while True:
        try:
            report = await run_in_threadpool(application.outbox.deliver_due)
            if report.sent or report.failed:
                logger.info("outbox: %s sent, %s failed", report.sent, report.failed)
        except Exception:
            logger.exception("outbox round failed; trying again in %s s", interval)
        await asyncio.sleep(interval)


def build_asgi(settings: Settings, *, application: Application | None = None) -> FastAPI:
    """The server's app. Tests may pass an application of their own (then they close it)."""
    settings.check_for_serving()
    owned = application is None
    application = application or build_application(settings)
    app = create_app(application)
    channel = telegram.from_settings(application)
    if channel is not None and channel.webhook_mode:
        telegram.install_webhook(app, channel)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        logger.info(
            "serving %s with the %s NLU backend",
            application.municipality.name,
            application.analyzer.name,
        )
        # Each resident message is answered in a worker thread. A few threads keep the CPU
        # busy; dozens would only take turns at Python's interpreter lock, each reply
        # waiting on all the others.
        to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
        # What start-up loads (the NLU model, the catalogue, the libraries) lives as long
        # as the process: frozen, the garbage collector no longer walks all of it at each
        # full collection, a pause for every thread.
        try:
            await run_in_threadpool(application.catalogue.refresh)
        except Exception:  # the database may not be ready yet; the first search reads it
            logger.exception("could not read the catalogue at start-up")
        if owned:  # a server process of its own, not a test sharing its process
            gc.collect()
            gc.freeze()
        sender = asyncio.create_task(send_outbox(application))
        purger = asyncio.create_task(
            purge_regularly(
                application.retention,
                interval_minutes=settings.purge_interval_minutes,
                before=application.rollups.make_due,
            )
        )
        stop = asyncio.Event()
        # The channel starts in the background: the web app serves even while Telegram
        # cannot be reached, and the channel keeps trying.
        # It runs in one process at a time (bot/platform/lease.py): a second one waits as a
        # stand-by.
        bot = (
            asyncio.create_task(run_leased(Lease(application.db, "telegram"), channel.run, stop))
            if channel is not None
            else None
        )
        try:
            yield
        finally:
            stop.set()
            if bot is not None:
                try:
                    await asyncio.wait_for(bot, timeout=30)
                except Exception:
                    logger.exception("telegram: did not stop cleanly")
            for task in (sender, purger):
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if owned:
                application.close()

    app.router.lifespan_context = lifespan
    return app
