"""`make data` (every importer) and `sanctuary build`, from the raw files: median wall time, the
share spent in each importer, and the ratio to a baseline measured in the same run — opening
every 287(g) workbook with openpyxl and reading every other raw file (the unavoidable parse).
Not a pass/fail test.

Run: python benchmarks/bench_data.py [RAW_DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import tempfile
from collections import defaultdict
from pathlib import Path

from sanctuary_atlas import store
from sanctuary_atlas.importers.__main__ import main as make_data

from timing import median_seconds

DEFAULT_RAW = Path(__file__).resolve().parents[2] / "shared" / "data"


def read_raw(raw: Path) -> None:
    import openpyxl

    for f in sorted(raw.rglob("*")):
        if f.suffix == ".xlsx":
            wb = openpyxl.load_workbook(f, read_only=True, data_only=True)
            for _ in wb.worksheets[0].iter_rows(values_only=True):
                pass
            wb.close()
        elif f.is_file():
            f.read_bytes()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("raw", nargs="?", default=str(DEFAULT_RAW))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    raw = Path(args.raw)
    shares: dict[str, list[float]] = defaultdict(list)

    def data() -> None:
        timings: dict[str, float] = {}
        with contextlib.redirect_stderr(io.StringIO()):
            make_data([str(raw)], timings)
        for k, v in timings.items():
            shares[k].append(v)

    out = Path(tempfile.mkdtemp()) / "atlas.sqlite"
    t_data = median_seconds(data, args.repeat)
    t_build = median_seconds(lambda: store.build(out), args.repeat)
    t_base = median_seconds(lambda: read_raw(raw), args.repeat)
    print(f"make data median        {t_data:6.2f} s")
    for name, values in sorted(shares.items(), key=lambda kv: -statistics.median(kv[1])):
        t = statistics.median(values)
        print(f"  {name:22} {t:6.2f} s  ({100 * t / t_data:4.1f}%)")
    print(f"sanctuary build median  {t_build:6.2f} s")
    print(f"baseline (parse raw)    {t_base:6.2f} s")
    print(f"ratio (data + build) / baseline  {(t_data + t_build) / t_base:5.2f}x")


if __name__ == "__main__":
    main()
