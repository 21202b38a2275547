"""GDELT 1.0 and 2.0 event files → ``events`` (dataset ``gdelt1`` / ``gdelt2``).

Reads every layout GDELT events come in:

* raw exports without a header, tab-separated: GDELT 2.0 (61 fields), GDELT 1.0 daily files
  (58 fields) and the 1.0 back-file (57 fields: no SOURCEURL) — also mixed in one file;
* files with a header (any case, quoted or not, comma or tab), including reduced extracts with only
  some columns, R exports (unquoted ``NA``, a leading row-name field) and one known third-party
  naming (``Actor_1_Country_ABBR`` ...);
* optionally gzip-compressed.

Codes are kept as strings (``040``, ``0834``), stray spaces are trimmed (``" ARM"``), FIPS geo codes
(``RS``) become CAMEO country codes (``RUS``) for ``location_country``.  ``event_id`` is
``<dataset>:<GLOBALEVENTID>``, so importing a file twice adds nothing.
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
    sql_str,
    stage,
)

GDELT2_COLUMNS = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
]
GDELT1_COLUMNS = tuple(c for c in GDELT2_COLUMNS if not c.endswith("ADM2Code"))  # 58; 57 = without SOURCEURL
assert len(GDELT2_COLUMNS) == 61 and len(GDELT1_COLUMNS) == 58

# One third-party naming seen in the wild (headers like "Actor_1_Country_ABBR"); recognised by that name.
_ALT_NAMES = {
    "actor1countrycode": "actor1code",
    "actor2countrycode": "actor2code",
    "actor1countryabbr": "actor1countrycode",
    "actor2countryabbr": "actor2countrycode",
    "actor1role": "actor1type1code",
    "actor2role": "actor2type1code",
    "day": "sqldate",
    "yyyymm": "monthyear",
    "yyyy": "year",
    "daytime": "fractiondate",
    "mentiontype": "actiongeotype",
    "stprcntry": "actiongeofullname",
    "country": "actiongeocountrycode",
    "latextra": "actiongeolat",
    "longextra": "actiongeolong",
}

EVENT_COLUMNS = [
    "event_id",
    "dataset",
    "source_code",
    "source_country",
    "source_role",
    "source_name",
    "target_code",
    "target_country",
    "target_role",
    "target_name",
    "cameo",
    "root",
    "plover",
    "plover_mode",
    "goldstein",
    "quad_class",
    "event_date",
    "date_precision",
    "date_origin",
    "location",
    "location_country",
    "latitude",
    "longitude",
    "num_mentions",
    "num_sources",
    "reason",
    "coder",
    "coder_version",
    "url",
]


def _norm(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def is_gdelt(s: Sniff) -> bool:
    """True when the sniffed file looks like GDELT events."""
    if s.header is not None:
        names = set(s.names)
        return "globaleventid" in names
    first = s.rows[0] if s.rows else ()
    return (
        len(first) in (57, 58, 61)
        and len(first) >= 2
        and first[0].strip().isdigit()
        and len(first[1].strip()) == 8
        and first[1].strip().isdigit()
    )


def _raw_width(s: Sniff) -> int:
    """Columns of a headerless export: 61 (GDELT 2.0) or 58 (1.0; 57-field rows are padded)."""
    return 61 if s.rows and len(s.rows[0]) == 61 else 58


def column_map(s: Sniff) -> dict[str, int]:
    """Normalised GDELT column name → column index in the file."""
    if s.header is None:
        names = GDELT2_COLUMNS if _raw_width(s) == 61 else GDELT1_COLUMNS
        return {_norm(n): i for i, n in enumerate(names)}
    names = list(s.names)
    if "actor1countryabbr" in names or "actor2countryabbr" in names:
        names = [_ALT_NAMES.get(n, n) for n in names]
    out: dict[str, int] = {}
    for i, n in enumerate(names):
        if n and n not in out:
            out[n] = i
    return out


def dataset_of(s: Sniff, cols: dict[str, int]) -> str:
    """'gdelt2' or 'gdelt1', from the layout (ADM2 fields, DATEADDED precision, width)."""
    if s.header is None:
        return "gdelt2" if _raw_width(s) == 61 else "gdelt1"
    if any(k.endswith("adm2code") for k in cols):
        return "gdelt2"
    idx = cols.get("dateadded")
    if idx is not None:
        for row in s.rows[:20]:
            if idx < len(row) and row[idx].strip().isdigit():
                return "gdelt2" if len(row[idx].strip()) >= 12 else "gdelt1"
    return "gdelt1" if len(cols) in (57, 58) else "gdelt2"


def _select_sql(s: Sniff, cols: dict[str, int], dataset: str, width: int) -> str:
    def c(name: str) -> str | None:
        i = cols.get(name)
        return f"c{i}" if i is not None else None

    def txt(name: str) -> str:
        return clean(c(name))

    def num(name: str, typ: str) -> str:
        return f"TRY_CAST({txt(name)} AS {typ})"

    has_code = "actor1code" in cols
    src_code = txt("actor1code") if has_code else txt("actor1countrycode")
    tgt_code = txt("actor2code") if "actor2code" in cols else txt("actor2countrycode")
    ds = sql_str(dataset)
    reason = sql_str(f"imported from {s.path.name}")
    day = f"TRY_STRPTIME({txt('sqldate')}, '%Y%m%d')::DATE"
    month = f"TRY_STRPTIME({txt('monthyear')} || '01', '%Y%m%d')::DATE"
    year = f"TRY_STRPTIME({txt('year')} || '0101', '%Y%m%d')::DATE"
    return f"""
        WITH raw AS (SELECT row_number() OVER () AS _row, * FROM {read_csv_sql(s, width)}),
        base AS (
            SELECT _row,
                {txt("globaleventid")} AS gid,
                CAST(TRY_CAST(gid AS BIGINT) AS VARCHAR) AS gid_norm,
                {src_code} AS source_code,
                coalesce({txt("actor1countrycode")},
                         CASE WHEN starts_with(source_code, 'IGO') THEN 'IGO' END) AS source_country,
                {txt("actor1type1code")} AS source_role,
                {txt("actor1name")} AS source_name,
                {tgt_code} AS target_code,
                coalesce({txt("actor2countrycode")},
                         CASE WHEN starts_with(target_code, 'IGO') THEN 'IGO' END) AS target_country,
                {txt("actor2type1code")} AS target_role,
                {txt("actor2name")} AS target_name,
                {txt("eventcode")} AS cameo,
                coalesce({txt("eventrootcode")}, left(cameo, 2)) AS root,
                {txt("goldsteinscale")} AS goldstein_raw,
                TRY_CAST(goldstein_raw AS DOUBLE) AS goldstein_file,
                {txt("quadclass")} AS quad_raw,
                TRY_CAST(quad_raw AS INTEGER) AS quad_file,
                {txt("sqldate")} AS sqldate_raw,
                {day} AS d_day, {month} AS d_month, {year} AS d_year,
                coalesce(d_day, d_month, d_year) AS event_date,
                CASE WHEN d_day IS NOT NULL THEN 'day' WHEN d_month IS NOT NULL THEN 'month'
                     WHEN d_year IS NOT NULL THEN 'year' END AS date_precision,
                {txt("actiongeofullname")} AS location,
                {txt("actiongeocountrycode")} AS geo_country,
                {num("actiongeolat", "DOUBLE")} AS latitude,
                {num("actiongeolong", "DOUBLE")} AS longitude,
                coalesce({num("nummentions", "INTEGER")}, 1) AS num_mentions,
                coalesce({num("numsources", "INTEGER")}, 1) AS num_sources,
                {txt("sourceurl")} AS url,
                CASE
                    WHEN gid_norm IS NULL THEN 'bad or missing GLOBALEVENTID'
                    WHEN event_date IS NULL THEN 'bad or missing date (SQLDATE)'
                    WHEN sqldate_raw IS NOT NULL AND d_day IS NULL THEN 'bad SQLDATE ' || sqldate_raw
                    WHEN cameo IS NOT NULL AND NOT regexp_full_match(cameo, '[0-9]{{2,4}}')
                        THEN 'bad EventCode ' || cameo
                    WHEN goldstein_raw IS NOT NULL AND goldstein_file IS NULL THEN 'bad GoldsteinScale'
                    WHEN quad_raw IS NOT NULL AND coalesce(quad_file NOT BETWEEN 1 AND 4, true)
                        THEN 'bad QuadClass'
                END AS _bad,
                CASE WHEN _bad IS NOT NULL THEN {raw_line_sql(width, s.delimiter)} END AS _raw
            FROM raw
        )
        SELECT b._row, b._bad, b._raw,
            {ds} || ':' || b.gid_norm AS event_id,
            {ds} AS dataset,
            b.source_code, b.source_country, b.source_role, b.source_name,
            b.target_code, b.target_country, b.target_role, b.target_name,
            b.cameo, b.root, cc.plover, cc.plover_mode,
            coalesce(b.goldstein_file, cc.goldstein) AS goldstein,
            coalesce(b.quad_file, cc.quad_class) AS quad_class,
            b.event_date, b.date_precision, 'unknown' AS date_origin,
            b.location, coalesce(f.cameo, CASE WHEN length(b.geo_country) = 3 THEN b.geo_country END)
                AS location_country,
            b.latitude, b.longitude, b.num_mentions, b.num_sources,
            {reason} AS reason, 'gdelt' AS coder, {ds} AS coder_version, b.url
        FROM base b
        LEFT JOIN _rp_cameo cc ON cc.code = b.cameo
        LEFT JOIN _rp_fips f ON f.fips = b.geo_country
    """


def import_gdelt(con: duckdb.DuckDBPyConnection, s: Sniff, dataset: str | None = None) -> FileReport:
    """Import one GDELT events file; ``dataset`` forces 'gdelt1' or 'gdelt2' (default: from the layout)."""
    timer = Timer()
    if not is_gdelt(s):
        raise InputError(
            "E101",
            s.path,
            reason="not a GDELT events file (no GLOBALEVENTID column, "
            f"and {s.width} fields where raw exports have 57, 58 or 61)",
        )
    cols = column_map(s)
    if "globaleventid" not in cols or not ({"sqldate", "monthyear", "year"} & cols.keys()):
        raise InputError("E101", s.path, reason="GDELT file without GLOBALEVENTID or a date column")
    ds = dataset or dataset_of(s, cols)
    width = _raw_width(s) if s.header is None else s.width
    report = FileReport(path=str(s.path), format=ds, dataset=ds)
    read_errors = stage(con, _select_sql(s, cols, ds, width), Path(s.path))
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
