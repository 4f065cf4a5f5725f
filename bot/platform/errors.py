"""How an edge finds what to say about a domain error: by its stable ``code``.

Every domain error carries one (``ticket.closed``, ``conversation.expired``); an
instance may refine its class's (``ticket.error`` raised for a closed ticket). Each
surface keeps its own table from code to what it shows (bot/web/errors.py,
bot/console/errors.py, bot/channels/telegram/texts.py) and looks the codes up in this
order, so a new reason falls back to its class's words."""

from __future__ import annotations

from collections.abc import Iterator


def error_codes(exc: BaseException) -> Iterator[str]:
    """The codes to look up for ``exc``: its own, then its classes' (most precise first)."""
    seen: set[str] = set()
    candidates: list[object] = [getattr(exc, "code", None)]
    candidates += [vars(cls).get("code") for cls in type(exc).__mro__]
    for code in candidates:
        if isinstance(code, str) and code and code not in seen:
            seen.add(code)
            yield code
