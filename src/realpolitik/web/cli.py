"""Commands ``serve``, ``report`` and ``export``; ``register(app, get_settings)`` adds them to a Typer app."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from realpolitik.errors import UsageError
from realpolitik.settings import Settings

Db = Annotated[Path | None, typer.Option("--db", help="DuckDB file (default: the configured store).")]
Since = Annotated[str | None, typer.Option("--since", help="First day, YYYY-MM-DD.")]
Until = Annotated[str | None, typer.Option("--until", help="Last day (inclusive), YYYY-MM-DD.")]


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError("E003", None, value=f"{option} {value}") from None


def register(app: typer.Typer, get_settings: Callable[[], Settings]) -> None:
    """Add ``serve``, ``report`` and ``export`` to ``app``."""

    def db_path(db: Path | None) -> Path:
        return db if db is not None else get_settings().db

    def reading(db: Path | None):  # -> context manager of a read-only Store
        from realpolitik.store.access import Database

        return Database(db_path(db), wait=get_settings().lock_wait).read()

    @app.command()
    def serve(
        db: Db = None,
        host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    ) -> None:
        """Run the local web app and JSON API (read-only unless $REALPOLITIK_TOKEN is set)."""
        import uvicorn

        from realpolitik.web.app import create_app

        web = create_app(db_path(db), token=os.environ.get("REALPOLITIK_TOKEN") or None)
        typer.echo(f"realpolitik on http://{host}:{port}/  (API schema: /openapi.json)", err=True)
        uvicorn.run(web, host=host, port=port, log_level="warning")

    @app.command()
    def report(
        dyad: Annotated[tuple[str, str], typer.Option("--dyad", help="The two actors, e.g. --dyad RUS PRK.")],
        output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")],
        since: Since = None,
        db: Db = None,
    ) -> None:
        """Write a self-contained HTML report on one dyad, with charts, key events and evidence."""
        from realpolitik.reports import dyad_report

        with reading(db) as store:
            html = dyad_report(store, dyad[0], dyad[1], since=_day(since, "--since"))
        output.write_text(html, encoding="utf-8")
        typer.echo(f"wrote {output}", err=True)

    @app.command("export")
    def export_cmd(
        output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
        fmt: Annotated[
            str, typer.Option("--format", "-f", help="gdelt-csv, jsonl, parquet, graphml or gexf.")
        ] = "jsonl",
        actor: Annotated[str | None, typer.Option(help="Events with this actor (code or country).")] = None,
        dyad: Annotated[tuple[str, str] | None, typer.Option(help="Events between two actors.")] = None,
        code: Annotated[str | None, typer.Option(help="CAMEO code prefix, e.g. 04.")] = None,
        since: Since = None,
        until: Until = None,
        db: Db = None,
    ) -> None:
        """Export events (GDELT-style CSV, PLOVER-style JSON lines, Parquet) or the network (GraphML/GEXF)."""
        from realpolitik.exports import EventFilter, export

        filters = EventFilter(
            actor=actor, dyad=dyad, code=code, since=_day(since, "--since"), until=_day(until, "--until")
        )
        with reading(db) as store:
            n = export(store, output, fmt, filters)
        typer.echo(f"wrote {n} {'edges' if fmt in ('graphml', 'gexf') else 'events'} to {output}", err=True)
