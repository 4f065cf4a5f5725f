"""Rate limits: one client cannot flood the assistant, and nobody can guess passwords fast.

What is limited (each a ``VRAAGWIJZER_RATE_*`` setting, ``"off"`` to switch it off):

- resident messages per conversation (the chat API and each Telegram chat);
- resident messages and new conversations per client address (the chat API);
- wrong passwords at sign-in per client address (all account names together: one address
  cannot try a password on every account), and per account name from one address. They
  count what the caller's own address did, for any name typed, existing or not, so being
  refused says nothing about an account. Guessing spread over many addresses is held off
  per account in the database (``bot/staff/sessions.py``), for addresses the account does
  not usually sign in from only: nobody can lock an account's owner out.

Counting uses the ``limits`` library's moving window, held in memory in each server
process. With ``vraagwijzer serve --workers N`` a client can therefore get up to N times a
limit before every process has refused it (connections are spread over the processes). That
is enough to stop floods and guessing, which is what these limits are for; the per-account
hold-off, which must be exact, lives in the database. A shared count would need a Redis
server (``limits`` supports one) or a write to the database on every resident message, on
the path whose latency matters most; neither is worth it at a municipality's volume.

The client address is the connection's, or, behind a trusted proxy only, the one that
proxy puts in ``X-Forwarded-For`` (``VRAAGWIJZER_TRUSTED_PROXIES``; see ``proxy_headers``).
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import limits
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.types import Scope

if TYPE_CHECKING:
    from bot.platform.settings import Settings

# A resident who keeps typing past the limit on Telegram is told once a minute, not each
# time (each notice would be one more message towards Telegram's own flood limit).
SIGNIN_TURN_LOCKS = 64
NOTICE_RATE = "1/minute"


class RateLimited(Exception):
    """Over a limit; ``retry_after`` is the number of seconds until one more is allowed."""

    def __init__(self, rule: str, retry_after: int) -> None:
        super().__init__(f"rate limit {rule}: retry after {retry_after} s")
        self.rule = rule
        self.retry_after = retry_after

    @property
    def retry_after_minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


@dataclass(frozen=True)
class Rule:
    """One limit: a name (part of every key, so rules never share a count) and a rate,
    or None when the limit is off."""

    name: str
    rate: limits.RateLimitItem | None


def parse_rate(value: str) -> limits.RateLimitItem | None:
    """``"30/minute"``, ``"10/15 minutes"``, or ``"off"`` (None)."""
    value = value.strip()
    return None if value.lower() == "off" else limits.parse(value)


def client_address(scope: Scope) -> str:
    """The client's address as the app sees it (after trusted proxy headers). An IPv6
    client counts by its /64 network: one home or phone gets a whole /64 and could
    otherwise take a new address for every request."""
    client = scope.get("client")
    if not client:
        return "unknown"
    address = str(client[0])
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return address


class RateLimits:
    """The application's rate limits and their counts (in this process)."""

    def __init__(
        self,
        *,
        messages_per_conversation: str,
        messages_per_address: str,
        conversations_per_address: str,
        signin_failures_per_address: str,
        signin_failures_per_account: str,
        resume_failures_per_address: str = "off",
    ) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self.conversation_messages = Rule("conversation", parse_rate(messages_per_conversation))
        self.address_messages = Rule("address-messages", parse_rate(messages_per_address))
        self.address_conversations = Rule(
            "address-conversations", parse_rate(conversations_per_address)
        )
        self.signin_address = Rule("signin-address", parse_rate(signin_failures_per_address))
        self.signin_account = Rule("signin-account", parse_rate(signin_failures_per_account))
        self.resume_address = Rule("resume-address", parse_rate(resume_failures_per_address))
        self.notice = Rule("notice", parse_rate(NOTICE_RATE))
        # Sign-in attempts from one address take turns (see ``signin_turn``); addresses
        # share a fixed number of locks by hash, so others mostly go on side by side.
        self._signin_turns = [threading.Lock() for _ in range(SIGNIN_TURN_LOCKS)]

    @classmethod
    def from_settings(cls, settings: Settings) -> RateLimits:
        return cls(
            messages_per_conversation=settings.rate_messages_per_conversation,
            messages_per_address=settings.rate_messages_per_address,
            conversations_per_address=settings.rate_conversations_per_address,
            signin_failures_per_address=settings.rate_signin_failures_per_address,
            signin_failures_per_account=settings.rate_signin_failures_per_account,
            resume_failures_per_address=settings.rate_resume_failures_per_address,
        )

    def hit(self, rule: Rule, key: str) -> None:
        """Count one for ``key``; raise RateLimited (and count nothing) when it is full."""
        if rule.rate is not None and not self._limiter.hit(rule.rate, rule.name, key):
            raise RateLimited(rule.name, self._retry_after(rule.rate, rule.name, key))

    def check(self, rule: Rule, key: str) -> None:
        """Raise RateLimited when ``key`` is full, without counting anything."""
        if rule.rate is not None and not self._limiter.test(rule.rate, rule.name, key):
            raise RateLimited(rule.name, self._retry_after(rule.rate, rule.name, key))

    def allows(self, rule: Rule, key: str) -> bool:
        """Count one for ``key`` if there is room; False (nothing counted) when full."""
        return rule.rate is None or self._limiter.hit(rule.rate, rule.name, key)

    def clear(self, rule: Rule, key: str) -> None:
        if rule.rate is not None:
            self._limiter.clear(rule.rate, rule.name, key)

    # -- sign-in: only failures count ----------------------------------------------------------

    def signin_turn(self, address: str) -> threading.Lock:
        """Held around the limit check, the (slow) password check and the counting of a
        failure, so each attempt from an address sees the failures before it. Without it a
        burst of simultaneous guesses would all pass the check while their password checks
        run, beating the per-address limits."""
        return self._signin_turns[hash(address) % len(self._signin_turns)]

    def check_signin(self, address: str, username: str) -> None:
        """Before a password is checked: refuse when this address (or this address for
        this account name) has had too many wrong passwords lately."""
        self.check(self.signin_address, address)
        self.check(self.signin_account, _account_key(address, username))

    def signin_failed(self, address: str, username: str) -> None:
        for rule, key in (
            (self.signin_address, address),
            (self.signin_account, _account_key(address, username)),
        ):
            if rule.rate is not None:
                self._limiter.hit(rule.rate, rule.name, key)

    def signin_succeeded(self, address: str, username: str) -> None:
        """The right password: this person's own earlier typos no longer count."""
        self.clear(self.signin_account, _account_key(address, username))

    def _retry_after(self, rate: limits.RateLimitItem, *identifiers: str) -> int:
        reset = self._limiter.get_window_stats(rate, *identifiers).reset_time
        return max(1, math.ceil(reset - time.time()))


def _account_key(address: str, username: str) -> str:
    # Case and spaces do not make a new name to guess under.
    return f"{address} {username.strip().lower()}"
