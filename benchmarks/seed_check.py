"""Which of the seed article's key events (issues 4 and 5) the coder finds, with their dates.

Usage: python benchmarks/seed_check.py [--all]   (--all also prints every coded event)
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from realpolitik.coder import Coder
from realpolitik.records import Document

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "russia-north-korea-alliance.txt"

# (what, source country, CAMEO prefix(es), target country or None for any, expected date prefix or None)
EXPECTED = [
    ("June 2024 mutual defence pact", "RUS", ("057",), "PRK", "2024-06"),
    ("Putin's visit to Pyongyang", "RUS", ("042",), "PRK", "2024-06"),
    ("August shells-for-goats exchange", None, ("06", "07", "03"), None, "2024-08"),
    ("North Korea against Ukraine's Kursk incursion", "PRK", ("11", "12", "13"), "UKR", None),
    ("North Korea against the West's support for Ukraine", "PRK", ("11", "12", "13"), "WST", None),
    ("North Korea against Zelensky's UN address", "PRK", ("11", "12", "13"), "UKR", None),
    ("North Korea: the US abuses its power", "PRK", ("11",), "USA", None),
    ("North Korea's aid to Russia", "PRK", ("07", "06"), "RUS", None),
    ("Russia's 1991 ties with Seoul", "RUS", ("05", "06", "04", "03"), "KOR", "1991"),
    ("Russia's 1990s aid cut to Pyongyang", "RUS", ("16",), "PRK", "199"),
    ("Russia endorses UN sanctions against Pyongyang", "RUS", ("16", "17"), "PRK", None),
    ("Putin's June visit to Vietnam", "RUS", ("042",), "VNM", "2024-06"),
    ("Putin's July meeting with Xi", "RUS", ("04",), "CHN", "2024-07"),
    ("Putin's September consultation with India", "RUS", ("04",), "IND", "2024-09"),
]


def main() -> int:
    coder = Coder()
    doc = Document.from_text(SEED.read_text(encoding="utf-8"), published=date(2024, 10, 10))
    events = coder.code_document(doc).events
    hits = 0
    for what, src, codes, tgt, when in EXPECTED:
        found = [
            e
            for e in events
            if (src is None or e.source.country == src)
            and e.cameo.startswith(codes)
            and (tgt is None or (e.target and e.target.country == tgt))
        ]
        dated = [e for e in found if when is None or (e.date and e.date.iso().startswith(when))]
        ok = bool(dated)
        hits += ok
        mark = "OK  " if ok else ("DATE" if found else "MISS")
        got = ", ".join(
            f"{e.source.code}-{e.cameo}-{e.target.code if e.target else '-'}@"
            f"{e.date.iso() if e.date else '?'}"
            for e in (dated or found)[:3]
        )
        print(f"{mark} {what:52s} {got}")
    print(f"{hits}/{len(EXPECTED)} expected events found with the right date; {len(events)} events in all")
    if "--all" in sys.argv:
        for e in events:
            print(
                f"  {e.source.code:8s} {e.cameo:5s} {e.target.code if e.target else '-':8s} "
                f"{e.date.iso() if e.date else '?':10s} {e.provenance.reason[:150]}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
