"""Commands for imports and alignment analytics: ``import``, ``dyad``, ``network``, ``blocs``, ``shifts``.

``register(app, get_settings)`` adds them to a Typer app.  They parse options, call
``realpolitik.importers`` / ``realpolitik.analytics`` and print a rich table, CSV or JSON lines
(``--format``); ``--plot FILE.png|svg`` writes a picture too.  Bad input raises ``UsageError`` /
``InputError`` (the main CLI turns them into one line and an exit status).
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from rich.console import Console
from rich.table import Table

from realpolitik.errors import StoreError, UsageError
from realpolitik.settings import Settings

if TYPE_CHECKING:  # pandas loads in ~0.7 s; commands that print no table (``code``) never need it
    import pandas as pd

OUTPUTS = ("table", "csv", "jsonl")

Db = Annotated[Path | None, typer.Option("--db", help="DuckDB file (default: the configured store).")]
Output = Annotated[str, typer.Option("--format", "-f", help="Output: table, csv or jsonl.")]
Since = Annotated[str | None, typer.Option("--since", help="First day: YYYY-MM-DD, YYYY-MM or YYYY.")]
Until = Annotated[
    str | None, typer.Option("--until", help="Last day (inclusive): YYYY-MM-DD, YYYY-MM or YYYY.")
]
Plot = Annotated[Path | None, typer.Option("--plot", help="Also draw the result to FILE.png or FILE.svg.")]
Datasets = Annotated[
    list[str] | None,
    typer.Option(
        "--dataset", "-d", help="Only these data sets (gdelt1, gdelt2, icews, csv, dyads or full names)."
    ),
]
Count = Annotated[
    str,
    typer.Option(
        "--count",
        help="events: each event cluster once (a happening reported many times counts once); "
        "mentions: every coded sentence and imported row.",
    ),
]


# -- helpers --------------------------------------------------------------------------------------


def _console() -> Console:
    return Console(file=sys.stdout, soft_wrap=True, width=160 if not sys.stdout.isatty() else None)


def check_output(fmt: str) -> str:
    if fmt not in OUTPUTS:
        raise UsageError("E002", None, option="--format", value=fmt, expected="table, csv or jsonl")
    return fmt


@contextmanager
def _store(get_settings: Callable[[], Settings], db: Path | None, *, write: bool = False) -> Iterator[Any]:
    """Open the store (read-only for analytics; a store needing new tables is upgraded once)."""
    from realpolitik.store.access import Database

    s = get_settings()
    database = Database(db if db is not None else s.db, wait=s.lock_wait)
    if write:
        with database.write() as store:
            yield store
        return
    try:
        with database.read() as store:
            yield store
    except StoreError as exc:
        if exc.code != "E205":
            raise
        with database.write():
            pass  # apply the pending migrations, then read
        with database.read() as store:
            yield store


def _jsonable(value: Any) -> Any:
    import numpy as np
    import pandas as pd

    if isinstance(value, pd.Timestamp | datetime):
        midnight = value.hour == value.minute == value.second == value.microsecond == 0
        return value.date().isoformat() if midnight else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating | float):
        return None if math.isnan(float(value)) else float(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if value is pd.NaT or value is None:
        return None
    return value


def _cell(value: Any) -> str:
    value = _jsonable(value)
    if value is None:
        return ""
    if isinstance(value, float):
        if abs(value) >= 1e4:
            return f"{value:,.0f}"
        return f"{value:.1f}" if abs(value) >= 100 else f"{value:.4g}"
    if isinstance(value, list):
        from realpolitik.analytics.shifts import describe_driver

        return "; ".join(describe_driver(v) if isinstance(v, dict) else str(v) for v in value)
    return str(value)


def _emit(df: pd.DataFrame, fmt: str, *, title: str | None = None, columns: list[str] | None = None) -> None:
    import pandas as pd

    """Print ``df`` as a rich table, CSV or JSON lines."""
    frame = df[columns] if columns else df
    if fmt == "jsonl":
        for row in frame.to_dict(orient="records"):
            typer.echo(json.dumps({k: _jsonable(v) for k, v in row.items()}, ensure_ascii=False))
        return
    if fmt == "csv":
        out = frame.copy()
        for col in out.columns:
            if out[col].map(lambda v: isinstance(v, list | dict)).any():
                out[col] = out[col].map(lambda v: json.dumps(_jsonable(v), ensure_ascii=False))
            elif pd.api.types.is_datetime64_any_dtype(out[col]):
                out[col] = out[col].dt.strftime("%Y-%m-%d")
        typer.echo(out.to_csv(index=False), nl=False)
        return
    table = Table(*[str(c) for c in frame.columns], title=title)
    for row in frame.itertuples(index=False):
        table.add_row(*[_cell(v) for v in row])
    _console().print(table)


def _say(text: str, fmt: str) -> None:
    """A line of context, printed only with the table format."""
    if fmt == "table":
        _console().print(text, markup=False, highlight=False)


def _check_count(count: str) -> Literal["events", "mentions"]:
    if count == "events":
        return "events"
    if count == "mentions":
        return "mentions"
    raise UsageError("E002", None, option="--count", value=count, expected="events | mentions")


def _check_options(fmt: str, plot: Path | None, count: str) -> Literal["events", "mentions"]:
    """Validate the options every analytics command shares; return the counting mode."""
    check_output(fmt)
    _check_plot(plot)
    return _check_count(count)


def _check_plot(plot: Path | None) -> None:
    if plot is not None:
        from realpolitik.analytics.plots import check_plot_path

        check_plot_path(plot)


# -- commands -------------------------------------------------------------------------------------


def register(app: typer.Typer, get_settings: Callable[[], Settings]) -> None:
    """Add the import and analytics commands to ``app``."""

    @app.command("import")
    def import_cmd(
        files: Annotated[
            list[Path], typer.Argument(help="Event files or dyad series (CSV/TSV, .gz allowed).")
        ],
        fmt: Annotated[
            str | None,
            typer.Option(
                "--format", "-f", help="gdelt, gdelt1, gdelt2, icews, csv or dyads (default: detect)."
            ),
        ] = None,
        mapping: Annotated[
            str | None,
            typer.Option("--mapping", "-m", help="Column mapping field=column,... (csv and dyads)."),
        ] = None,
        output: Annotated[str, typer.Option("--output", help="Report as table, csv or jsonl.")] = "table",
        db: Db = None,
    ) -> None:
        """Import GDELT, ICEWS, CSV events or dyad series into the store (re-importing adds nothing)."""
        from realpolitik.importers import FORMATS, import_files, parse_mapping

        check_output(output)
        if fmt is not None and fmt not in FORMATS:
            raise UsageError("E002", None, option="--format", value=fmt, expected=" | ".join(FORMATS))
        for path in files:
            if not path.exists():
                raise UsageError("E001", path)
        options = parse_mapping(mapping)
        with _store(get_settings, db, write=True) as store:
            report = import_files(store, files, fmt, options)
        if output == "jsonl":
            for f in report.files:
                typer.echo(json.dumps(f.as_json(), ensure_ascii=False))
            return
        _emit(report.as_frame(), output, title="Imported")
        if output == "table":
            for f in report.files:
                for ex in f.examples:
                    _say(f"  bad row {ex.row} of {Path(f.path).name}: {ex.reason}: {ex.raw[:120]}", output)
            _say(f"{report.new} new, {report.existing} already stored, {report.bad} bad rows", output)

    @app.command("dyad")
    def dyad_cmd(
        a: Annotated[str, typer.Argument(help="Actor: CAMEO country (RUS) or actor code (RUSGOV).")],
        b: Annotated[str | None, typer.Argument(help="Second actor (omit: A against everyone).")] = None,
        freq: Annotated[str, typer.Option("--freq", help="day, week, month, quarter or year.")] = "month",
        since: Since = None,
        until: Until = None,
        normalise: Annotated[
            bool, typer.Option("--normalise", "--normalize", help="Add shares of all events (news volume).")
        ] = False,
        directed: Annotated[bool, typer.Option("--directed", help="Only events from A to B.")] = False,
        events: Annotated[
            str | None, typer.Option("--events", help="List the events behind the period holding this date.")
        ] = None,
        limit: Annotated[int, typer.Option("--limit", help="With --events: at most this many.")] = 50,
        datasets: Datasets = None,
        count: Count = "events",
        fmt: Output = "table",
        plot: Plot = None,
        db: Db = None,
    ) -> None:
        """A and B over time: events, Goldstein, quad-class shares, cooperation-conflict balance."""
        from realpolitik.analytics.dyads import dyad_events, dyad_series

        mode = _check_options(fmt, plot, count)
        brief = [
            "event_date",
            "source_code",
            "target_code",
            "cameo",
            "goldstein",
            "quad_class",
            "num_mentions",
            "dataset",
            "text",
            "url",
        ]
        with _store(get_settings, db) as store:
            if events is not None:
                df = dyad_events(
                    store, a, b, events, freq, directed=directed, datasets=datasets, limit=limit, count=mode
                )
                title = f"Events {a}-{b or '*'} in the {freq} of {events}"
                _emit(df, fmt, title=title, columns=brief if fmt == "table" else None)
                return
            df = dyad_series(
                store,
                a,
                b,
                freq=freq,
                since=since,
                until=until,
                directed=directed,
                normalise=normalise,
                datasets=datasets,
                count=mode,
            )
        cols = [
            "period",
            "events",
            "goldstein_sum",
            "goldstein_mean",
            "share_verbal_coop",
            "share_material_coop",
            "share_verbal_conflict",
            "share_material_conflict",
            "balance",
        ]
        if df["weight_count"].sum() > 0 if len(df) else False:
            cols += ["weight", "weight_count"]
        if normalise:
            cols += ["volume", "events_share", "goldstein_norm"]
        if fmt == "table":
            _emit(df, fmt, title=f"{a.upper()}-{(b or '*').upper()} per {freq}", columns=cols)
        else:
            _emit(df, fmt)
        if plot is not None and len(df):
            from realpolitik.analytics.plots import plot_dyad

            plot_dyad(df, plot, title=f"{a.upper()}-{(b or 'all').upper()}")

    @app.command("network")
    def network_cmd(
        since: Since = None,
        until: Until = None,
        min_events: Annotated[int, typer.Option("--min-events", help="Drop pairs with fewer events.")] = 1,
        weight: Annotated[
            str, typer.Option("--weight", help="goldstein (sum), balance or mean.")
        ] = "goldstein",
        show: Annotated[
            str, typer.Option("--show", help="Rows for csv/jsonl: nodes, edges or triads.")
        ] = "nodes",
        top: Annotated[int, typer.Option("--top", help="Table: show this many actors.")] = 25,
        triads: Annotated[int, typer.Option("--triads", help="How many frustrated triads to list.")] = 10,
        betweenness: Annotated[bool, typer.Option("--betweenness/--no-betweenness")] = True,
        datasets: Datasets = None,
        count: Count = "events",
        fmt: Output = "table",
        plot: Plot = None,
        db: Db = None,
    ) -> None:
        """The signed country network: centrality, structural balance, most frustrated triads."""
        from realpolitik.analytics.network import analyse_network

        mode = _check_options(fmt, plot, count)
        if show not in ("nodes", "edges", "triads"):
            raise UsageError("E002", None, option="--show", value=show, expected="nodes, edges or triads")
        with _store(get_settings, db) as store:
            net = analyse_network(
                store,
                since,
                until,
                weight=weight,
                min_events=min_events,
                datasets=datasets,
                top_triads=triads,
                betweenness=betweenness,
                count=mode,
            )
        bal = net.balance.as_json()
        if fmt == "table":
            _say(
                f"{len(net.nodes)} actors, {len(net.edges)} pairs; {bal['triads']} triads, share balanced "
                f"{bal['share_balanced']} (weighted {bal['weighted_share_balanced']})",
                fmt,
            )
            _emit(net.nodes.head(top), fmt, title="Most central actors")
            _emit(net.balance.frustrated, fmt, title="Most frustrated triads")
        else:
            frame = {"nodes": net.nodes, "edges": net.edges, "triads": net.balance.frustrated}[show]
            _emit(frame, fmt)
        if plot is not None:
            from realpolitik.analytics.plots import plot_network

            plot_network(net.edges, plot, title=f"Signed network {since or ''}..{until or ''}")

    @app.command("blocs")
    def blocs_cmd(
        since: Since = None,
        until: Until = None,
        method: Annotated[
            str, typer.Option("--method", help="alignment (similar stances) or interaction.")
        ] = ("alignment"),
        window: Annotated[
            str | None,
            typer.Option("--window", help="Blocs per month, quarter or year, with their stability."),
        ] = None,
        min_events: Annotated[int, typer.Option("--min-events", help="Drop pairs with fewer events.")] = 1,
        min_common: Annotated[
            int, typer.Option("--min-common", help="alignment: least common partners to compare two actors.")
        ] = 5,
        top_actors: Annotated[
            int | None, typer.Option("--top-actors", help="Only the N most active actors.")
        ] = None,
        resolution: Annotated[
            float, typer.Option("--resolution", help="Above 1: more, smaller blocs.")
        ] = 1.0,
        weight: Annotated[str, typer.Option("--weight", help="interaction: goldstein, balance or mean.")] = (
            "goldstein"
        ),
        datasets: Datasets = None,
        count: Count = "events",
        fmt: Output = "table",
        plot: Plot = None,
        db: Db = None,
    ) -> None:
        """Blocs of aligned actors (signed community detection), optionally per window with stability."""
        from realpolitik.analytics.blocs import bloc_stability, bloc_summary, blocs

        mode = _check_options(fmt, plot, count)
        options: dict[str, Any] = {
            "method": method,
            "weight": weight,
            "min_events": min_events,
            "min_common": min_common,
            "resolution": resolution,
            "datasets": datasets,
            "top_actors": top_actors,
            "count": mode,
        }
        with _store(get_settings, db) as store:
            if window is None:
                df = blocs(store, since, until, **options)
                edges = None
                if plot is not None:
                    from realpolitik.analytics.network import edge_table

                    edges = edge_table(
                        store,
                        since,
                        until,
                        weight=weight,
                        min_events=min_events,
                        datasets=datasets,
                        count=mode,
                    )
            else:
                timeline = bloc_stability(store, since, until, window=window, **options)
        if window is None:
            if fmt == "table":
                _say(
                    f"{df.attrs.get('n_blocs', 0)} blocs, "
                    f"signed modularity {df.attrs.get('modularity', 0):.3f} ({method})",
                    fmt,
                )
                _emit(bloc_summary(df), fmt, title="Blocs")
            else:
                _emit(df, fmt)
            if plot is not None and edges is not None:
                from realpolitik.analytics.plots import plot_network

                plot_network(edges, plot, membership=df, title=f"Blocs ({method})")
            return
        if fmt == "table":
            _emit(timeline.windows, fmt, title=f"Blocs per {window}")
            _emit(timeline.actors.head(40), fmt, title="Membership stability (most stable first)")
        else:
            _emit(timeline.membership, fmt)
        if plot is not None and len(timeline.membership):
            from realpolitik.analytics.plots import plot_blocs

            plot_blocs(timeline.membership, plot, title=f"Blocs per {window} ({method})")

    @app.command("shifts")
    def shifts_cmd(
        a: Annotated[str | None, typer.Argument(help="With B and no periods: change points of A-B.")] = None,
        b: Annotated[str | None, typer.Argument(help="Second actor.")] = None,
        before: Annotated[str | None, typer.Option("--before", help="START:END (e.g. 2021:2022).")] = None,
        after: Annotated[
            str | None, typer.Option("--after", help="START:END (e.g. 2023 or 2023-01:2023-06).")
        ] = (None),
        top: Annotated[int, typer.Option("--top", help="How many movers.")] = 20,
        metric: Annotated[
            str, typer.Option("--metric", help="auto, weight, balance, goldstein or events.")
        ] = "auto",
        direction: Annotated[str, typer.Option("--direction", help="both, up (warming) or down.")] = "both",
        min_events: Annotated[int, typer.Option("--min-events", help="Least events per pair.")] = 3,
        actor: Annotated[
            str | None, typer.Option("--actor", help="Only pairs involving this country.")
        ] = None,
        drivers: Annotated[int, typer.Option("--drivers", help="Driving events (or months) per mover.")] = 3,
        freq: Annotated[str, typer.Option("--freq", help="Change points: series frequency.")] = "month",
        since: Since = None,
        until: Until = None,
        max_points: Annotated[
            int, typer.Option("--max-points", help="Change points: at most this many.")
        ] = 5,
        datasets: Datasets = None,
        count: Count = "events",
        fmt: Output = "table",
        plot: Plot = None,
        db: Db = None,
    ) -> None:
        """Movers between two periods (--before/--after), or change points of the dyad A B."""
        from realpolitik.analytics.shifts import metric_values, movers, series_change_points

        mode = _check_options(fmt, plot, count)
        if before is None and after is None:
            if not (a and b):
                raise UsageError(
                    "E002",
                    None,
                    option="--before/--after",
                    value="(none)",
                    expected="both periods for movers, or two actors A B for change points",
                )
            from realpolitik.analytics.dyads import dyad_series

            with _store(get_settings, db) as store:
                series = dyad_series(
                    store, a, b, freq=freq, since=since, until=until, datasets=datasets, count=mode
                )
            if series.empty:
                import pandas as pd

                _emit(pd.DataFrame(columns=["period", "before", "after", "change"]), fmt)
                return
            values, used = metric_values(series, metric)
            cps = series_change_points(values, max_points=max_points)
            cps["metric"] = used
            _say(f"{a.upper()}-{b.upper()}: {len(cps)} change points in the {used} series per {freq}", fmt)
            _emit(cps, fmt, title="Change points")
            if plot is not None:
                from realpolitik.analytics.plots import plot_dyad

                plot_dyad(
                    series,
                    plot,
                    title=f"{a.upper()}-{b.upper()}",
                    change_points=cps,
                    value="balance" if used == "balance" else "weight",
                )
            return
        if before is None or after is None:
            raise UsageError(
                "E002",
                None,
                option="--before/--after",
                value=str(before or after),
                expected="both --before and --after",
            )
        with _store(get_settings, db) as store:
            df = movers(
                store,
                before,
                after,
                top=top,
                metric=metric,
                direction=direction,
                min_events=min_events,
                actor=actor,
                datasets=datasets,
                drivers=drivers,
                count=mode,
            )
        if fmt == "table":
            _say(
                f"{len(df)} movers from {before} to {after} ({df['metric'].iloc[0] if len(df) else metric})",
                fmt,
            )
        _emit(df, fmt, title="Movers (most moved first)")
        if plot is not None and len(df):
            from realpolitik.analytics.plots import plot_movers

            plot_movers(df, plot, title=f"{before} -> {after}")

    @app.command("clusters")
    def clusters_cmd(
        actor: Annotated[
            str | None, typer.Option("--actor", help="Only clusters with this country or actor code.")
        ] = None,
        since: Since = None,
        until: Until = None,
        min_mentions: Annotated[
            int, typer.Option("--min-mentions", help="Only clusters with at least this many mentions.")
        ] = 1,
        limit: Annotated[int | None, typer.Option("--limit", help="At most this many clusters.")] = 50,
        members: Annotated[
            bool, typer.Option("--members", help="List the mentions of each cluster, with the reasons.")
        ] = False,
        fmt: Output = "table",
        db: Db = None,
    ) -> None:
        """Event clusters: one happening with its mentions across sentences and documents."""
        from realpolitik.analytics.common import normalise_actor, parse_date
        from realpolitik.dedupe.clusters import cluster_counts, cluster_members, list_clusters

        check_output(fmt)
        who = normalise_actor(actor, "--actor") if actor else None
        first = parse_date(since, option="--since")
        last = parse_date(until, end=True, option="--until")
        with _store(get_settings, db) as store:
            df = list_clusters(
                store, actor=who, since=first, until=last, min_mentions=min_mentions, limit=limit
            )
            counts = cluster_counts(store)
            mem = cluster_members(store, list(df["cluster_id"])) if members else None
        if fmt != "table":
            _emit(mem if mem is not None else df, fmt)
            return
        _say(
            f"{counts['mentions']} coded events (mentions) in {counts['clusters']} clusters; {len(df)} shown",
            fmt,
        )
        cols = [
            "cluster_id",
            "event_date",
            "source_code",
            "target_code",
            "cameo",
            "n_mentions",
            "n_documents",
            "n_sources",
            "first_report",
            "text",
        ]
        if mem is None:
            _emit(df, fmt, title="Event clusters (most mentioned first)", columns=cols)
            return
        for row in df.itertuples(index=False):
            part = mem[mem["cluster_id"] == row.cluster_id]
            title = (
                f"{row.cluster_id} {row.source_code}->{row.target_code} {row.cameo} {_cell(row.event_date)}: "
                f"{row.n_mentions} mentions, {row.n_documents} documents, {row.n_sources} sources"
            )
            _emit(
                part,
                fmt,
                title=title,
                columns=["best", "event_id", "outlet", "published", "cameo", "event_date", "reason", "text"],
            )
