"""A cold `sanctuary ask … --json` process against `python -c pass`, both measured here.
Reports medians and the ratio. Not a pass/fail test.

Run: make bench   (or: python benchmarks/bench_cold_ask.py [--repeat N])
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import median_seconds

ASK = [
    sys.executable,
    "-m",
    "sanctuary_atlas",
    "ask",
    "Travis County, TX",
    "detainer_hold",
    "--on",
    "2018-03-01",
    "--json",
]
PASS = [sys.executable, "-c", "pass"]


def median_wall(cmd: list[str], env: dict, repeat: int) -> float:
    return median_seconds(lambda: subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True), repeat)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "SANCTUARY_ATLAS_STORE": str(Path(tempfile.mkdtemp()) / "atlas.sqlite")}
    subprocess.run(
        [sys.executable, "-m", "sanctuary_atlas", "build"], env=env, check=True, stdout=subprocess.DEVNULL
    )
    t_ask = median_wall(ASK, env, args.repeat)
    t_pass = median_wall(PASS, env, args.repeat)
    print(f"cold ask --json median   {t_ask:6.3f} s   (goal: under 0.4 s)")
    print(f"python -c pass median    {t_pass:6.3f} s")
    print(f"ratio                    {t_ask / t_pass:6.1f}x")


if __name__ == "__main__":
    main()
