"""The command line: parse arguments, call the library, print.  No logic lives here."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.table import Table

from realpolitik.cli_analytics import check_output
from realpolitik.errors import RealpolitikError, UsageError
from realpolitik.settings import Settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Code political events from news text and analyse alignments, offline.",
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    Path | None, typer.Option("--db", help="DuckDB file (default ./realpolitik.duckdb or $REALPOLITIK_DB).")
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, csv or jsonl.")]


def settings(db: Path | None = None) -> Settings:
    return Settings.from_env().with_db(db)


def parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError("E003", None, value=f"{option} {value}") from None


def example_corpus() -> Path:
    return Path(str(resources.files("realpolitik") / "data" / "corpus" / "articles"))


# ---- ingest ----------------------------------------------------------------------------------
@app.command()
def ingest(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, folders, or - for stdin.")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for documents without one.")
    ] = None,
    examples: Annotated[
        bool, typer.Option("--examples", help="Ingest the example corpus shipped with realpolitik.")
    ] = False,
    actors: Annotated[
        Path | None, typer.Option(help="Your own actors file (YAML or CSV) to add or override.")
    ] = None,
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    # -- distributed coding (realpolitik.scale, docs/scale.md) --
    workers: Annotated[
        int | None, typer.Option("--workers", help="Code on N local worker processes (Dask).")
    ] = None,
    cluster: Annotated[
        str | None, typer.Option("--cluster", help="Code on a running Dask scheduler tcp://HOST:PORT.")
    ] = None,
) -> None:
    """Read articles, code the new English ones, store everything. Safe to re-run."""
    from realpolitik.coder import Coder
    from realpolitik.pipeline import ingest as run_ingest
    from realpolitik.store.access import Database

    targets = list(paths or [])
    if examples:
        targets.append(str(example_corpus()))
    if not targets:
        raise UsageError("E007", None)
    s = settings(db)
    if actors is not None:
        s = replace(s, user_actors=actors)
        from realpolitik.actors.kb import build_kb

        build_kb(actors)  # validate before touching the store
    day = parse_date(published, "--published")
    scale = None
    if workers is not None or cluster is not None:
        from realpolitik.scale import Scale

        scale = Scale(s, workers=workers, cluster=cluster)
    with _progress(quiet) as progress:
        stats = run_ingest(
            targets,
            Database(s.db, wait=s.lock_wait),
            coder=lambda: Coder(s),
            published=day,
            stdin=sys.stdin,
            max_bytes=s.max_file_bytes,
            progress=progress,
            scale=scale,
        )
    for problem in stats.problems:
        err.print(problem, markup=False, highlight=False)
    summary = (
        f"{stats.n_new} new document(s), {stats.n_skipped} already stored, {stats.n_failed} failed; "
        f"{stats.n_events} events coded; {stats.n_non_english} non-English stored but not coded"
    )
    if stats.n_duplicates:
        summary += f"; {stats.n_duplicates} near-duplicate(s) of stored articles linked, not coded again"
    if stats.n_undated:
        summary += f"; {stats.n_undated} without a publication date (events dated from the text only)"
    err.print(summary + f"  [{s.db}]", markup=False, highlight=False)
    if stats.n_failed:
        raise typer.Exit(1)


class _progress:
    """A progress bar on stderr for runs of more than a few documents."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> _progress:
        return self

    def __call__(self, done: int, total: int, label: str) -> None:
        if self.quiet or total < 3:
            return
        if self.bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            self.bar = Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=err,
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("coding", total=total)
        self.bar.update(self.task, completed=done, description=f"coding {label[:40]}")

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


# ---- code ------------------------------------------------------------------------------------
@app.command()
def code(
    input: Annotated[str, typer.Option("--input", "-i", help="JSONL file of {id, text, date}, or -.")] = "-",
    output: Annotated[str, typer.Option("--output", "-o", help="Output JSONL file, or -.")] = "-",
    actors: Annotated[Path | None, typer.Option(help="Your own actors file (YAML or CSV).")] = None,
) -> None:
    """Code sentences without a database: one JSON line out per line in."""
    from realpolitik.coder import Coder
    from realpolitik.records import Document

    s = settings()
    if actors is not None:
        s = replace(s, user_actors=actors)
    source = _open_in(input)
    try:
        records, problems = _read_code_input(source, input)
    finally:
        if source is not sys.stdin:
            source.close()
    coder = Coder(s)
    docs = [Document(id=str(r["id"]), text=r["text"], published=r["date"]) for r in records if "text" in r]
    coded = iter(coder.code_documents(docs))
    with _open_out(output) as sink:
        for r in records:
            line: dict[str, Any] = {"id": r["id"]}
            if "error" in r:
                line.update(events=[], error=r["error"])
            else:
                line["events"] = [e.as_json() for e in next(coded).events]
            sink.write(json.dumps(line, ensure_ascii=False) + "\n")
    for p in problems:
        err.print(p, markup=False, highlight=False)
    if problems:
        raise typer.Exit(1)


