"""Rendering the conversation's messages for Telegram: HTML text, inline keyboards, and
splitting what is longer than one Telegram message.

Everything that comes from the log or the catalogue is escaped with ``html.escape``: a
provision's name or a resident's words can hold ``<`` or ``&``, and Telegram refuses a
message whose HTML does not parse. Long texts are split on paragraph and line boundaries,
never inside a tag or an entity; a tag open at a split is closed and opened again.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.channels.telegram import texts as telegram_texts
from bot.conversation.messages import Card, Kind, LoggedMessage, Sender
from bot.platform.i18n import Texts

# Telegram's limit for one message's text, in UTF-16 code units.
MAX_MESSAGE = 4096
# Telegram's limit for a button's callback data, in bytes.
MAX_CALLBACK_DATA = 64

# Callback data of a button in the log: "m<message id>:<index>", so that any payload fits
# in 64 bytes and a press is checked against the message it came with. Buttons the channel
# makes itself (a command's question) carry their short payload: "p:<payload>".
LOGGED_PREFIX = "m"
DIRECT_PREFIX = "p:"


@dataclass(frozen=True)
class Outgoing:
    """One Telegram message to send: HTML text and perhaps a keyboard."""

    html: str
    keyboard: InlineKeyboardMarkup | None = None

    @property
    def plain(self) -> str:
        """The same text without markup, if Telegram refuses the HTML after all."""
        return html.unescape(_TAG.sub("", self.html))


def render(message: LoggedMessage, texts: Texts) -> list[Outgoing]:
    """A logged message as Telegram messages (more than one when it is long)."""
    blocks: list[str] = []
    body = escape(message.text)
    if message.kind is Kind.CRISIS and not message.buttons:
        # Stands out in the chat list and the chat; Telegram's apps make the numbers
        # tappable themselves (its HTML has no tel: links).
        body = f"🆘 <b>{body}</b>"
    if message.sender is Sender.STAFF:
        body = f"<b>{escape(telegram_texts.staff_label(texts))}</b>\n{body}"
    if body.strip():
        blocks.append(body)
    labels = telegram_texts.card_labels(texts)
    blocks.extend(card_html(card, labels) for card in message.cards)
    if message.ticket is not None and message.ticket.reference not in message.text:
        blocks.append(f"{escape(labels['reference'])} <b>{escape(message.ticket.reference)}</b>")
    chunks = split_html("\n\n".join(blocks))
    if not chunks:
        return []
    keyboard = logged_keyboard(message)
    return [Outgoing(chunk) for chunk in chunks[:-1]] + [Outgoing(chunks[-1], keyboard)]


def logged_keyboard(message: LoggedMessage) -> InlineKeyboardMarkup | None:
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(button.label, callback_data=f"{LOGGED_PREFIX}{message.id}:{i}")]
            for i, button in enumerate(message.buttons)
        ]
    )


def direct_keyboard(buttons: list[tuple[str, str]], *, per_row: int = 1) -> InlineKeyboardMarkup:
    """A keyboard for the channel's own questions: (label, payload), short payloads only."""
    rows: list[list[InlineKeyboardButton]] = []
    for label, payload in buttons:
        data = DIRECT_PREFIX + payload
        if len(data.encode("utf-8")) > MAX_CALLBACK_DATA:
            raise ValueError(f"callback data over {MAX_CALLBACK_DATA} bytes: {data!r}")
        if not rows or len(rows[-1]) >= per_row:
            rows.append([])
        rows[-1].append(InlineKeyboardButton(label, callback_data=data))
    return InlineKeyboardMarkup(rows)


@dataclass(frozen=True)
class Pressed:
    """What a button's callback data points at."""

    message_id: int | None = None  # a button of this logged message
    index: int = 0
    payload: str | None = None  # or a button the channel made, with this payload


def parse_callback(data: str | None) -> Pressed | None:
    if not data:
        return None
    if data.startswith(DIRECT_PREFIX):
        payload = data[len(DIRECT_PREFIX) :]
        return Pressed(payload=payload) if payload else None
    match = re.fullmatch(r"m(\d{1,18}):(\d{1,3})", data)
    if match is None:
        return None
    return Pressed(message_id=int(match.group(1)), index=int(match.group(2)))


def card_html(card: Card, labels: dict[str, str]) -> str:
    """A provision, compact: its name in bold, what it is, and cost and phone on one line.

    The rest is in an expandable quote headed "More information": Telegram's apps show its
    first lines and open it with a tap, so that three cards still fit on a phone's screen.
    """
    lines = [f"<b>{escape(card.name)}</b>"]
    if card.summary:
        lines.append(escape(card.summary))
    # Telegram's apps make the phone number tappable themselves (its HTML has no tel:).
    key = " · ".join(escape(value) for value in (card.cost, card.phone) if value)
    if key:
        lines.append(key)
    details = card_details(card, labels)
    if details:
        heading = f"<b>{escape(labels['more'])}</b>"
        lines.append(f"<blockquote expandable>{heading}\n" + "\n".join(details) + "</blockquote>")
    return "\n".join(lines)


