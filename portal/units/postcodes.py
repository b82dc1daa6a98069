"""The Danish postcode table, shipped as data (``portal/data/postcodes.csv``).

Four-digit postcode → city and kommunekode. A few postcodes cross a municipal border;
the table names the municipality that holds most of the postcode, and a unit's
municipality follows it (the network's municipalities are complete).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_TABLE = Path(__file__).resolve().parents[1] / "data" / "postcodes.csv"


@dataclass(frozen=True)
class Postcode:
    postcode: str
    city: str
    kommunekode: str


@lru_cache(maxsize=1)
def postcode_table() -> dict[str, Postcode]:
    """The whole table, read once per process (it is static data, not state)."""
    with _TABLE.open(encoding="utf-8", newline="") as handle:
        return {
            row["postcode"]: Postcode(row["postcode"], row["city"], row["kommunekode"])
            for row in csv.DictReader(handle)
        }


def lookup(postcode: str | None) -> Postcode | None:
    """The city and municipality of a four-digit postcode, or None if it is not known."""
    if not postcode:
        return None
    return postcode_table().get(postcode.strip())
