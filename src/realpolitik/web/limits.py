"""Limits on write requests: the size of a body and how often a client may write.

Two pure ASGI middlewares, both of which only look at write requests (POST, PUT, PATCH, DELETE) and let
everything else through untouched:

* ``BodyLimit`` refuses a body larger than ``max_body`` bytes with 413.  A declared ``Content-Length``
  over the limit is refused before any of the body is read; otherwise the body is read (and counted)
  here, so a missing or lying ``Content-Length`` cannot sneak a larger body past it, and the app is
  then handed the bytes that were read.  A body whose length differs from its ``Content-Length`` is
  refused with 400.
* ``WriteRateLimit`` gives each client a token bucket (``rate`` writes per second, at most ``burst``
  saved up) and answers 429 with ``Retry-After`` once the bucket is empty.  The client is its bearer
  token if it sent one the server accepts, else its IP address; a wrong token therefore counts against
  the IP it came from and cannot buy a fresh bucket.

Both answer with the app's usual one-line JSON error, ``{"detail": "..."}``.  ``parse_rate`` reads
settings such as ``"30/minute"``; ``REALPOLITIK_MAX_BODY`` and ``REALPOLITIK_WRITE_RATE`` /
``REALPOLITIK_WRITE_BURST`` are read by ``realpolitik.web.app.create_app``.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
DEFAULT_MAX_BODY = 2 * 1024 * 1024
DEFAULT_WRITE_RATE = "30/minute"
OFF = frozenset({"off", "none", "unlimited"})

_UNITS = {
    "s": 1.0, "sec": 1.0, "secs": 1.0, "second": 1.0, "seconds": 1.0,
    "m": 60.0, "min": 60.0, "mins": 60.0, "minute": 60.0, "minutes": 60.0,
    "h": 3600.0, "hr": 3600.0, "hour": 3600.0, "hours": 3600.0,
    "d": 86400.0, "day": 86400.0, "days": 86400.0,
}  # fmt: skip
_RATE = re.compile(r"\s*(\d{1,9})\s*/\s*(\d{0,9})\s*([a-z]+)\s*")


def parse_rate(text: str) -> tuple[float, int] | None:
    """``"30/minute"`` -> ``(0.5, 30)``: writes per second and the default burst (the count).

    Also ``"5/s"``, ``"100/hour"``, ``"10/5min"``; ``"off"`` (or ``"none"``) means no limit (``None``).
    """
    if text.strip().lower() in OFF:
        return None
    match = _RATE.fullmatch(text.lower())
    unit = _UNITS.get(match.group(3)) if match else None
    if match is None or unit is None or int(match.group(1)) < 1 or int(match.group(2) or 1) < 1:
        raise ValueError(f"a write rate looks like 30/minute (or 5/second, 100/hour, off), not {text[:40]!r}")
    count, span = int(match.group(1)), int(match.group(2) or 1) * unit
    return count / span, count


def parse_size(text: str) -> int:
    """A byte count, e.g. ``"2097152"``, ``"512k"`` or ``"2M"`` (k and M are 1024-based)."""
    match = re.fullmatch(r"\s*(\d{1,15})\s*([kKmM]?)[bB]?\s*", text)
    if match is None or int(match.group(1)) < 1:
        raise ValueError(
            f"a body limit is a positive number of bytes such as 2097152 or 2M, not {text[:40]!r}"
        )
    return int(match.group(1)) * {"": 1, "k": 1024, "m": 1024 * 1024}[match.group(2).lower()]


async def send_error(
    send: Send, status: int, detail: str, headers: Sequence[tuple[bytes, bytes]] = ()
) -> None:
    """Answer with ``{"detail": detail}`` on one line."""
    body = json.dumps({"detail": detail}, ensure_ascii=True, separators=(",", ":")).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body, "more_body": False})


def _is_write(scope: Scope) -> bool:
    return scope["type"] == "http" and scope.get("method", "GET").upper() in WRITE_METHODS


def _header(scope: Scope, name: bytes) -> list[bytes]:
    return [value for key, value in scope.get("headers") or [] if key.lower() == name]


class BodyLimit:
    """Refuse write bodies over ``max_body`` bytes with 413 (see the module docstring)."""

    def __init__(self, app: ASGIApp, max_body: int = DEFAULT_MAX_BODY) -> None:
        if max_body < 1:
            raise ValueError("max_body must be at least one byte")
        self.app = app
        self.max_body = max_body

    def _too_large(self) -> str:
        return f"request body is larger than the limit of {self.max_body} bytes"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _is_write(scope):
            await self.app(scope, receive, send)
            return
        declared: int | None = None
        lengths = {v.strip() for v in _header(scope, b"content-length")}
        if lengths:
            text = lengths.pop().decode("latin-1")
            if lengths or not text.isascii() or not text.isdigit():
                await send_error(send, 400, "Content-Length must be one whole number of bytes")
                return
            declared = int(text) if len(text) <= 18 else self.max_body + 1  # int() refuses 4300+ digits
            if declared > self.max_body:
                await send_error(send, 413, self._too_large())
                return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client went away; there is no one to answer
            body += message.get("body", b"")
            if len(body) > self.max_body:
                await send_error(send, 413, self._too_large())
                return
            if declared is not None and len(body) > declared:
                await send_error(send, 400, "request body is longer than its Content-Length")
                return
            if not message.get("more_body", False):
                break
        if declared is not None and len(body) != declared:
            await send_error(send, 400, "request body is shorter than its Content-Length")
            return

        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()  # after the body: wait for the disconnect as usual

        await self.app(scope, replay, send)


class TokenBucket:
    """Per-key token buckets: ``rate`` tokens per second, at most ``burst`` saved up.

    Thread-safe.  ``clock`` returns seconds (monotonic by default; tests pass a fake one).  At most
    ``max_keys`` buckets are kept: past that, buckets that have filled up again (which are no
    different from new ones) are dropped first, then the least recently used.
    """

    def __init__(
        self,
        rate: float,
        burst: int,
        *,
        clock: Callable[[], float] | None = None,
        max_keys: int = 10_000,
    ) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("a token bucket needs a positive rate and a burst of at least 1")
        self.rate = rate
        self.burst = burst
        self.clock = clock or time.monotonic
        self.max_keys = max_keys
        self._lock = threading.Lock()
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, time)

    def take(self, key: str) -> float:
        """Take one token for ``key``: 0.0 if there was one, else the seconds until there will be."""
        with self._lock:
            now = self.clock()
            tokens, then = self._buckets.pop(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + max(0.0, now - then) * self.rate)
            wait = 0.0
            if tokens >= 1.0:
                tokens -= 1.0
            else:
                wait = (1.0 - tokens) / self.rate
            self._buckets[key] = (tokens, now)
            if len(self._buckets) > self.max_keys:
                self._shrink(now)
            return wait

    def _shrink(self, now: float) -> None:
        full = [
            k
            for k, (tokens, then) in self._buckets.items()
            if tokens + (now - then) * self.rate >= self.burst
        ]
        for k in full:
            del self._buckets[k]
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)


def client_key(scope: Scope, accept: Callable[[str], bool] | None = None) -> str:
    """Who is writing: ``token:<hash>`` for a bearer token (one ``accept`` approves), else ``ip:<host>``."""
    for value in _header(scope, b"authorization"):
        scheme, _, given = value.decode("latin-1").partition(" ")
        given = given.strip()
        if scheme.lower() == "bearer" and given and (accept is None or accept(given)):
            return "token:" + hashlib.sha256(given.encode("latin-1")).hexdigest()[:32]
    client = scope.get("client")
    return f"ip:{client[0] if client else 'unknown'}"


class WriteRateLimit:
    """Answer write requests over a client's token bucket with 429 (see the module docstring)."""

    def __init__(
        self,
        app: ASGIApp,
        bucket: TokenBucket,
        key: Callable[[Scope], str] = client_key,
    ) -> None:
        self.app = app
        self.bucket = bucket
        self.key = key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if _is_write(scope):
            wait = self.bucket.take(self.key(scope))
            if wait > 0:
                seconds = max(1, math.ceil(wait))
                await send_error(
                    send,
                    429,
                    f"too many writes from this client; try again in {seconds} s",
                    [(b"retry-after", str(seconds).encode())],
                )
                return
        await self.app(scope, receive, send)
