"""Building the ASGI app for a server process: settings in, one application, one lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from bot.application import build_application
from bot.settings import Settings
from bot.web.app import create_app

logger = logging.getLogger(__name__)


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
        try:
            yield
        finally:
            application.close()

    app.router.lifespan_context = lifespan
    return app
