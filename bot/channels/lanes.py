"""Lanes: one chat's work runs one job at a time and in order; chats run side by side.

A chat's lane is a queue of jobs and a task that works through it, made when a job
arrives for a chat without one and gone when the queue is empty. Side tasks (answers that
need not wait their turn, such as a button's "seen") run outside the lanes; a stop lets
both finish for a bounded time.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

Job = Callable[[], Awaitable[None]]


class Lanes:
    def __init__(self, log: logging.LoggerAdapter[logging.Logger]) -> None:
        self._log = log
        self._lanes: dict[int, deque[Job]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._side_tasks: set[asyncio.Task[Any]] = set()

    def submit(self, chat_id: int, job: Job) -> None:
        """Run ``job`` after the chat's earlier jobs."""
        lane = self._lanes.get(chat_id)
        if lane is not None:
            lane.append(job)
            return
        self._lanes[chat_id] = deque([job])
        # A context of its own: not the webhook request's (its request id) or another
        # update's job (the update it works for, bot/channels/intake.py) that happened to
        # start the lane.
        task = asyncio.create_task(self._run(chat_id), context=contextvars.Context())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def spawn(self, coroutine: Awaitable[Any]) -> None:
        """Run ``coroutine`` beside the lanes; a stop waits for it (bounded)."""
        task = asyncio.ensure_future(coroutine)
        self._side_tasks.add(task)
        task.add_done_callback(self._side_task_done)

    async def _run(self, chat_id: int) -> None:
        lane = self._lanes[chat_id]
        try:
            while lane:
                job = lane.popleft()
                try:
                    await job()
                except asyncio.CancelledError:
                    raise
                except Exception:
                    # Whatever one job raises (a bug, an outage nobody foresaw), the chat's
                    # later jobs still run: a lane must never stop for good.
                    self._log.exception("a job for a chat failed")
        finally:
            # No await between the last check and this: nothing can be added unseen.
            if self._lanes.get(chat_id) is lane:
                del self._lanes[chat_id]

    def _side_task_done(self, task: asyncio.Task[Any]) -> None:
        self._side_tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            self._log.error("a side task failed", exc_info=task.exception())

    async def drain(self, seconds: float) -> None:
        """Let the lanes finish what they hold, for at most ``seconds``; then cancel the
        rest (a cancelled update's job stays unanswered)."""
        if self._tasks:
            _, late = await asyncio.wait(set(self._tasks), timeout=seconds)
            for task in late:
                task.cancel()

    async def close(self, seconds: float) -> None:
        """Let the side tasks finish (bounded), then cancel and await whatever still runs."""
        if self._side_tasks:
            # Side tasks are short calls: let them finish rather than cut them off.
            await asyncio.wait(set(self._side_tasks), timeout=seconds)
        leftover = [*self._side_tasks, *self._tasks]
        for task in leftover:
            task.cancel()
        await asyncio.gather(*leftover, return_exceptions=True)
