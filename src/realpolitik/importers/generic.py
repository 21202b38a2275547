"""Generic CSV events (with a column mapping) → ``events``; dyad series → ``dyad_weights``.

**Events CSV** (``--format csv``): any delimited file with a header.  ``mapping`` says which file
column holds which field (``date=day,source=actor1,target=actor2,cameo=code``); fields not mapped are
looked up by their usual names (``date``, ``source``, ``source_country``, ``cameo``, ``goldstein`` ...).
Needed: a date and a source actor (code or country).  Country codes default to the first three letters
of the actor code; Goldstein score, quad class and PLOVER type come from the CAMEO table when the file
has none.  ``event_id`` = ``csv:<stem>:<id column>``, or a hash of the row without one.

**Dyad series** (``--format dyads``): columns ``date,a,b,weight`` and optionally ``count``; ``a`` and
``b`` are CAMEO (or ISO-3) country codes.  Dates may be ``YYYY-MM-DD``, ``YYYYMMDD``, ``YYYY-MM``,
``YYYYMM`` or ``YYYY``; a month or year date marks the row as covering that month or year.  Other column
names are mapped the same way (``date=yyyymm,a=iso3_a,b=iso3_b,weight=weight_sum,count=active_days``;
these particular ones are also recognised without a mapping).

Both accept ``date_format`` (a strptime format) and ``dataset`` in the mapping.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import duckdb

from realpolitik.errors import InputError, UsageError
from realpolitik.importers.base import (
    FileReport,
    Sniff,
    Timer,
    clean,
    insert_staged,
    normalise_name,
    raw_line_sql,
    read_csv_sql,
    sql_str,
    stage,
)
from realpolitik.importers.gdelt import EVENT_COLUMNS

EVENT_FIELDS: dict[str, tuple[str, ...]] = {
    "event_id": ("eventid", "id", "globaleventid"),
    "date": ("date", "eventdate", "day", "sqldate"),
    "source": ("source", "sourcecode", "sourceactor", "actor1code", "actor1"),
    "source_country": ("sourcecountry", "actor1countrycode", "actor1country"),
    "source_role": ("sourcerole", "actor1type1code"),
    "source_name": ("sourcename", "actor1name"),
    "target": ("target", "targetcode", "targetactor", "actor2code", "actor2"),
    "target_country": ("targetcountry", "actor2countrycode", "actor2country"),
    "target_role": ("targetrole", "actor2type1code"),
    "target_name": ("targetname", "actor2name"),
    "cameo": ("cameo", "cameocode", "eventcode", "code"),
    "goldstein": ("goldstein", "goldsteinscale", "intensity"),
    "quad_class": ("quadclass", "quad"),
    "url": ("url", "sourceurl"),
    "quote": ("quote", "text", "sentence"),
    "location": ("location", "place"),
    "location_country": ("locationcountry",),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon", "long", "lng"),
    "num_mentions": ("nummentions", "mentions"),
    "num_sources": ("numsources", "sources"),
}
DYAD_FIELDS: dict[str, tuple[str, ...]] = {
    "date": ("date", "yyyymm", "month", "period", "day", "yearmonth"),
    "a": ("a", "iso3a", "countrya", "countrycodea", "actora", "source", "actor1"),
    "b": ("b", "iso3b", "countryb", "countrycodeb", "actorb", "target", "actor2"),
    "weight": ("weight", "weightsum", "value", "score", "relationsscore"),
    "count": ("count", "activedays", "events", "n", "numevents"),
}
OPTIONS = ("date_format", "dataset")
DYAD_COLUMNS = ("dataset", "date", "a", "b", "weight", "count", "period")


def file_stem(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".zst", ".bz2"):
        name = name.removesuffix(suffix)
    return re.sub(r"\.(csv|tsv|txt|tab|dat)$", "", name, flags=re.IGNORECASE)


def is_dyads(s: Sniff) -> bool:
    names = set(s.names)
    return s.header is not None and all(
        any(c in names for c in DYAD_FIELDS[f]) for f in ("date", "a", "b", "weight")
    )


def resolve_columns(
    s: Sniff, fields: Mapping[str, tuple[str, ...]], mapping: Mapping[str, str], fmt: str
) -> dict[str, int]:
    """Field → column index: from ``mapping`` first, then the usual names; checks the mapping."""
    if s.header is None:
        raise InputError("E101", s.path, reason=f"a {fmt} file needs a header row naming its columns")
    header = [h.strip().strip('"') for h in s.header]
    offset = 1 if s.leading_index else 0
    out: dict[str, int] = {}
    for key, column in mapping.items():
        if key in OPTIONS:
            continue
        if key not in fields:
            raise UsageError(
                "E002",
                None,
                option="--mapping",
                value=f"{key}={column}",
                expected="fields: " + ", ".join([*fields, *OPTIONS]),
            )
        if column in header:
            out[key] = header.index(column) + offset
        elif normalise_name(column) in s.names:
            out[key] = s.names.index(normalise_name(column))
        else:
            raise UsageError(
                "E002",
                None,
                option="--mapping",
                value=f"{key}={column}",
                expected=f"a column of {s.path.name}: " + ", ".join(header[:30]),
            )
    for key, candidates in fields.items():
        if key not in out:
            idx = s.index_of(*candidates)
            if idx is not None and idx not in out.values():
                out[key] = idx
    return out


def _date_sql(expr: str, date_format: str | None) -> tuple[str, str]:
    """SQL for (date, precision) from a text column, trying the usual layouts."""
    if date_format:
        d = f"TRY_STRPTIME({expr}, {sql_str(date_format)})::DATE"
        return d, f"CASE WHEN {d} IS NOT NULL THEN 'day' END"
    day = (
        f"coalesce(TRY_CAST({expr} AS DATE), TRY_STRPTIME({expr}, '%Y%m%d')::DATE, "
        f"TRY_STRPTIME({expr}, '%Y/%m/%d')::DATE, TRY_CAST(TRY_CAST({expr} AS TIMESTAMP) AS DATE))"
    )
    month = (
        f"coalesce(TRY_STRPTIME({expr} || '-01', '%Y-%m-%d')::DATE, "
        f"TRY_STRPTIME({expr} || '01', '%Y%m%d')::DATE)"
    )
    year = (
        f"CASE WHEN regexp_full_match({expr}, '[0-9]{{4}}') "
        f"THEN TRY_STRPTIME({expr} || '0101', '%Y%m%d')::DATE END"
    )
    d = f"coalesce({day}, {month}, {year})"
    precision = (
        f"CASE WHEN {day} IS NOT NULL THEN 'day' WHEN {month} IS NOT NULL THEN 'month' "
        f"WHEN {year} IS NOT NULL THEN 'year' END"
    )
    return d, precision


def _dataset(prefix: str, s: Sniff, mapping: Mapping[str, str]) -> str:
    name = mapping.get("dataset") or file_stem(Path(s.path))
    return name if name.startswith(prefix + ":") else f"{prefix}:{name}"


def _col(cols: dict[str, int], key: str) -> str:
    return clean(f"c{cols[key]}" if key in cols else None)


def _events_sql(s: Sniff, cols: dict[str, int], dataset: str, date_format: str | None) -> str:
    def t(key: str) -> str:
        return _col(cols, key)

    d, precision = _date_sql("date_raw", date_format)
    ds = sql_str(dataset)
    reason = sql_str(f"imported from {s.path.name}")
    row_text = raw_line_sql(s.width, s.delimiter)
    id_expr = (
        f"{ds} || ':' || {t('event_id')}"
        if "event_id" in cols
        else f"{ds} || ':h' || left(md5({row_text}), 16)"
    )

    def country(side: str) -> str:
        return (
            f"coalesce(upper({t(side + '_country')}), "
            f"CASE WHEN regexp_matches({side}_code, '^[A-Z]{{3}}') THEN left({side}_code, 3) END)"
        )

    return f"""
        WITH raw AS (SELECT row_number() OVER () AS _row, * FROM {read_csv_sql(s)}),
        base AS (
            SELECT _row,
                {id_expr} AS event_id,
                {t("date")} AS date_raw,
                {d} AS event_date,
                {precision} AS date_precision,
                upper({t("source")}) AS source_code,
                {country("source")} AS source_country,
                {t("source_role")} AS source_role, {t("source_name")} AS source_name,
                upper({t("target")}) AS target_code,
                {country("target")} AS target_country,
                {t("target_role")} AS target_role, {t("target_name")} AS target_name,
                {t("cameo")} AS cameo,
                {t("goldstein")} AS goldstein_raw, TRY_CAST(goldstein_raw AS DOUBLE) AS goldstein_file,
                {t("quad_class")} AS quad_raw, TRY_CAST(quad_raw AS INTEGER) AS quad_file,
                {t("url")} AS url, {t("quote")} AS quote, {t("location")} AS location,
                upper({t("location_country")}) AS location_country,
                TRY_CAST({t("latitude")} AS DOUBLE) AS latitude,
                TRY_CAST({t("longitude")} AS DOUBLE) AS longitude,
                coalesce(TRY_CAST({t("num_mentions")} AS INTEGER), 1) AS num_mentions,
                coalesce(TRY_CAST({t("num_sources")} AS INTEGER), 1) AS num_sources,
                CASE
                    WHEN event_date IS NULL THEN 'bad or missing date ' || coalesce(date_raw, '(empty)')
                    WHEN source_code IS NULL AND source_country IS NULL THEN 'missing source actor'
                    WHEN cameo IS NOT NULL AND NOT regexp_full_match(cameo, '[0-9]{{2,4}}')
                        THEN 'bad CAMEO code ' || cameo
                    WHEN goldstein_raw IS NOT NULL AND goldstein_file IS NULL THEN 'bad goldstein'
                    WHEN quad_raw IS NOT NULL AND coalesce(quad_file NOT BETWEEN 1 AND 4, true)
                        THEN 'bad quad class'
                END AS _bad,
                CASE WHEN _bad IS NOT NULL THEN {row_text} END AS _raw
            FROM raw
        )
        SELECT b._row, b._bad, b._raw, b.event_id, {ds} AS dataset,
            coalesce(b.source_code, b.source_country) AS source_code, b.source_country, b.source_role,
            b.source_name,
            coalesce(b.target_code, b.target_country) AS target_code, b.target_country, b.target_role,
            b.target_name,
            b.cameo, left(b.cameo, 2) AS root, cc.plover, cc.plover_mode,
            coalesce(b.goldstein_file, cc.goldstein) AS goldstein,
            coalesce(b.quad_file, cc.quad_class) AS quad_class,
            b.event_date, b.date_precision, 'unknown' AS date_origin,
            b.location, b.location_country, b.latitude, b.longitude, b.num_mentions, b.num_sources,
            {reason} AS reason, 'csv' AS coder, {ds} AS coder_version, b.url, b.quote
        FROM base b LEFT JOIN _rp_cameo cc ON cc.code = b.cameo
    """


def import_csv_events(con: duckdb.DuckDBPyConnection, s: Sniff, mapping: Mapping[str, str]) -> FileReport:
    timer = Timer()
    cols = resolve_columns(s, EVENT_FIELDS, mapping, "csv")
    missing = [f for f in ("date",) if f not in cols]
    if missing or not ({"source", "source_country"} & cols.keys()):
        raise UsageError(
            "E002",
            None,
            option="--mapping",
            value=",".join(f"{k}={v}" for k, v in mapping.items()),
            expected=f"{s.path.name} needs date= and source= (or source_country=) columns",
        )
    dataset = _dataset("csv", s, mapping)
    report = FileReport(path=str(s.path), format="csv", dataset=dataset)
    read_errors = stage(con, _events_sql(s, cols, dataset, mapping.get("date_format")), Path(s.path))
    insert_staged(
        con,
        report,
        table="events",
        columns=[*EVENT_COLUMNS, "quote"],
        key=("event_id",),
        read_errors=read_errors,
        timer=timer,
    )
    return report


def _dyads_sql(s: Sniff, cols: dict[str, int], dataset: str, date_format: str | None) -> str:
    d, precision = _date_sql("date_raw", date_format)

    return f"""
        WITH raw AS (SELECT row_number() OVER () AS _row, * FROM {read_csv_sql(s)}),
        base AS (
            SELECT _row,
                {_col(cols, "date")} AS date_raw,
                {d} AS date, {precision} AS period,
                upper({_col(cols, "a")}) AS a_raw, upper({_col(cols, "b")}) AS b_raw,
                {_col(cols, "weight")} AS weight_raw, TRY_CAST(weight_raw AS DOUBLE) AS weight,
                {_col(cols, "count")} AS count_raw,
                CAST(round(TRY_CAST(count_raw AS DOUBLE)) AS BIGINT) AS count,
                CASE
                    WHEN date IS NULL THEN 'bad or missing date ' || coalesce(date_raw, '(empty)')
                    WHEN a_raw IS NULL OR b_raw IS NULL THEN 'missing actor code'
                    WHEN weight IS NULL OR NOT isfinite(weight)
                        THEN 'bad weight ' || coalesce(weight_raw, '(empty)')
                    WHEN count_raw IS NOT NULL AND count IS NULL THEN 'bad count ' || count_raw
                END AS _bad,
                CASE WHEN _bad IS NOT NULL THEN {raw_line_sql(s.width, s.delimiter)} END AS _raw
            FROM raw
        )
        SELECT _row, _bad, _raw, {sql_str(dataset)} AS dataset, date,
            coalesce(ma.cameo, a_raw) AS a, coalesce(mb.cameo, b_raw) AS b, weight, count, period
        FROM base
        LEFT JOIN _rp_iso3 ma ON ma.iso3 = a_raw
        LEFT JOIN _rp_iso3 mb ON mb.iso3 = b_raw
    """


def import_dyads(con: duckdb.DuckDBPyConnection, s: Sniff, mapping: Mapping[str, str]) -> FileReport:
    timer = Timer()
    cols = resolve_columns(s, DYAD_FIELDS, mapping, "dyads")
    missing = [f for f in ("date", "a", "b", "weight") if f not in cols]
    if missing:
        raise UsageError(
            "E002",
            None,
            option="--mapping",
            value=",".join(f"{k}={v}" for k, v in mapping.items()),
            expected=f"columns for {', '.join(missing)} in {s.path.name} "
            f"(header: {', '.join(h for h in (s.header or ())[:12])})",
        )
    dataset = _dataset("dyads", s, mapping)
    report = FileReport(path=str(s.path), format="dyads", dataset=dataset, target="dyad_weights")
    read_errors = stage(con, _dyads_sql(s, cols, dataset, mapping.get("date_format")), Path(s.path))
    insert_staged(
        con,
        report,
        table="dyad_weights",
        columns=DYAD_COLUMNS,
        key=("dataset", "date", "a", "b"),
        read_errors=read_errors,
        timer=timer,
    )
    return report
