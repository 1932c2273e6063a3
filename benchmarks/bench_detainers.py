"""The detainer loader's throughput on a synthetic file in the release layout, against DuckDB
reading the same file directly (its own CSV reader, into a table). Not pass/fail: medians, ratio.

Run: python benchmarks/bench_detainers.py [--rows 300000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import duckdb

from sanctuary_atlas.outcomes.detainers import PREAMBLE_LINES, load
from sanctuary_atlas.outcomes.synthetic import write_csv

from timing import median_seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    src = tmp / "detainers.csv"
    write_csv(src, args.rows)
    runs = iter(range(1000))

    def ours() -> None:
        load([src], tmp / f"ours-{next(runs)}.duckdb")

    def direct() -> None:
        con = duckdb.connect(str(tmp / f"direct-{next(runs)}.duckdb"))
        con.execute(
            f"CREATE TABLE d AS SELECT * FROM read_csv('{src}', skip={PREAMBLE_LINES}, header=true, "
            "all_varchar=true, strict_mode=false)"
        )
        con.close()

    t_ours = median_seconds(ours, args.repeat)
    t_direct = median_seconds(direct, args.repeat)
    print(f"{args.rows:,} rows, {src.stat().st_size / 1e6:.0f} MB")
    print(f"loader (streamed, rejects checked) median {t_ours:6.2f} s  {args.rows / t_ours:10,.0f} rows/s")
    print(
        f"DuckDB read_csv directly           median {t_direct:6.2f} s  {args.rows / t_direct:10,.0f} rows/s"
    )
    print(f"throughput ratio loader / DuckDB: {t_direct / t_ours:.2f}")


if __name__ == "__main__":
    main()
