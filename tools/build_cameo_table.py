"""Build src/realpolitik/data/cameo/cameo_codes.csv from the public CAMEO lookup tables.

Run from the repository root with ../shared present:  python tools/build_cameo_table.py
Inputs (see src/realpolitik/data/cameo/SOURCE.md): GDELT's CAMEO.eventcodes.txt and
CAMEO.goldsteinscale.txt, and the PLOVER project's CAMEO2PLOVER-2021.txt.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "cameo"
OUT = Path(__file__).resolve().parents[1] / "src" / "realpolitik" / "data" / "cameo" / "cameo_codes.csv"


def quad_class(code: str) -> int:
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 14:
        return 3
    return 4


def read_tsv(path: Path) -> dict[str, str]:
    rows = path.read_text(encoding="utf-8", errors="replace").splitlines()[1:]
    return {r.split("\t")[0].strip(): r.split("\t")[1].strip() for r in rows if "\t" in r}


def read_plover(path: Path) -> dict[str, tuple[str, str, str]]:
    out: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or ":" not in line:
            continue
        code, rest = line.split(":", 1)
        parts = [p.strip() for p in rest.split(",")]
        parts += ["", ""]
        out[code.strip()] = (parts[0], parts[1], parts[2].replace(";", "|").replace(" ", ""))
    return out


def main() -> int:
    names = read_tsv(SHARED / "CAMEO.eventcodes.txt")
    names["044"] = "Meet at a third location"
    plover = read_plover(SHARED / "CAMEO2PLOVER-2021.txt")
    # PLOVER folds CAMEO's appeals (02x) into REQUEST; the 2021 table lists only 10x. Public
    # statements (01x) have no PLOVER type and stay empty.
    for code in names:
        if code.startswith("02"):
            plover.setdefault(code, ("REQUEST", "", ""))
    gold = read_tsv(SHARED / "CAMEO.goldsteinscale.txt")
    with OUT.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            ["code", "description", "goldstein", "quad_class", "plover", "plover_mode", "plover_context"]
        )
        for code in sorted(names):
            p_type, p_mode, p_ctx = (
                plover.get(code) or plover.get(code[:3]) or plover.get(code[:2]) or ("", "", "")
            )
            w.writerow([code, names[code], gold[code], quad_class(code), p_type, p_mode, p_ctx])
    print(f"wrote {len(names)} codes to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
