"""Channels: thin adapters between a messaging service and the conversation engine.

A channel turns what the service delivers into ``Incoming`` messages and the engine's
``LoggedMessage`` log back into what the service shows. Conversation logic stays in
``bot.conversation``; the log in the database is the source of truth for what to deliver.
A push channel (``base.PushChannel``: lanes, delivery cursor, retries, the database
outage) is the machinery every service that pushes updates to us shares; ``telegram`` is
one, and writes only its transport, handlers and webhook.
"""