def _open_in(path: str) -> TextIO:
    if path == "-":
        return sys.stdin
    p = Path(path)
    if not p.is_file():
        raise UsageError("E001", path)
    return p.open(encoding="utf-8", errors="strict")


class _open_out:
    def __init__(self, path: str) -> None:
        self.path = path
        self.f: TextIO | None = None

    def __enter__(self) -> TextIO:
        if self.path == "-":
            return sys.stdout
        try:
            self.f = Path(self.path).open("w", encoding="utf-8")
        except OSError as exc:
            raise UsageError("E008", self.path, detail=exc.strerror or str(exc)) from None
        return self.f

    def __exit__(self, *exc: object) -> None:
        if self.f is not None:
            self.f.close()


def _read_code_input(source: TextIO, name: str) -> tuple[list[dict[str, Any]], list[str]]:
    records: list[dict[str, Any]] = []
    problems: list[str] = []
    try:
        lines = list(source)
    except UnicodeDecodeError as exc:
        raise UsageError("E009", name, detail=f"not valid UTF-8 at byte {exc.start}") from None
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise ValueError("needs an object with a 'text' string")
            day = date.fromisoformat(obj["date"]) if obj.get("date") else None
            records.append({"id": obj.get("id", n), "text": obj["text"], "date": day})
        except (ValueError, TypeError) as exc:
            msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            records.append({"id": f"line-{n}", "error": msg})
            problems.append(f"E106 {name}:{n}: malformed JSON line: {msg}")
    return records, problems


