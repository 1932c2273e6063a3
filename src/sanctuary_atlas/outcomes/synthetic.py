"""Synthetic ICE detainer files in the exact layout of the public releases (6 lines of preamble,
the header on row 7), for tests and benchmarks. Invented rows: never data."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from .detainers import ICE_COLUMNS

PREAMBLE = [
    "U.S. Immigration and Customs Enforcement",
    "ERO Detainers",
    "FOIA release (synthetic test file)",
    "",
    "Data as of 2025-06-30",
    "",
]
FACILITIES = [
    ("TEXAS", "AUSTIN", "TRAVIS COUNTY JAIL"),
    ("CALIFORNIA", "LOS ANGELES", "LOS ANGELES COUNTY JAIL"),
    ("ILLINOIS", "CHICAGO", "COOK COUNTY JAIL"),
    ("OREGON", "NOWHERE", "STATE HOSPITAL UNIT"),
]


def record(i: int) -> dict[str, str]:
    state, city, facility = FACILITIES[i % len(FACILITIES)]
    row = dict.fromkeys(ICE_COLUMNS, "")
    row.update(
        {
            "Detainer Prepare Date": (dt.date(2024, 1, 1) + dt.timedelta(days=i % 90)).isoformat(),
            "Facility State": state,
            "Facility City": city,
            "Detainer Facility": facility,
            "Detainer Lift Reason": "Detainer Declined by LEA" if i % 5 == 0 else "Booked into Detention",
            "Anonymized Identifier": f"X{i:06d}",
            "Gender": "Male",
        }
    )
    return row


def write_csv(path: Path, n: int, malformed: int = 0, bad_dates: int = 0) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        for line in PREAMBLE:
            fh.write(line + "\n")
        w = csv.writer(fh)
        w.writerow(ICE_COLUMNS)
        for i in range(n):
            row = record(i)
            if i < bad_dates:
                row["Detainer Prepare Date"] = "31/31/2024"
            w.writerow(row[c] for c in ICE_COLUMNS)
        for _ in range(malformed):
            w.writerow(["2024-02-01", "TEXAS", "extra", *[""] * len(ICE_COLUMNS)])  # too many fields
