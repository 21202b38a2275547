"""The CAMEO event-code table: descriptions, Goldstein scores, quad classes and PLOVER types."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    description: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None
    plover_context: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@cache
def cameo_table() -> dict[str, CameoCode]:
    """All CAMEO codes shipped in ``data/cameo/cameo_codes.csv``, keyed by code string."""
    path = resources.files("realpolitik") / "data" / "cameo" / "cameo_codes.csv"
    with path.open(encoding="utf-8") as f:
        return {
            row["code"]: CameoCode(
                code=row["code"],
                description=row["description"],
                goldstein=float(row["goldstein"]),
                quad_class=int(row["quad_class"]),
                plover=row["plover"] or None,
                plover_mode=row["plover_mode"] or None,
                plover_context=row["plover_context"] or None,
            )
            for row in csv.DictReader(f)
        }


def lookup(code: str) -> CameoCode:
    """The entry for ``code``; raises KeyError for a code that is not in CAMEO."""
    return cameo_table()[code]


def is_code(code: str) -> bool:
    return code in cameo_table()
