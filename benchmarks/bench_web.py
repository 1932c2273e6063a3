"""The web atlas under load, and the map in Chromium. Not pass/fail: medians and ratios.

1. /api/ask under 50 concurrent clients on loopback for 20 s: p50, p99, errors, and the ratio of
   its p99 to a trivial endpoint (/api/health) of the same server in the same run.
2. The map page in headless Chromium: navigation to every county drawn, and a recolour after a
   slider move (median of several).

Run: python benchmarks/bench_web.py [--seconds 20] [--clients 50]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from sanctuary_atlas.web.headless import CHROMIUM, CHROMIUM_FLAGS, free_port

KINDS = ["detainer_hold", "release_notification", "jail_access", "agreement_287g", "status_inquiry"]
PLACES = [
    "county:48453",
    "county:06037",
    "county:17031",
    "county:36061",
    "county:12086",
    "county:20091",
    "place:1714000",
    "state:41",
    "county:13121",
    "county:04013",
]


def ask_url(rng: random.Random) -> str:
    year = rng.randrange(1990, 2026)
    return (
        f"/api/ask?place={rng.choice(PLACES)}&kind={rng.choice(KINDS)}"
        f"&on={year}-{rng.randrange(1, 13):02d}-01"
    )


async def load(base: str, make_url, seconds: float, clients: int) -> tuple[list[float], int, int]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as client:

        async def worker(seed: int) -> None:
            nonlocal errors
            rng = random.Random(seed)
            while time.perf_counter() < deadline:
                t0 = time.perf_counter()
                try:
                    r = await client.get(make_url(rng))
                    if r.status_code >= 400:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append(time.perf_counter() - t0)

        await asyncio.gather(*(worker(i) for i in range(clients)))
    return latencies, errors, len(latencies)


WRK_SCRIPT = """
local places = {%s}
local kinds = {%s}
math.randomseed(7)
request = function()
  local path = "/api/ask?place=" .. places[math.random(#places)] .. "&kind=" .. kinds[math.random(#kinds)]
    .. "&on=" .. math.random(1990, 2025) .. "-" .. string.format("%%02d", math.random(1, 12)) .. "-01"
  return wrk.format("GET", path)
end
"""


def wrk(base: str, path: str, seconds: float, clients: int, script: str | None = None) -> dict:
    """Run wrk (C, from Debian) so the client costs little of the machine; parse its report."""
    import re
    import shutil

    cmd = [shutil.which("wrk"), "-t2", f"-c{clients}", f"-d{int(seconds)}s", "--latency"]
    if script:
        lua = Path(tempfile.mkdtemp()) / "ask.lua"
        lua.write_text(script)
        cmd += ["-s", str(lua)]
    out = subprocess.run([*cmd, base + path], capture_output=True, text=True, check=True).stdout

    def ms(label: str) -> float:
        value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return {
        "p50": ms("50%"),
        "p99": ms("99%"),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "errors": errors,
    }


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000


def browser_timings(base: str, runs: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    first, recolour = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for i in range(runs):
            t0 = time.perf_counter()
            page.goto(base + "/")
            page.wait_for_function("Number(document.body.dataset.drawn || 0) >= 1")
            first.append((time.perf_counter() - t0) * 1000)
            months = page.evaluate("JSON.parse(document.getElementById('months').textContent).length")
            t1 = time.perf_counter()
            page.evaluate(
                "i => { const s = document.getElementById('date'); s.value = i;"
                " s.dispatchEvent(new Event('input')); }",
                (i * 37) % months,
            )
            page.wait_for_function("Number(document.body.dataset.drawn || 0) >= 2")
            recolour.append((time.perf_counter() - t1) * 1000)
        browser.close()
    return first, recolour


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--browser-runs", type=int, default=7)
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    args = parser.parse_args()
    port = free_port()
    env = {**os.environ, "SANCTUARY_ATLAS_STORE": str(Path(tempfile.mkdtemp()) / "atlas.sqlite")}
    subprocess.run(
        [sys.executable, "-m", "sanctuary_atlas", "build"], env=env, check=True, stdout=subprocess.DEVNULL
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sanctuary_atlas",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(base + "/api/health", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        httpx.get(base + "/api/ask?place=county:48453&kind=detainer_hold")  # warm the caches
        import shutil

        if shutil.which("wrk"):
            script = WRK_SCRIPT % (", ".join(f'"{p}"' for p in PLACES), ", ".join(f'"{k}"' for k in KINDS))
            ask = wrk(base, "/", args.seconds, args.clients, script)
            health = wrk(base, "/api/health", args.seconds, args.clients)
            client = "wrk"
        else:
            a, a_err, _ = asyncio.run(load(base, ask_url, args.seconds, args.clients))
            h, h_err, _ = asyncio.run(load(base, lambda rng: "/api/health", args.seconds, args.clients))
            ask = {"p50": pct(a, 0.5), "p99": pct(a, 0.99), "rps": len(a) / args.seconds, "errors": a_err}
            health = {"p50": pct(h, 0.5), "p99": pct(h, 0.99), "rps": len(h) / args.seconds, "errors": h_err}
            client = "python httpx"
        for name, r in (("/api/ask   ", ask), ("/api/health", health)):
            print(
                f"{name} {args.clients} clients {args.seconds:.0f} s ({client}): {r['rps']:.0f} req/s, "
                f"p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms, errors {r['errors']}"
            )
        print(f"p99 ratio ask / health: {ask['p99'] / health['p99']:.2f}x (goal: ask p99 < 50 ms, no errors)")
        try:
            first, recolour = browser_timings(base, args.browser_runs)
            print(
                f"map first draw median {statistics.median(first):.0f} ms (goal < 1500); "
                f"recolour after a slider move median {statistics.median(recolour):.0f} ms (goal < 100)"
            )
        except Exception as exc:  # Chromium missing: the load figures still stand
            print(f"map timings skipped: {exc}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
