"""grid() over every county × every month 1987-01..2026-12 × all nine kinds, against a numpy
piecewise-constant fill of the same shape measured in the same run. Reports medians and the ratio.
Not a pass/fail test: machines are shared and noisy.

Run: make bench   (or: python benchmarks/bench_grid.py [--repeat N])
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

import numpy as np

from sanctuary_atlas.api import Atlas

from timing import median_seconds

MONTHS = [dt.date(y, m, 1) for y in range(1987, 2027) for m in range(1, 13)]


def numpy_floor(n_rows: int, dates: np.ndarray, n_kinds: int, rng: np.random.Generator) -> np.ndarray:
    """The floor: a fully vectorized piecewise-constant fill of the same shape, every (row, kind)
    with its own three breakpoints and four values (no law, no decisions: just the fill)."""
    lo, hi = dates[0].astype(int), dates[-1].astype(int)
    breaks = np.sort(rng.integers(lo, hi, size=(n_rows, 1, n_kinds, 3)), axis=-1)
    values = rng.integers(0, 4, size=(n_rows, 1, n_kinds, 4), dtype=np.uint8)
    days = dates.astype(int)[None, :, None, None]
    segment = (days >= breaks).sum(axis=-1, dtype=np.uint8)  # [rows, dates, kinds]
    return np.take_along_axis(values, segment[..., None], axis=-1)[..., 0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    atlas = Atlas.load(Path(tempfile.mkdtemp()) / "atlas.sqlite")
    dates = np.array([np.datetime64(d, "D") for d in MONTHS])
    g = atlas.grid("county", dates=MONTHS)
    cells = g.codes.size
    rng = np.random.default_rng(0)
    t_grid = median_seconds(lambda: atlas.grid("county", dates=MONTHS), args.repeat)
    t_floor = median_seconds(lambda: numpy_floor(len(g.ids), dates, 9, rng), args.repeat)
    print(f"grid: {len(g.ids)} counties x {len(MONTHS)} months x 9 kinds = {cells:,} cells")
    print(f"grid() median        {t_grid:8.3f} s  ({cells / t_grid / 1e6:.1f} M cells/s)")
    print(f"numpy floor median   {t_floor:8.3f} s")
    print(f"ratio grid / floor   {t_grid / t_floor:8.2f}x   (goal: within 10x)")


if __name__ == "__main__":
    main()
