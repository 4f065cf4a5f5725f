"""``vraagwijzer serve``: the web server (chat API, widget, console), in one process or in
several behind one port."""

from __future__ import annotations

from typing import Any

import click

from bot.cli.common import read_settings, setup_logging
from bot.platform.settings import SettingsError

SHUTDOWN_GRACE_SECONDS = 5


def asgi_app() -> Any:
    """The app of one worker process when ``serve --workers`` starts several: each
    builds its own application from the same environment."""
    from bot.server import build_asgi

    setup_logging()
    return build_asgi(read_settings())


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=int)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes sharing the port (more than one needs PostgreSQL).",
)
def serve(host: str, port: int, workers: int) -> None:
    """Run the web server (chat API, widget, console)."""
    import uvicorn

    from bot.metrics import prepare_multiprocess
    from bot.server import build_asgi

    setup_logging()
    settings = read_settings()
    try:
        settings.check_for_serving()
        settings.check_workers(workers)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    # Several processes behind one port add up their metrics in one place (bot.metrics).
    prepare_multiprocess(workers)
    uvicorn.run(
        "bot.cli.serve:asgi_app" if workers > 1 else build_asgi(settings),
        factory=workers > 1,
        workers=workers,
        host=host,
        port=port,
        log_level=settings.log_level,
        # uvicorn's loggers go through ours (format, masking); the access log is ours too
        # (bot.web.observe: route templates, no query strings or client addresses).
        log_config=None,
        # The app reads X-Forwarded-* itself, from VRAAGWIJZER_TRUSTED_PROXIES only
        # (bot.web.security_headers); uvicorn's own FORWARDED_ALLOW_IPS would be a second rule.
        proxy_headers=False,
        access_log=False,
        # Idle keep-alive connections stay open longer than a proxy's (nginx upstream:
        # 60 s) and than a resident's pause between messages: a server that closes one
        # just as the client reuses it makes the client's request fail.
        timeout_keep_alive=75,
        # A graceful stop (SIGTERM: a deploy, a restart) waits for open requests, and a
        # chat or console stream stays open for as long as its page does: without a bound
        # the process never ends by itself and is killed. After this many seconds what is
        # still open is ended; the widget and the console reconnect to the next process
        # and resume from the last id they saw. Under Docker's 10 s before SIGKILL.
        timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS,
    )
