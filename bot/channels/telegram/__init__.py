"""The Telegram channel: python-telegram-bot in front of the conversation engine.

- ``channel``: ``TelegramChannel`` on the push channel's machinery (bot/channels/base.py),
  its life cycle and transport;
- ``handlers``: commands, messages and button presses, as jobs in a chat's lane;
- ``webhook``: the webhook route in the web app;
- ``bot_api``: the Bot API calls, retried;
- ``format``: the conversation's messages as Telegram HTML and keyboards;
- ``texts``: what the channel says itself, and the engine's errors as words.
"""

from bot.channels.retry import PermanentFailure, RetryPolicy
from bot.channels.telegram.bot_api import build_ptb
from bot.channels.telegram.channel import CHANNEL, TelegramChannel, from_settings
from bot.channels.telegram.webhook import WEBHOOK_PATH, install_webhook

__all__ = [
    "CHANNEL",
    "WEBHOOK_PATH",
    "PermanentFailure",
    "RetryPolicy",
    "TelegramChannel",
    "build_ptb",
    "from_settings",
    "install_webhook",
]
