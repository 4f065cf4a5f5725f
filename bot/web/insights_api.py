"""``GET /api/v1/insights``: the insights' figures for the municipality's own dashboards,
read-only, with a bearer token made by ``vraagwijzer insights token``. The same figures
as the page and ``vraagwijzer insights --json``, labels in the default language."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from bot.application import Application
from bot.insights.figures import figures
from bot.insights.report import Report
from bot.insights.tokens import InsightTokens
from bot.web.schemas import ErrorOut

_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="InsightsToken",
    description="An insights token, made with `vraagwijzer insights token --label NAME`.",
)

router = APIRouter(prefix="/api/v1", tags=["insights"])


class InsightsUnauthorized(Exception):
    """No token, an unknown one, or a revoked one."""


async def _application(request: Request) -> Application:
    app: Application = request.app.state.application
    return app


def _authorised(
    app: Annotated[Application, Depends(_application)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Application:
    given = credentials.credentials if credentials else ""
    if not InsightTokens(app.sessions, app.clock).valid(given):
        raise InsightsUnauthorized
    return app


@router.get(
    "/insights",
    response_model=Report,
    responses={401: {"model": ErrorOut}, 422: {"model": ErrorOut}, 503: {"model": ErrorOut}},
)
async def insights(
    app: Annotated[Application, Depends(_authorised)],
    start: Annotated[date | None, Query(alias="from", description="First day (inclusive).")] = None,
    end: Annotated[date | None, Query(alias="to", description="Last day (inclusive).")] = None,
    bucket: Annotated[
        Literal["week", "month"], Query(description="Whole ISO weeks or months.")
    ] = "month",
    district: Annotated[str | None, Query(max_length=64, description="A district id.")] = None,
) -> Report:
    """Aggregate figures of a period (default: the last twelve whole months), every count
    under `min_count` conversations suppressed (null), as on the console's page."""
    texts = app.console_catalogs.get(app.settings.default_locale)
    known = {d.id for d in app.directory.districts()}
    return await run_in_threadpool(
        figures,
        app,
        texts,
        start=start,
        end=end,
        bucket=bucket,
        district=district if district in known else None,
    )
