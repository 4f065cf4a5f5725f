"""Building the ASGI app for a server process: settings in, one application, one lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool

from bot.application import Application, build_application
from bot.settings import Settings
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


def build_asgi(settings: Settings) -> FastAPI:
    settings.check_for_serving()
    application = build_application(settings)
    app = create_app(application)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        logger.info(
            "serving %s with the %s NLU backend",
            application.municipality.name,
            application.analyzer.name,
        )
        sender = asyncio.create_task(send_outbox(application))
        try:
            yield
        finally:
            sender.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sender
            application.close()

    app.router.lifespan_context = lifespan
    return app
