"""The local web app: pages and a JSON API over a realpolitik store (``create_app``)."""

from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str) -> object:
    if name == "create_app":
        from realpolitik.web.app import create_app

        return create_app
    raise AttributeError(name)
