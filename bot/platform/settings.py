"""Typed settings read from ``VRAAGWIJZER_*`` environment variables.

One object, validated at start-up, so a bad value stops the server with one clear line
instead of failing later in front of a resident. Tests pass values directly.
"""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from typing import Literal

import limits
from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.platform.languages import SUPPORTED_LOCALES

PLACEHOLDER_SECRETS = frozenset({"", "change-me", "changeme", "secret", "demo-secret"})


class SettingsError(Exception):
    """Raised with a one-line, human-readable explanation of a bad setting."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VRAAGWIJZER_", extra="ignore")

    demo: bool = False
    data_dir: Path = Path("var")
    database_url: str = ""
    secret_key: SecretStr = SecretStr("change-me")
    default_locale: str = "nl"
    municipality_file: Path | None = None

    nlu_backend: Literal["embedded", "rasa"] = "embedded"
    rasa_url: str = "http://127.0.0.1:5005"

    max_message_chars: int = Field(default=10_000, ge=100, le=100_000)
    # Threads that answer messages and serve pages in one server process.
    worker_threads: int = Field(default=8, ge=1, le=200)
    conversation_expiry_days: int = Field(default=30, ge=1)

    # Retention (AVG storage limitation; docs/privacy.md): a conversation is deleted for
    # good this many days after its last message (never while a referral from it is open);
    # a ticket's copy of the conversation is erased this many days after the team closed
    # it (the ticket stays); the log of who opened a transcript is kept this long; the
    # server purges every so many minutes.
    retention_days: int = Field(default=30, ge=1, le=3650)
    ticket_transcript_days: int = Field(default=365, ge=1, le=7300)
    access_log_days: int = Field(default=730, ge=1, le=36500)
    purge_interval_minutes: float = Field(default=60.0, gt=0, le=24 * 60)
    # Insights (bot/insights/): a figure counting fewer conversations than this is hidden.
    insights_min_count: int = Field(default=10, ge=2, le=1000)

    telegram_token: SecretStr | None = None
    telegram_base_url: str = "https://api.telegram.org/bot"
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None

    smtp_host: str | None = None
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str = "vraagwijzer@localhost"
    smtp_starttls: bool = False

    public_url: str = "http://127.0.0.1:8080"

    # A case system that wants to hear of new referrals (JSON, HMAC-SHA256 signed).
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    # How often the server sends what waits in the outbox (e-mails, webhook calls).
    outbox_interval_seconds: float = Field(default=5.0, gt=0, le=3600)

    # Working days a district team has for first contact after a referral.
    handoff_days_normal: int = Field(default=3, ge=1, le=30)
    # 0: the same working day (the end of it, or of the next one after closing time).
    handoff_days_urgent: int = Field(default=0, ge=0, le=30)

    # Staff console sessions: signed out after this long without a click, and after this
    # long in any case. After this many wrong passwords from addresses an account does not
    # usually sign in from, such addresses wait before each next try: a minute, doubling,
    # at most signin_lock_minutes (bot/staff/sessions.py). The account's usual addresses never
    # wait, so guessers cannot lock its owner out.
    console_idle_minutes: int = Field(default=30, ge=1, le=24 * 60)
    console_session_hours: int = Field(default=12, ge=1, le=7 * 24)
    signin_max_failures: int = Field(default=5, ge=1, le=100)
    signin_lock_minutes: int = Field(default=15, ge=1, le=24 * 60)

    # The web chat widget: the websites (origins, comma-separated, like
    # https://www.lindenhaven.nl) that may embed it and call the chat API from the browser,
    # and its main colour (the municipality's house style; text on it is chosen for contrast).
    widget_origins: str = ""
    widget_color: str = Field(default="#1f5f8b", pattern=r"^#[0-9a-fA-F]{6}$")
    # Going on with a conversation on another device (bot/conversation/resume.py): how long
    # a code or mailed link works, and the page with the widget that the link opens
    # (empty: this server's own page, PUBLIC_URL + "/").
    resume_code_hours: int = Field(default=24, ge=1, le=7 * 24)
    widget_page_url: str = ""

    # Rate limits (bot/platform/ratelimit.py), as "COUNT/PERIOD" ("30/minute", "10/15 minutes")
    # or "off"; counted in each server process. Client addresses come from X-Forwarded-For
    # only when the connection is from one of the trusted proxies (addresses or networks).
    rate_messages_per_conversation: str = "30/minute"
    rate_messages_per_address: str = "120/minute"
    rate_conversations_per_address: str = "60/hour"
    rate_signin_failures_per_address: str = "30/15 minutes"
    rate_signin_failures_per_account: str = "3/15 minutes"
    rate_resume_failures_per_address: str = "10/15 minutes"
    trusted_proxies: str = "127.0.0.1,::1"
    # Who may show our pages in a frame (CSP frame-ancestors): 'self', 'none' or origins.
    # The console is never framed, whatever this says.
    frame_ancestors: str = "'self'"

    # Logs: readable lines for a developer's terminal, or one JSON object per line for a
    # log collector (production). Personal data is masked in either.
    log_format: Literal["text", "json"] = "text"
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    # /metrics (Prometheus): with a token, scrapers send it as a bearer token; without
    # one, only requests from this machine's loopback (not through a proxy) are answered.
    metrics_token: SecretStr | None = None

    @model_validator(mode="after")
    def _retention_outlasts_expiry(self) -> Settings:
        # A conversation a resident may still continue must not be deleted under them.
        if self.retention_days < self.conversation_expiry_days:
            raise ValueError(
                "VRAAGWIJZER_RETENTION_DAYS must be at least VRAAGWIJZER_CONVERSATION_EXPIRY_DAYS"
                f" ({self.retention_days} < {self.conversation_expiry_days})"
            )
        return self

    @field_validator("default_locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        if value not in SUPPORTED_LOCALES:
            raise ValueError(f"must be one of {', '.join(SUPPORTED_LOCALES)}")
        return value

    @field_validator("widget_origins")
    @classmethod
    def _origins(cls, value: str) -> str:
        for origin in _split(value):
            scheme, _, rest = origin.partition("://")
            if scheme not in {"http", "https"} or not rest or "/" in rest:
                raise ValueError(f"{origin!r} is not an origin like https://www.example.nl")
        return value

    @field_validator(
        "rate_messages_per_conversation",
        "rate_messages_per_address",
        "rate_conversations_per_address",
        "rate_signin_failures_per_address",
        "rate_signin_failures_per_account",
        "rate_resume_failures_per_address",
    )
    @classmethod
    def _rate(cls, value: str) -> str:
        value = value.strip()
        if value.lower() == "off":
            return "off"
        try:
            rate = limits.parse(value)
        except ValueError:
            rate = None
        if rate is None or rate.amount < 1:
            raise ValueError(f"{value!r} is not a rate like 30/minute or 10/15 minutes (or off)")
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies(cls, value: str) -> str:
        for part in _split(value):
            if part != "*":
                try:
                    # strict: "10.0.0.1/8" has host bits set, and the proxy check would
                    # then trust nobody (every resident would share the proxy's limits).
                    ipaddress.ip_network(part, strict=True)
                except ValueError:
                    raise ValueError(
                        f"{part!r} is not an IP address or network (like 10.0.0.0/8)"
                    ) from None
        return value

    @field_validator("frame_ancestors")
    @classmethod
    def _frame_ancestors(cls, value: str) -> str:
        sources = value.replace(",", " ").split()
        for source in sources:
            if source in {"'self'", "'none'"}:
                continue
            if not re.fullmatch(r"https?://(\*\.)?[A-Za-z0-9.-]+(:[0-9]{1,5})?", source):
                raise ValueError(f"{source!r} is not 'self', 'none' or an origin")
        if not sources or ("'none'" in sources and len(sources) > 1):
            raise ValueError("use 'none' alone, or 'self' and/or origins")
        return " ".join(sources)

    @property
    def widget_origin_list(self) -> tuple[str, ...]:
        return tuple(o.lower() for o in _split(self.widget_origins))

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _telegram_secret(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram's own rule for secret_token; it echoes it in a header.
        if value is not None and not re.fullmatch(
            r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()
        ):
            raise ValueError("use 1-256 characters: A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if value and not value.startswith(("sqlite://", "postgresql+psycopg://")):
            raise ValueError("use sqlite:///PATH or postgresql+psycopg://USER@HOST/DB")
        return value

    def check_for_serving(self) -> None:
        """Refuse to serve residents with a placeholder secret (a demo may), or a Telegram
        webhook that anyone could post fake updates to."""
        if self.telegram_webhook_url and not self.telegram_webhook_secret:
            raise SettingsError(
                "VRAAGWIJZER_TELEGRAM_WEBHOOK_SECRET must be set in webhook mode "
                "(1-256 characters: A-Z, a-z, 0-9, _ and -)"
            )
        secret = self.secret_key.get_secret_value()
        if self.demo:
            return
        if secret in PLACEHOLDER_SECRETS:
            raise SettingsError(
                "VRAAGWIJZER_SECRET_KEY is a placeholder; set a long random value "
                "(or VRAAGWIJZER_DEMO=true for a demo)"
            )
        if len(secret) < 32:
            raise SettingsError("VRAAGWIJZER_SECRET_KEY must be at least 32 characters")

    def check_workers(self, workers: int) -> None:
        """Several server processes must share live events and writes: PostgreSQL only
        (SQLite serves one process; its writers queue on a lock inside that process)."""
        if workers > 1 and not self.resolved_database_url.startswith("postgresql"):
            raise SettingsError(
                "--workers above 1 needs PostgreSQL (VRAAGWIJZER_DATABASE_URL); "
                "SQLite serves one process"
            )
        # Telegram allows one reader of a bot's updates, and two senders would each
        # deliver every reply: the channel runs in one process of its own.
        if workers > 1 and self.telegram_token is not None:
            raise SettingsError(
                "--workers above 1 cannot run the Telegram channel: start one process with "
                "VRAAGWIJZER_TELEGRAM_TOKEN and the web processes without it"
            )

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'vraagwijzer.db'}"


def _split(value: str) -> list[str]:
    return [part.strip().rstrip("/") for part in value.split(",") if part.strip()]


def load_settings(**overrides: object) -> Settings:
    """Build settings from the environment (and overrides), or raise SettingsError."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        name = f"VRAAGWIJZER_{where.upper()}" if where else "settings"
        raise SettingsError(f"{name}: {first['msg'].removeprefix('Value error, ')}") from None
