"""The command-line contract: --json documents, exit statuses, one-line reasons."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from sanctuary_atlas.cli import main


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    store = tmp_path_factory.mktemp("cli") / "atlas.sqlite"
    os.environ["SANCTUARY_ATLAS_STORE"] = str(store)
    import sanctuary_atlas

    sanctuary_atlas.atlas.cache_clear()

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args))

    yield invoke
    sanctuary_atlas.atlas.cache_clear()


def test_ask_json_has_the_contract_fields(run):
    r = run("ask", "Travis County, TX", "detainer_hold", "--on", "2018-03-01", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["jurisdiction"] == {
        "id": "county:48453",
        "name": "Travis County",
        "state": "TX",
        "kind": "county",
        "fips": "48453",
    }
    assert doc["kind"] == "detainer_hold" and doc["date"] == "2018-03-01" and doc["facts"] == {}
    assert doc["effect"] in ("required", "permitted", "prohibited", "restricted")
    for key in ("exceptions", "controlling", "trace"):
        assert isinstance(doc[key], list)
    for c in doc["controlling"]:
        assert {"measure", "title", "cite", "href"} <= set(c)
    for t in doc["trace"]:
        assert {"measure", "level", "effect", "status", "by", "cite"} <= set(t)


def test_ask_with_facts(run):
    r = run(
        "ask",
        "county:48453",
        "detainer_hold",
        "--on",
        "2018-03-01",
        "--fact",
        "judicial_warrant=true",
        "--fact",
        "conviction=felony",
        "--json",
    )
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["facts"] == {"judicial_warrant": True, "conviction": "felony"}


def test_ask_table_explains_itself(run):
    r = run("ask", "travis tx", "detainer_hold", "--on", "2018-03-01", "--trace")
    assert r.exit_code == 0, r.output
    assert "answer:" in r.stdout and "trace" in r.stdout


@pytest.mark.parametrize(
    "args, reason",
    [
        (["ask", "Travsi County, TX", "detainer_hold"], "did you mean: Travis County, TX (county:48453)"),
        (["ask", "travis tx", "detainer_hld"], "did you mean 'detainer_hold'"),
        (["ask", "travis tx", "detainer_hold", "--on", "2018-02-30"], "bad date '2018-02-30'"),
        (["ask", "travis tx", "detainer_hold", "--fact", "warrant"], "bad fact 'warrant'"),
        (["ask", "travis tx", "detainer_hold", "--fact", "conviction=murder"], "takes one of"),
        (["show", "Nowhereville, ZZ"], "unknown place"),
        (["lookup", "Qqqqqq Xxxx"], "unknown place"),
        (["reconcile", "doj-2025-08-05", "--csv", "no/such/folder/out.csv"], "No such file or directory"),
    ],
)
def test_bad_input_exits_2_with_a_reason(run, args, reason):
    r = run(*args)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert reason in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_show_json(run):
    r = run("show", "chicago", "--on", "2020-01-01", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["jurisdiction"]["id"] == "place:1714000"
    assert len(doc["decisions"]) == 9
    assert all("effect" in d for d in doc["decisions"].values())


def test_timeline_json(run):
    r = run("timeline", "travis county tx", "detainer_hold", "--json")
    assert r.exit_code == 0, r.output
    changes = json.loads(r.stdout)["changes"]
    assert changes == sorted(changes, key=lambda c: c["date"])
    assert all(c["causes"] for c in changes)


def test_lookup_json(run):
    r = run("lookup", "austin, texas", "--json")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["matches"][0]["id"] == "place:4805000"


def test_coverage_json(run):
    r = run("coverage", "--json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)["jurisdictions"]
    assert rows and all(set(x) >= {"id", "name", "status", "last_verified", "measures"} for x in rows)
    assert {x["status"] for x in rows} <= {"researched", "partial", "not_researched"}
    nyc = next(x for x in rows if x["id"] == "place:3651000")
    assert "county:36047" in nyc["also"]  # Brooklyn is New York City's government


def test_validate(run):
    r = run("validate", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["valid"] is True


def test_every_command_is_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"sanctuary {name}" in readme, f"README does not document `sanctuary {name}`"


def test_every_command_help_has_an_example():
    for name, cmd in main.commands.items():
        if name in ("kinds",):
            continue
        assert "Example:" in (cmd.help or ""), name


def test_cold_process_json_is_clean(tmp_path):
    env = {**os.environ, "SANCTUARY_ATLAS_STORE": str(tmp_path / "atlas.sqlite")}
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "sanctuary_atlas",
            "ask",
            "48453",
            "detainer_hold",
            "--on",
            "2017-09-01",
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["jurisdiction"]["id"] == "county:48453"