# ---- events, brief, stats, actors ------------------------------------------------------------
@app.command()
def events(
    actor: Annotated[str | None, typer.Option(help="Actor code or country (RUS, RUSGOV, IGOUNO).")] = None,
    dyad: Annotated[tuple[str, str] | None, typer.Option(help="Two actors, either direction.")] = None,
    since: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    code: Annotated[str | None, typer.Option("--code", help="CAMEO code prefix (05, 057).")] = None,
    dataset: Annotated[str | None, typer.Option(help="realpolitik, gdelt1, gdelt2, icews ...")] = None,
    limit: Annotated[int | None, typer.Option()] = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """List stored events with their evidence."""
    from realpolitik.export import events_json

    check_output(fmt)
    with _open_store(db) as store:
        frame = store.events(
            actor=actor,
            dyad=dyad,
            since=parse_date(since, "--since"),
            until=parse_date(until, "--until"),
            code=code,
            dataset=dataset,
            limit=limit,
        )
    rows = list(events_json(frame))
    if fmt == "jsonl":
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        _write_csv(_flat_events(rows))
    else:
        _print_events(rows)


def _open_store(db: Path | None):  # -> context manager of a read-only Store
    from realpolitik.store.access import Database

    s = settings(db)
    return Database(s.db, wait=s.lock_wait).read()


def _flat_events(rows: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for r in rows:
        flat = {k: v for k, v in r.items() if k not in {"source", "target", "text_span", "sentence_span"}}
        for side in ("source", "target"):
            for part in ("code", "country", "role", "name"):
                flat[f"{side}_{part}"] = (r[side] or {}).get(part)
        flat["trigger_start"], flat["trigger_end"] = r["text_span"]
        yield flat


def _write_csv(rows: Iterator[dict[str, Any]]) -> None:
    writer = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(row)


def _print_events(rows: list[dict[str, Any]]) -> None:
    table = Table("date", "source", "code", "target", "gs", "evidence", show_lines=False)
    for r in rows:
        table.add_row(
            r["event_date"] or "?",
            (r["source"] or {}).get("code") or "",
            f"{r['cameo']} {r['plover'] or ''}",
            (r["target"] or {}).get("code") or "-",
            f"{r['goldstein']:+.1f}",
            _short(r["quote"] or r["sentence"] or "", 90),
        )
    out.print(table)
    out.print(f"{len(rows)} event(s)")


def _when(value: Any, precision: str | None) -> str:
    text = str(value)[:10] if value is not None and str(value) not in {"NaT", "None", "nan"} else "?"
    if text == "?":
        return text
    return {"month": text[:7], "year": text[:4], "decade": text[:3] + "0s"}.get(precision or "", text)


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


@app.command()
def brief(
    doc_id: Annotated[str | None, typer.Argument(help="A document id (a unique prefix is enough).")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Brief the whole store.")] = False,
    db: DbOption = None,
) -> None:
    """A readable brief: documents, actors, a dated timeline, the strongest dyads."""
    from realpolitik.brief import make_brief

    if doc_id is None and not all_:
        all_ = True
    with _open_store(db) as store:
        b = make_brief(store, None if all_ else doc_id)
    _print_brief(b)


def _print_brief(b: Any) -> None:
    s = b.stats
    out.rule("realpolitik brief")
    out.print(
        f"{s['documents']} documents ({s['english']} English, {s['non_english']} other languages, "
        f"{s['undated']} undated), {s['sentences']} sentences, {s['coded_events']} coded events, "
        f"{s['actors']} actors.  Database: {s['db_path']}"
    )
    docs = Table("published", "title", "events", "lang", title="Documents")
    for r in b.documents.head(40).to_dict(orient="records"):
        docs.add_row(
            str(r["published"])[:10] if r["published"] is not None else "unknown",
            _short(r["title"] or r["path"] or "", 70),
            str(r["n_events"]),
            r["language"] or "",
        )
    out.print(docs)
    actors = Table("actor", "name", "as source", "as target", title="Most active actors")
    for r in b.actors.to_dict(orient="records"):
        actors.add_row(r["code"], _short(str(r["name"] or ""), 40), str(r["as_source"]), str(r["as_target"]))
    out.print(actors)
    out.rule("Timeline (event date, source -> target, CAMEO code, evidence)")
    from realpolitik.cameo import cameo_table

    names = cameo_table()
    for r in b.timeline.to_dict(orient="records"):
        when = _when(r["event_date"], r.get("date_precision"))
        desc = names[r["cameo"]].description if r["cameo"] in names else r["cameo"]
        out.print(
            f"{when:10s} {r['source_code']} -> {r['target_code'] or '-'}  {r['cameo']} {_short(desc, 40)}",
            markup=False,
            highlight=False,
        )
        out.print(f'{"":10s}   "{_short(str(r["sentence_text"] or ""), 100)}"', markup=False, highlight=False)
    for title, frame in (
        ("Strongest cooperative dyads", b.cooperative),
        ("Strongest conflictual dyads", b.conflictual),
    ):
        t = Table("dyad", "events", "Goldstein sum", "mean", "coop", "conflict", "first", "last", title=title)
        for r in frame.to_dict(orient="records"):
            t.add_row(
                f"{r['a']}-{r['b']}",
                str(r["events"]),
                f"{r['goldstein_sum']:+.1f}",
                f"{r['goldstein_mean']:+.2f}",
                str(r["cooperative"]),
                str(r["conflictual"]),
                str(r["first"])[:10],
                str(r["last"])[:10],
            )
        out.print(t)


@app.command()
def stats(db: DbOption = None) -> None:
    """Counts of what the store holds."""
    with _open_store(db) as store:
        s = store.stats()
    for k, v in s.items():
        out.print(f"{k:>15}: {v}")


@app.command("actors")
def actors_cmd(
    name: Annotated[
        str | None, typer.Argument(help="A name or phrase to resolve, e.g. 'the Kremlin'.")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="Resolve as of YYYY-MM-DD (offices change).")
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="Actors seen in the store, with counts.")] = False,
    actors: Annotated[Path | None, typer.Option(help="Your own actors file (YAML or CSV).")] = None,
    db: DbOption = None,
) -> None:
    """Show how a name resolves to a CAMEO actor and why, or list the actors in the store."""
    if list_:
        with _open_store(db) as store:
            frame = store.actor_counts()
        t = Table("actor", "country", "name", "as source", "as target", "total")
        for r in frame.to_dict(orient="records"):
            t.add_row(
                r["code"],
                r["country"] or "",
                _short(str(r["name"] or ""), 40),
                str(r["as_source"]),
                str(r["as_target"]),
                str(r["total"]),
            )
        out.print(t)
        return
    if not name:
        raise UsageError("E010", None)
    from realpolitik.actors.explain import explain

    s = settings(db)
    if actors is not None:
        s = replace(s, user_actors=actors)
    for line in explain(name, parse_date(on, "--date"), s):
        out.print(line, markup=False, highlight=False)


def _register_extensions() -> None:
    from realpolitik import cli_analytics
    from realpolitik.web import cli as web_cli

    cli_analytics.register(app, Settings.from_env)
    web_cli.register(app, Settings.from_env)


_register_extensions()


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app; user errors become one line on stderr and an exit status."""
    try:
        rc = app(args=argv, standalone_mode=False)
    except RealpolitikError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except KeyboardInterrupt:
        err.print("interrupted: everything committed so far is kept; run the same command again to finish")
        return 130
    except Exception as exc:  # click usage errors and aborts
        import click

        if isinstance(exc, click.exceptions.UsageError):
            err.print(f"error: {exc.format_message()}", markup=False, highlight=False)
            return 2
        if isinstance(exc, click.exceptions.Abort):
            return 1
        raise
    return rc if isinstance(rc, int) else 0


if __name__ == "__main__":
    raise SystemExit(main())
