"""Importers: GDELT (all layouts), ICEWS, generic CSV and dyad series; bad rows; idempotency; speed."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest

from realpolitik.errors import InputError, UsageError
from realpolitik.importers import detect_format, import_files, parse_mapping
from realpolitik.importers.base import sniff
from realpolitik.importers.gdelt import GDELT1_COLUMNS, GDELT2_COLUMNS
from realpolitik.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "data"


@pytest.fixture()
def store():
    s = Store(":memory:")
    yield s
    s.close()


def gdelt_row(columns: list[str] | tuple[str, ...], **values: str) -> list[str]:
    row = dict.fromkeys(columns, "")
    row.update(values)
    return [row[c] for c in columns]


def write_tsv(path: Path, rows: list[list[str]], *, compress: bool = False) -> Path:
    text = "".join("\t".join(r) + "\n" for r in rows)
    if compress:
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def one(store: Store, sql: str, params: list[object] | None = None) -> tuple:
    return store.con.execute(sql, params or []).fetchall()[0]


GOOD = {
    "GLOBALEVENTID": "881990832",
    "SQLDATE": "20181024",
    "MonthYear": "201810",
    "Year": "2018",
    "Actor1Code": "RUSGOV",
    "Actor1Name": "RUSSIA",
    "Actor1CountryCode": " RUS",
    "Actor1Type1Code": "GOV",
    "Actor2Code": "PRK",
    "Actor2Name": "NORTH KOREA",
    "Actor2CountryCode": "PRK",
    "EventCode": "036",
    "EventBaseCode": "036",
    "EventRootCode": "03",
    "QuadClass": "1",
    "GoldsteinScale": "4.0",
    "NumMentions": "5",
    "NumSources": "2",
    "ActionGeo_FullName": "Pyongyang, North Korea",
    "ActionGeo_CountryCode": "KN",
    "ActionGeo_Lat": "39.02",
    "ActionGeo_Long": "125.75",
    "DATEADDED": "20191024143000",
    "SOURCEURL": "https://example.org/a",
}


def test_gdelt2_raw_export_with_bad_rows_and_idempotency(store: Store, tmp_path: Path) -> None:
    rows = [
        gdelt_row(GDELT2_COLUMNS, **GOOD),
        gdelt_row(
            GDELT2_COLUMNS,
            **{
                **GOOD,
                "GLOBALEVENTID": "881990833",
                "EventCode": "0834",
                "EventBaseCode": "083",
                "EventRootCode": "08",
                "QuadClass": "2",
                "GoldsteinScale": "5.0",
            },
        ),
        gdelt_row(
            GDELT2_COLUMNS, **{**GOOD, "GLOBALEVENTID": "881990834", "SQLDATE": "20181399"}
        ),  # bad date
        gdelt_row(GDELT2_COLUMNS, **{**GOOD, "GLOBALEVENTID": "881990835", "GoldsteinScale": "x"}),
        [*gdelt_row(GDELT2_COLUMNS, **{**GOOD, "GLOBALEVENTID": "881990836"}), "extra"],  # 62 fields
    ]
    path = write_tsv(tmp_path / "20191024143000.export.CSV", rows)
    report = import_files(store, [path])
    f = report.files[0]
    assert (f.format, f.dataset, f.rows, f.new, f.bad) == ("gdelt2", "gdelt2", 5, 2, 3)
    reasons = " | ".join(e.reason for e in f.examples)
    assert "SQLDATE" in reasons and "GoldsteinScale" in reasons and "unreadable" in reasons
    ev = store.con.execute("SELECT * FROM events ORDER BY event_id").df()
    first = ev.iloc[0]
    assert first["event_id"] == "gdelt2:881990832"
    assert (first["source_code"], first["source_country"], first["target_country"]) == (
        "RUSGOV",
        "RUS",
        "PRK",
    )
    assert first["cameo"] == "036" and first["root"] == "03" and first["goldstein"] == 4.0
    assert first["location_country"] == "PRK"  # FIPS KN
    assert str(first["event_date"])[:10] == "2018-10-24" and first["date_precision"] == "day"
    assert ev.iloc[1]["cameo"] == "0834" and ev.iloc[1]["quad_class"] == 2
    runs = one(store, "SELECT count(*), sum(n_bad) FROM import_runs")
    assert runs == (1, 3)
    again = import_files(store, [path]).files[0]
    assert (again.new, again.existing, again.bad) == (0, 2, 3)
    assert one(store, "SELECT count(*) FROM events")[0] == 2


def test_gdelt1_mixed_57_and_58_fields_gzip(store: Store, tmp_path: Path) -> None:
    row58 = gdelt_row(GDELT1_COLUMNS, **{**GOOD, "DATEADDED": "20160728"})
    row57 = gdelt_row(
        GDELT1_COLUMNS, **{**GOOD, "GLOBALEVENTID": "1554741", "SQLDATE": "19820103", "DATEADDED": "20130203"}
    )[:57]
    path = write_tsv(tmp_path / "gdelt1.tsv.gz", [row58, row57], compress=True)
    f = import_files(store, [path]).files[0]
    assert (f.dataset, f.rows, f.new, f.bad) == ("gdelt1", 2, 2, 0)
    urls = store.con.execute("SELECT url FROM events ORDER BY event_date").fetchall()
    assert urls == [(None,), ("https://example.org/a",)]


def test_gdelt_with_header_lower_case_and_reduced(store: Store, tmp_path: Path) -> None:
    header = [c.lower() for c in GDELT1_COLUMNS]
    values = gdelt_row(GDELT1_COLUMNS, **{**GOOD, "DATEADDED": "20230813"})
    lines = [",".join(header), ",".join(f'"{v}"' if "," in v else v for v in values)]
    path = tmp_path / "sample.csv"
    path.write_text("\n".join(lines) + "\n")
    f = import_files(store, [path]).files[0]
    assert (f.dataset, f.new) == ("gdelt1", 1)
    reduced = tmp_path / "reduced.csv"
    reduced.write_text(
        "GLOBALEVENTID,MonthYear,QuadClass,Actor1CountryCode,Actor2CountryCode,GoldsteinScale,SOURCEURL\n"
        "1039568366,202204,4,RUS,UKR,-7.2,http://x\n"
    )
    f = import_files(store, [reduced], "gdelt2").files[0]
    assert (f.dataset, f.new, f.bad) == ("gdelt2", 1, 0)
    row = one(store, "SELECT source_code, event_date, date_precision FROM events WHERE dataset = 'gdelt2'")
    assert row[0] == "RUS" and str(row[1]) == "2022-04-01" and row[2] == "month"


def test_icews_events_and_graph_subset(store: Store, tmp_path: Path) -> None:
    header = (
        "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity"
        "\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict"
        "\tProvince\tCountry\tLatitude\tLongitude"
    )
    rows = [
        "1\t2018-06-01\tSergey Lavrov\tExecutive,Foreign Ministry,Government\tRussian Federation"
        "\tMake a visit\t042\t1.9\tKim Jong-Un\tGovernment,Executive\tNorth Korea\t9\t1\tX\tPyongyang"
        "\tNA\tNA\tNorth Korea\t39\t125",
        "2\t2018-06-02\tUnited Nations\tInternational Government Organization,Global\tNA\tConsult\t040\t1"
        "\tMilitary (Syria)\tMilitary\tSyria\t9\t2\tX\tNA\tNA\tNA\tSyria\tNA\tNA",
        "3\tnot a date\tA\tNA\tIndia\tConsult\t040\t1\tB\tNA\tIndia\t9\t3\tX\tNA\tNA\tNA\tIndia\tNA\tNA",
    ]
    path = tmp_path / "events.2018.tab"
    path.write_text(header + "\n" + "\n".join(rows) + "\n")
    f = import_files(store, [path]).files[0]
    assert (f.format, f.dataset, f.new, f.bad) == ("icews", "icews", 2, 1)
    ev = store.con.execute("SELECT * FROM events ORDER BY event_id").df()
    assert (ev.loc[0, "source_code"], ev.loc[0, "target_code"]) == ("RUSGOV", "PRKGOV")
    assert (
        ev.loc[0, "goldstein"] == 1.9 and ev.loc[0, "quad_class"] == 1 and ev.loc[0, "event_id"] == "icews:1"
    )
    assert (ev.loc[1, "source_country"], ev.loc[1, "target_code"]) == ("IGO", "SYRMIL")
    tkg = tmp_path / "icews14_test.txt"
    tkg.write_text(
        "Military (Russia)\tMake a visit\tUkraine\t2014-03-01\n"
        "John Kerry\tExpress intent to meet or negotiate\tChina\t2014-11-04\n"
        "China\tNo such relation\tJapan\t2014-01-01\n"
    )
    f = import_files(store, [tkg]).files[0]
    assert (f.format, f.new, f.bad) == ("icews", 2, 1)
    row = one(
        store, "SELECT source_code, target_country, cameo FROM events WHERE source_name = 'Military (Russia)'"
    )
    assert row == ("RUSMIL", "UKR", "042")
    assert import_files(store, [tkg]).files[0].new == 0


def test_generic_csv_with_mapping(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "my events.csv"
    path.write_text(
        "day,actor1,actor2,code,id\n2024-01-05,RUSGOV,UKRMIL,190,a1\n2024-01-06,USA,RUS,036,a2\n"
        "2024-13-01,USA,RUS,036,a3\n"
    )
    with pytest.raises(InputError):  # no GDELT/ICEWS/dyad columns: the format cannot be guessed
        import_files(store, [path])
    f = import_files(
        store, [path], "csv", parse_mapping("date=day,source=actor1,target=actor2,cameo=code,event_id=id")
    ).files[0]
    assert (f.dataset, f.new, f.bad) == ("csv:my events", 2, 1)
    row = one(
        store,
        "SELECT source_country, target_country, goldstein, quad_class FROM events WHERE event_id = ?",
        ["csv:my events:a1"],
    )
    assert row == ("RUS", "UKR", -10.0, 4)  # goldstein and quad class from the CAMEO table
    with pytest.raises(UsageError):
        import_files(store, [path], "csv", {"date": "no such column"})
    with pytest.raises(UsageError):
        import_files(store, [path], "csv", {"colour": "day"})


def test_dyad_series_with_mapping_and_bad_rows(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "weights.csv.gz"
    path.write_bytes(
        gzip.compress(
            b"yyyymm,iso3_a,iso3_b,weight_sum,active_days\n201801,RUS,UKR,-10.5,3\n"
            b"201802,RUS,UKR,x,3\n201803,TLS,USA,2,1\n2018xx,RUS,UKR,1,1\n"
        )
    )
    s = sniff(path)
    assert detect_format(s) == "dyads"
    f = import_files(store, [path]).files[0]
    assert (f.dataset, f.target, f.new, f.bad) == ("dyads:weights", "dyad_weights", 2, 2)
    rows = store.con.execute(
        "SELECT date, a, b, weight, count, period FROM dyad_weights ORDER BY date"
    ).fetchall()
    assert str(rows[0][0]) == "2018-01-01" and rows[0][1:] == ("RUS", "UKR", -10.5, 3, "month")
    assert rows[1][1] == "TMP"  # ISO TLS → CAMEO TMP
    other = tmp_path / "daily.csv"
    other.write_text("when,x,y,w\n2020-01-02,RUS,USA,1.5\n")
    f = import_files(store, [other], "dyads", {"date": "when", "a": "x", "b": "y", "weight": "w"}).files[0]
    assert (f.dataset, f.new) == ("dyads:daily", 1)
    assert import_files(store, [other], "dyads", {"date": "when", "a": "x", "b": "y", "weight": "w"}).new == 0


def test_usage_errors(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UsageError) as e:
        import_files(store, [tmp_path / "missing.csv"])
    assert e.value.code == "E001"
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(UsageError):
        import_files(store, [path], "parquet")
    with pytest.raises(UsageError):
        parse_mapping("date")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(InputError):
        import_files(store, [empty])


def test_speed_at_least_a_million_rows_a_minute(store: Store, tmp_path: Path) -> None:
    n = 150_000
    base = gdelt_row(GDELT2_COLUMNS, **GOOD)
    text = "\n".join("\t".join([str(10**9 + i), *base[1:]]) for i in range(n)) + "\n"
    path = tmp_path / "big.export.CSV"
    path.write_text(text)
    start = time.perf_counter()
    f = import_files(store, [path]).files[0]
    seconds = time.perf_counter() - start
    assert f.new == n
    assert n / seconds * 60 >= 1_000_000, f"{n / seconds * 60:,.0f} rows a minute"


# -- real files -----------------------------------------------------------------------------------

needs_shared = pytest.mark.skipif(not DATA.is_dir(), reason=f"needs the shared data folder at {SHARED}")


@needs_shared
def test_real_gdelt_files_every_layout(store: Store) -> None:
    files = {
        DATA / "gdelt-raw-samples" / "20180326044500.export.CSV": ("gdelt2", 1540),
        DATA / "gdelt-raw-samples" / "20191024143000.export.CSV": ("gdelt2", 2111),
        DATA / "gdelt-raw-samples" / "gdelt1_sample710_20160728daily_plus_1982.tsv": ("gdelt1", 710),
        DATA / "gdelt1-global-sample-2023" / "gdelt1_events_sample_2023-08_2024-08.csv.gz": ("gdelt1", 4720),
        DATA / "gdelt1-georgia-2011-2013" / "original" / "may13.csv.gz": ("gdelt1", None),
        DATA / "gdelt2-country-dyads-2020-2022" / "20201113.csv.gz": ("gdelt2", 2824),
    }
    report = import_files(store, list(files))
    for f, (dataset, n) in zip(report.files, files.values(), strict=True):
        assert f.dataset == dataset and f.bad == 0, (f.path, f.examples)
        if n is not None:
            assert f.new == n, f.path
    assert one(store, "SELECT count(*) FROM events WHERE cameo LIKE '0%'")[0] > 0  # leading zeros kept
    assert one(store, "SELECT count(*) FROM events WHERE source_country LIKE ' %'")[0] == 0
    # Georgia originals: leading R row names and quoted headers; "AZE" not " AZE"
    assert one(store, "SELECT count(*) FROM events WHERE target_code = 'AZE' AND dataset = 'gdelt1'")[0] > 0


@needs_shared
def test_real_icews_sample(store: Store) -> None:
    f = import_files(store, [DATA / "icews-2018-sample" / "events.2018.sample.tab"]).files[0]
    assert (f.new, f.bad) == (3705, 0)
    pairs = one(
        store,
        "SELECT count(*) FROM events WHERE (source_country = 'RUS' AND target_country = 'PRK') "
        "OR (source_country = 'PRK' AND target_country = 'RUS')",
    )[0]
    assert pairs == 80  # Lavrov's Pyongyang visit (SOURCE.md: 80 rows)
