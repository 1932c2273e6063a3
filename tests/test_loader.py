"""The strict loader: each kind of bad input is an error naming the file and the line."""

from __future__ import annotations

import pytest

from sanctuary_atlas.loader import LAW_DIR, LawTreeError, load_tree

from lawkit import REGISTRY, SOURCE, measure, write_tree

GOOD = measure(
    "good-law",
    "state:48",
    "2017-09-01",
    """
- id: hold
  kind: detainer_hold
  effect: required
  applies_to: [jails]
  cite: Code § 1
""",
)


def problems(tmp_path, files: dict[str, str]) -> list[str]:
    law = write_tree(tmp_path, files)
    with pytest.raises(LawTreeError) as exc:
        load_tree(law, known_jurisdictions=set(REGISTRY.jurisdictions))
    return [str(p) for p in exc.value.problems]


def test_the_real_tree_is_valid():
    tree = load_tree(LAW_DIR, known_jurisdictions=set(REGISTRY.jurisdictions))
    assert tree.measures, "the law tree should hold measures"


def test_a_good_file_loads(tmp_path):
    tree = load_tree(write_tree(tmp_path, {"states/tx/good-law.yaml": GOOD}), set(REGISTRY.jurisdictions))
    assert list(tree.measures) == ["good-law"]


def test_malformed_yaml_names_file_and_line(tmp_path):
    bad = GOOD.replace("cite: Code § 1", "cite: [unclosed")
    (p,) = problems(tmp_path, {"states/tx/good-law.yaml": bad})
    assert p.startswith("law/states/tx/good-law.yaml:") and "malformed YAML" in p


def test_duplicate_keys(tmp_path):
    bad = GOOD.replace("kind: statute\n", "kind: statute\nkind: ordinance\n")
    (p,) = problems(tmp_path, {"states/tx/good-law.yaml": bad})
    assert p == "law/states/tx/good-law.yaml:4: duplicate key 'kind' (first at line 3)"


def test_unknown_field(tmp_path):
    bad = GOOD.replace("    cite: Code § 1", "    cite: Code § 1\n    citation: oops")
    (p,) = problems(tmp_path, {"states/tx/good-law.yaml": bad})
    assert p == "law/states/tx/good-law.yaml:14: provisions.0.citation: unknown field"


def test_provision_without_pin_cite(tmp_path):
    bad = GOOD.replace("    cite: Code § 1\n", "")
    (p,) = problems(tmp_path, {"states/tx/good-law.yaml": bad})
    assert p.startswith("law/states/tx/good-law.yaml:9: provisions.0.cite") and "required" in p


def test_measure_without_source_link(tmp_path):
    bad = GOOD.replace(SOURCE, "sources: [{title: A citation without a link}]")
    (p,) = problems(tmp_path, {"states/tx/good-law.yaml": bad})
    assert "good-law.yaml:7: sources.0.href: Field required" in p


def test_impossible_date(tmp_path):
    bad = GOOD.replace("effective: 2017-09-01", "effective: 2017-02-30")
    (p,) = problems(tmp_path, {"states/tx/good-law.yaml": bad})
    assert p.startswith("law/states/tx/good-law.yaml:6: malformed YAML: impossible date '2017-02-30'")


def test_effective_before_enacted(tmp_path):
    bad = GOOD.replace("enacted: 2017-09-01", "enacted: 2018-01-01")
    (p,) = problems(tmp_path, {"states/tx/good-law.yaml": bad})
    assert "before enacted" in p


def test_ends_before_it_starts(tmp_path):
    bad = GOOD.replace(SOURCE, "ends: {date: 2017-01-01, reason: repealed}\n" + SOURCE)
    (p,) = problems(tmp_path, {"states/tx/good-law.yaml": bad})
    assert "is not after effective" in p


def test_successor_gap_is_an_error(tmp_path):
    old = GOOD.replace(SOURCE, "ends: {date: 2018-01-01, reason: superseded, by: new-law}\n" + SOURCE)
    new = GOOD.replace("good-law", "new-law").replace("2017-09-01", "2018-01-02")
    (p,) = problems(tmp_path, {"states/tx/good-law.yaml": old, "states/tx/new-law.yaml": new})
    assert "a gap or an overlap" in p


def test_court_event_pointing_at_nothing(tmp_path):
    event = f"""
    id: bad-event
    event: injunction
    title: Somebody v. Texas (order)
    court: W.D. Tex.
    date: 2017-08-30
    scope: everywhere
    suspends: [good-law#no-such-provision]
    cite: Order at 1
    {SOURCE}
    """
    (p,) = problems(tmp_path, {"states/tx/good-law.yaml": GOOD, "states/tx/bad-event.yaml": event})
    assert p.startswith("law/states/tx/bad-event.yaml:7: suspends names 'good-law#no-such-provision'")


def test_undeclared_fact(tmp_path):
    bad = GOOD.replace(
        "    cite: Code § 1",
        "    cite: Code § 1\n    unless:\n      - when: {moon_phase: full}\n"
        "        effect: permitted\n        text: full moon\n        cite: Code § 2",
    )
    (p,) = problems(tmp_path, {"states/tx/good-law.yaml": bad})
    assert p == "law/states/tx/good-law.yaml:15: undeclared fact 'moon_phase' (declare it in law/facts.yaml)"


def test_wrong_folder_for_jurisdiction(tmp_path):
    (p,) = problems(tmp_path, {"states/ca/good-law.yaml": GOOD})
    assert "does not belong in folder states/ca" in p


def test_unknown_jurisdiction(tmp_path):
    bad = GOOD.replace("state:48", "county:48999")
    found = problems(tmp_path, {"local/tx/nowhere/good-law.yaml": bad})
    assert any("unknown jurisdiction county:48999" in p for p in found)


def test_id_must_match_file_name(tmp_path):
    (p,) = problems(tmp_path, {"states/tx/other-name.yaml": GOOD})
    assert "must equal the file name" in p


def test_every_problem_is_reported_at_once(tmp_path):
    bad = GOOD.replace("    cite: Code § 1\n", "").replace("kind: statute", "kind: decree")
    assert len(problems(tmp_path, {"states/tx/good-law.yaml": bad})) == 2


def test_applies_in_is_for_federal_orders_only(tmp_path):
    bad = GOOD.replace("provisions:", "applies_in: ['county:48453']\nprovisions:")
    (p,) = problems(tmp_path, {"states/tx/good-law.yaml": bad})
    assert "applies_in is for federal measures" in p
