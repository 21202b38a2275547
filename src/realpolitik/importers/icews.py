"""ICEWS event files → ``events`` (dataset ``icews``).

Two layouts:

* the ICEWS Coded Event Data files (tab-separated, header ``Event ID  Event Date  Source Name ...``):
  country names become CAMEO country codes (``Russian Federation`` → ``RUS``) through the shipped table
  ``data/imports/icews_countries.csv``, sectors become a CAMEO role (``Government`` → ``GOV``,
  ``Military`` → ``MIL``; ``data/imports/icews_sectors.csv``), the actor code is country + role
  (``RUSGOV``).  ``Intensity`` (ICEWS's Goldstein-like score) is kept as ``goldstein``; the quad class
  and the PLOVER type come from the CAMEO table.  ``event_id`` = ``icews:<Event ID>``.
* the four-column temporal-knowledge-graph subsets (``source  event text  target  YYYY-MM-DD``, no
  header): the event text becomes the CAMEO code (``data/imports/icews_event_text.csv``), the country is
  the one in parentheses (``Military (Russia)``) or the entity itself (``China``).  These rows have no
  id, so ``event_id`` = ``icews:h`` + a hash of the row.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from realpolitik.errors import InputError
from realpolitik.importers.base import (
    FileReport,
    Sniff,
    Timer,
    clean,
    insert_staged,
    raw_line_sql,
    read_csv_sql,
    sector_role_sql,
    sql_str,
    stage,
)
from realpolitik.importers.gdelt import EVENT_COLUMNS

DATASET = "icews"


def is_icews_events(s: Sniff) -> bool:
    names = set(s.names)
    return {"eventid", "eventdate", "cameocode"} <= names and (
        "sourcecountry" in names or "sourcename" in names
    )


def is_icews_graph(s: Sniff) -> bool:
    """The 4-field TKG layout: text, text, text, ISO date."""
    if s.header is not None or s.width != 4 or not s.rows:
        return False
    row = s.rows[0]
    return len(row) == 4 and len(row[3].strip()) == 10 and row[3].strip()[4] == "-"


def _events_sql(s: Sniff) -> str:
    def c(name: str) -> str:
        i = s.index_of(name)
        return clean(f"c{i}" if i is not None else None)

    reason = sql_str(f"imported from {s.path.name}")
    place = ", ".join(c(n) for n in ("city", "district", "province", "country"))
    text = f"""
        SELECT _row,
            {c("eventid")} AS eid,
            TRY_CAST({c("eventdate")} AS DATE) AS event_date,
            {c("sourcename")} AS source_name, coalesce({c("sourcesectors")}, '') AS source_sectors,
            {c("sourcecountry")} AS source_cname,
            {c("targetname")} AS target_name, coalesce({c("targetsectors")}, '') AS target_sectors,
            {c("targetcountry")} AS target_cname,
            {c("cameocode")} AS cameo,
            {c("intensity")} AS intensity_raw,
            TRY_CAST(intensity_raw AS DOUBLE) AS intensity,
            nullif(concat_ws(', ', {place}), '') AS location,
            {c("country")} AS place_cname,
            TRY_CAST({c("latitude")} AS DOUBLE) AS latitude,
            TRY_CAST({c("longitude")} AS DOUBLE) AS longitude,
            {c("eventtext")} AS event_text,
            {c("storyid")} AS story, {c("sentencenumber")} AS sentence_no,
            CASE
                WHEN eid IS NULL THEN 'missing Event ID'
                WHEN event_date IS NULL THEN 'bad or missing Event Date'
                WHEN cameo IS NULL OR NOT regexp_full_match(cameo, '[0-9]{{2,4}}')
                    THEN 'bad CAMEO Code ' || coalesce(cameo, '(empty)')
                WHEN intensity_raw IS NOT NULL AND intensity IS NULL THEN 'bad Intensity'
            END AS _bad,
            CASE WHEN _bad IS NOT NULL THEN {raw_line_sql(s.width, s.delimiter)} END AS _raw
        FROM raw"""
    joined = """
        SELECT t.*,
            coalesce(k1.cameo, k2.cameo,
                CASE WHEN contains(t.source_sectors, 'International Government Organization')
                    OR contains(t.source_sectors, 'IGO') THEN 'IGO' END) AS source_country,
            coalesce(k3.cameo, k4.cameo,
                CASE WHEN contains(t.target_sectors, 'International Government Organization')
                    OR contains(t.target_sectors, 'IGO') THEN 'IGO' END) AS target_country,
            k5.cameo AS location_country
        FROM text t
        LEFT JOIN _rp_icews_countries_lc k1 ON k1.key = lower(t.source_cname)
        LEFT JOIN _rp_icews_countries_lc k2 ON k2.key = lower(t.source_name)
        LEFT JOIN _rp_icews_countries_lc k3 ON k3.key = lower(t.target_cname)
        LEFT JOIN _rp_icews_countries_lc k4 ON k4.key = lower(t.target_name)
        LEFT JOIN _rp_icews_countries_lc k5 ON k5.key = lower(t.place_cname)"""
    return f"""
        WITH raw AS (SELECT row_number() OVER () AS _row, * FROM {read_csv_sql(s, na_is_null=True)}),
        text AS ({text}),
        b AS ({joined})
        SELECT b._row, b._bad, b._raw,
            'icews:' || b.eid AS event_id, '{DATASET}' AS dataset,
            {_code("source")} AS source_code, b.source_country,
            {_role("source", "b.source_sectors")} AS source_role,
            b.source_name,
            {_code("target")} AS target_code, b.target_country,
            {_role("target", "b.target_sectors")} AS target_role,
            b.target_name,
            b.cameo, left(b.cameo, 2) AS root, cc.plover, cc.plover_mode,
            coalesce(b.intensity, cc.goldstein) AS goldstein, cc.quad_class,
            b.event_date, 'day' AS date_precision, 'unknown' AS date_origin,
            b.location, b.location_country, b.latitude, b.longitude,
            1 AS num_mentions, 1 AS num_sources,
            {reason} || coalesce('; story ' || b.story, '') || coalesce(' sentence ' || b.sentence_no, '')
                || coalesce('; ' || b.event_text, '') AS reason,
            'icews' AS coder, 'icews' AS coder_version, NULL AS url
        FROM b LEFT JOIN _rp_cameo cc ON cc.code = b.cameo
    """


def _role(side: str, text: str) -> str:
    return f"(CASE WHEN b.{side}_country = 'IGO' THEN NULL ELSE {sector_role_sql(text)} END)"


def _code(side: str) -> str:
    """SQL: country + role (``RUSGOV``), or the role alone when the country is unknown."""
    role = _role(side, f"b.{side}_sectors")
    return (
        f"(CASE WHEN b.{side}_country IS NOT NULL THEN b.{side}_country || coalesce({role}, '') "
        f"ELSE {role} END)"
    )


def _graph_sql(s: Sniff) -> str:
    reason = sql_str(f"imported from {s.path.name}")
    paren = "nullif(regexp_extract({0}, '\\(([^()]*)\\)\\s*$', 1), '')"
    return f"""
        WITH raw AS (SELECT row_number() OVER () AS _row, * FROM {read_csv_sql(s, 4)}),
        text AS (
            SELECT _row,
                nullif(trim(c0), '') AS source_name, nullif(trim(c1), '') AS rel,
                nullif(trim(c2), '') AS target_name, nullif(trim(c3), '') AS d_text,
                {paren.format("source_name")} AS source_paren,
                {paren.format("target_name")} AS target_paren,
                TRY_CAST(d_text AS DATE) AS event_date,
                'icews:h' || left(md5(concat_ws(chr(9), source_name, rel, target_name, d_text)), 16)
                    AS event_id,
                {raw_line_sql(4, s.delimiter)} AS _line
            FROM raw
        ),
        b AS (
            SELECT t.*,
                coalesce(k1.cameo, k2.cameo) AS source_country,
                coalesce(k3.cameo, k4.cameo) AS target_country,
                -- only "Role (Country)" names carry a role
                CASE WHEN t.source_paren IS NOT NULL THEN t.source_name ELSE '' END AS source_sectors,
                CASE WHEN t.target_paren IS NOT NULL THEN t.target_name ELSE '' END AS target_sectors,
                x.cameo AS cameo,
                CASE
                    WHEN t.source_name IS NULL OR t.target_name IS NULL THEN 'missing actor'
                    WHEN t.event_date IS NULL THEN 'bad or missing date'
                    WHEN x.cameo IS NULL THEN 'unknown event text ' || coalesce(t.rel, '(empty)')
                END AS _bad
            FROM text t
            LEFT JOIN _rp_icews_countries_lc k1 ON k1.key = lower(t.source_paren)
            LEFT JOIN _rp_icews_countries_lc k2 ON k2.key = lower(t.source_name)
            LEFT JOIN _rp_icews_countries_lc k3 ON k3.key = lower(t.target_paren)
            LEFT JOIN _rp_icews_countries_lc k4 ON k4.key = lower(t.target_name)
            LEFT JOIN _rp_icews_text_lc x ON x.key = lower(t.rel)
        )
        SELECT b._row, b._bad, CASE WHEN b._bad IS NOT NULL THEN b._line END AS _raw,
            b.event_id, '{DATASET}' AS dataset,
            {_code("source")} AS source_code, b.source_country,
            {_role("source", "b.source_sectors")} AS source_role,
            b.source_name,
            {_code("target")} AS target_code, b.target_country,
            {_role("target", "b.target_sectors")} AS target_role,
            b.target_name,
            b.cameo, left(b.cameo, 2) AS root, cc.plover, cc.plover_mode,
            cc.goldstein, cc.quad_class,
            b.event_date, 'day' AS date_precision, 'unknown' AS date_origin,
            NULL AS location, NULL AS location_country, NULL AS latitude, NULL AS longitude,
            1 AS num_mentions, 1 AS num_sources,
            {reason} || '; ' || coalesce(b.rel, '') AS reason, 'icews' AS coder, 'icews-tkg' AS coder_version,
            NULL AS url
        FROM b LEFT JOIN _rp_cameo cc ON cc.code = b.cameo
    """


def import_icews(con: duckdb.DuckDBPyConnection, s: Sniff) -> FileReport:
    """Import one ICEWS events file (either layout)."""
    timer = Timer()
    if is_icews_events(s):
        sql = _events_sql(s)
    elif is_icews_graph(s):
        sql = _graph_sql(s)
    else:
        raise InputError(
            "E101",
            s.path,
            reason="not an ICEWS events file (expected the columns Event ID, "
            "Event Date, CAMEO Code ... or four fields: source, event text, target, date)",
        )
    report = FileReport(path=str(s.path), format="icews", dataset=DATASET)
    read_errors = stage(con, sql, Path(s.path))
    insert_staged(
        con,
        report,
        table="events",
        columns=EVENT_COLUMNS,
        key=("event_id",),
        read_errors=read_errors,
        timer=timer,
    )
    return report
