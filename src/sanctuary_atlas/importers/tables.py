"""Write and read the normalized tables (CSV, UTF-8, sorted, "\n" line ends): deterministic."""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def write_table(name: str, rows: list[dict], folder: Path = DATA) -> Path:
    path = folder / f"{name}.csv"
    fields = list(rows[0]) if rows else []
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def read_table(name: str, folder: Path = DATA) -> list[dict]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
