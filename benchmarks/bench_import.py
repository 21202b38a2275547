"""Import speed: a GDELT 2.0 export of N rows (default 1,000,000) through `import_files`.

The rows are the real rows of ../shared's 2019 sample repeated with fresh GLOBALEVENTIDs, so the
file has GDELT's real shape (61 tab-separated fields, codes with leading zeros, empty fields).
Usage: python benchmarks/bench_import.py [--rows N]     Target (issue 6): >= 1,000,000 rows a minute.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from realpolitik.importers import import_files
from realpolitik.store import Store

SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "gdelt-raw-samples"
    / "20191024143000.export.CSV"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    if not SAMPLE.is_file():
        print(f"needs {SAMPLE}", file=sys.stderr)
        return 2
    rows = [line.split("\t", 1)[1] for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line]
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "20191024143000.export.CSV"
        with export.open("w", encoding="utf-8") as f:
            for i in range(args.rows):
                f.write(f"{900_000_000 + i}\t{rows[i % len(rows)]}\n")
        with Store(Path(tmp) / "bench.duckdb") as store:
            start = time.perf_counter()
            report = import_files(store, [str(export)], "gdelt")
            seconds = time.perf_counter() - start
    print(f"rows read {report.rows:,}, new {report.new:,}, in {seconds:.1f} s")
    print(f"rate: {report.rows / seconds * 60:,.0f} rows a minute (target >= 1,000,000)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