def card_details(card: Card, labels: dict[str, str]) -> list[str]:
    """What a card shows under "More information", one line each (no empty lines: a quote
    is one block)."""
    lines = [escape(line.strip()) for line in card.description.splitlines() if line.strip()]

    def fact(key: str, value: str | None) -> None:
        if value:
            lines.append(f"<i>{escape(labels[key])}</i> {value}")

    fact("audience", escape(card.audience))
    fact("cost", escape(card.cost_note or ""))
    if card.opening:
        fact("opening", escape("; ".join(card.opening)))
    fact("how_to_apply", escape(card.how_to_apply))
    fact("address", escape(card.address or ""))
    fact("email", escape(card.email or ""))
    if card.website:
        fact("website", link(card.website))
    return lines


def link(url: str) -> str:
    """A web address as a link, if it is one; otherwise as plain text."""
    if re.match(r"https?://[^\s<>\"']+$", url):
        return f'<a href="{html.escape(url, quote=True)}">{escape(url)}</a>'
    return escape(url)


def escape(text: str) -> str:
    return html.escape(text, quote=False)


# -- splitting ---------------------------------------------------------------------------

_TAG = re.compile(r"<[^<>]*>")
# A tag, an entity, or one character: the units a split may fall between.
_TOKEN = re.compile(r"<[^<>]*>|&#?\w{1,32};|[\s\S]", re.ASCII)
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][\w-]*)")


def utf16_len(text: str) -> int:
    """Telegram counts message length in UTF-16 code units (an emoji can be two)."""
    return len(text.encode("utf-16-le")) // 2


def visible_len(text: str) -> int:
    """The length Telegram limits: of the text after its HTML is parsed."""
    return utf16_len(html.unescape(_TAG.sub("", text)))


def _units(token: str) -> int:
    if token.startswith("<") and len(token) > 1:
        return 0
    if token.startswith("&") and len(token) > 1:
        return utf16_len(html.unescape(token))
    return utf16_len(token)


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split Telegram HTML into messages of at most ``limit`` visible UTF-16 units each.

    Prefers a paragraph boundary, then a line, then a space, then any point between two
    characters, and of each the ones outside every tag (a card's quote of details); a cut
    never falls inside a tag or an entity, and tags open at a cut are closed at its end and
    reopened in the next part.
    """
    text = text.strip()
    parts: list[str] = []
    while visible_len(text) > limit:
        cut, open_tags = _best_cut(text, limit)
        head = text[:cut].rstrip()
        closing = "".join(f"</{name}>" for name, _ in reversed(open_tags))
        if _TAG.sub("", head).strip():
            parts.append(head + closing)
        rest = text[cut:].lstrip()
        # A tag that closes right at the cut is not opened again only to be closed.
        while open_tags and rest.startswith(f"</{open_tags[-1][0]}>"):
            rest = rest[len(open_tags.pop()[0]) + 3 :].lstrip()
        text = "".join(tag for _, tag in open_tags) + rest
    if _TAG.sub("", text).strip():
        parts.append(text)
    return parts


def _best_cut(text: str, limit: int) -> tuple[int, list[tuple[str, str]]]:
    """Where to cut (the best boundary with at most ``limit`` visible units before it),
    and the tags open there."""
    stack: list[tuple[str, str]] = []
    used = 0
    best: tuple[int, int, list[tuple[str, str]]] | None = None  # (rank, position, stack)
    previous = ""
    for token in _TOKEN.finditer(text):
        position = token.start()
        if position > 0:
            # A boundary early in the text would make many small messages: there, any
            # point is as good as another. Of two alike, one outside every tag is better:
            # between two cards rather than inside a card's quote of details.
            rank = 2 * _rank(text, position, previous) + (not stack) if used >= limit // 2 else 0
            if best is None or (rank, position) >= best[:2]:
                best = (rank, position, list(stack))
        value = token.group()
        used += _units(value)
        if used > limit:
            break
        previous = value
        name_match = _TAG_NAME.match(value) if value.startswith("<") else None
        if name_match is None:
            continue
        name = name_match.group(1).lower()
        if value.startswith("</"):
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i]
                    break
        elif not value.endswith("/>"):
            stack.append((name, value))
    if best is None:
        # The first token alone is over the limit (a limit of 0): cut after it.
        first = _TOKEN.match(text)
        return (first.end() if first else len(text)), []
    return best[1], best[2]


def _rank(text: str, position: int, previous: str) -> int:
    if previous == "\n" and text[position - 2 : position] == "\n\n":
        return 3
    if previous == "\n":
        return 2
    if previous.isspace():
        return 1
    return 0
