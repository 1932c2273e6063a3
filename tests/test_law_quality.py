"""Quality gates over the whole law tree and its cases (data lint, as in PolicyEngine)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from sanctuary_atlas.loader import LAW_DIR, load_cases, load_tree
from sanctuary_atlas.registry import Registry

R = Registry.from_csv()
TREE = load_tree(LAW_DIR, known_jurisdictions=set(R.jurisdictions))
CASES_DIR = Path(__file__).parent / "cases"
CASES = load_cases(CASES_DIR, TREE.facts)


def test_every_provision_has_a_pin_cite_and_every_measure_an_official_link():
    for m in TREE.measures.values():
        assert all(str(s.href).startswith(("https://", "http://")) for s in m.sources), m.id
        for p in m.provisions:
            assert any(ch.isdigit() for ch in p.cite), f"{m.id}#{p.id}: cite {p.cite!r} has no section"


def test_no_measure_is_in_force_before_it_was_enacted():
    for m in TREE.measures.values():
        if m.enacted is None:
            assert m.confidence == "low", f"{m.id}: unknown enactment date without confidence: low"
            continue
        assert m.enacted <= m.effective, m.id
        for p in m.provisions:
            assert (p.effective or m.effective) >= m.enacted, f"{m.id}#{p.id}"


def test_court_events_name_real_provisions():
    keys = {f"{m.id}#{p.id}" for m in TREE.measures.values() for p in m.provisions}
    for e in TREE.events.values():
        for target in [*e.suspends, *e.restores]:
            assert target in keys or target in TREE.measures, (e.id, target)


def test_low_confidence_says_why():
    for obj in [*TREE.measures.values(), *TREE.events.values()]:
        if obj.confidence == "low":
            assert obj.note and len(obj.note) > 40, f"{obj.id} is low confidence without a note"


@pytest.mark.parametrize("measure_id", sorted(TREE.measures))
def test_each_measure_with_provisions_has_mirrored_cases(measure_id):
    m = TREE.measures[measure_id]
    if not m.provisions:
        pytest.skip("no provisions: nothing to test")
    law_file = TREE.files[measure_id]
    mirrored = CASES_DIR / law_file.relative_to("law")
    assert mirrored.exists(), f"no case file {mirrored.relative_to(CASES_DIR.parent)}"


def test_at_least_three_cases_per_state_with_a_measure():
    per_state = Counter()
    for file, _, _ in CASES:
        parts = file.relative_to(CASES_DIR).parts
        if parts[0] in ("states", "local"):
            per_state[parts[1]] += 1
    states = {
        Path(*TREE.files[m].parts[2:3]).name
        for m in TREE.measures
        if TREE.files[m].parts[1] in ("states", "local")
    }
    for st in states:
        assert per_state[st] >= 3, f"{st}: only {per_state[st]} cases"


def test_there_are_at_least_sixty_cases_and_each_cites_a_provision():
    assert len(CASES) >= 60
    assert all(case.cite.strip() for _, _, case in CASES)


def test_coverage_page_has_every_state(atlas):
    from sanctuary_atlas.coverage_page import coverage_page

    page = coverage_page(atlas)
    rows = [
        line
        for line in page.splitlines()
        if line.startswith("| ") and line[2:4].isalpha() and line[4:6] == " |"
    ]
    assert len(rows) == 51
    assert "| TX | " in page and "| CA | " in page


def test_a_measure_without_an_official_source_is_low_confidence():
    from sanctuary_atlas.sources import secondary_only

    for m in TREE.measures.values():
        if secondary_only(m.model_dump(mode="json")):
            assert m.confidence == "low", (
                f"{m.id} cites no official or archival text but is not low confidence"
            )


def test_open_questions_are_on_the_coverage_page(atlas):
    from sanctuary_atlas.coverage_page import coverage_page

    page = coverage_page(atlas)
    asked = [r for r in atlas.coverage_rows if r["open_questions"]]
    assert asked, "no open question recorded"
    section = page.split("## Open questions", 1)[1]
    assert all(f"({r['id']})" in section and r["open_questions"][0] in section for r in asked)
