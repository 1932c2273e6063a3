"""Read the law tree strictly: every problem is reported with its file and line.

Rejected: malformed YAML, duplicate keys, unknown fields, impossible or unsorted dates, a
provision without a pin cite, a measure without a source link, a court event naming a
provision that does not exist, a condition on an undeclared fact, an unknown jurisdiction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .errors import LawTreeError, Problem
from .model import CourtEvent, FactSpec, LegalCase, Measure

LAW_DIR = Path(__file__).resolve().parent / "law"
Path_ = tuple[str | int, ...]


@dataclass
class LawTree:
    measures: dict[str, Measure] = field(default_factory=dict)
    events: dict[str, CourtEvent] = field(default_factory=dict)
    facts: dict[str, FactSpec] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)


# ---------------------------------------------------------------- YAML with line numbers


class StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser where present
    """SafeLoader with YAML 1.2 booleans: only true/false, so `on:`, `no:`, `yes` stay strings;
    an impossible date (2017-02-30) is an error at its line."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"impossible date {node.value!r} ({exc})", node.start_mark
            ) from None


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _line_map(node: yaml.Node, path: Path_, lines: dict[Path_, int], problems: list[str]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(f"{line}: duplicate key {key!r} (first at line {seen[key]})")
            seen[key] = line
            lines[(*path, key)] = line
            _line_map(value_node, (*path, key), lines, problems)
            lines[(*path, key)] = line
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_map(item, (*path, i), lines, problems)


def read_yaml(file: Path) -> tuple[Any, dict[Path_, int]]:
    """Parse one YAML file; raise LawTreeError on syntax errors or duplicate keys."""
    text = file.read_text(encoding="utf-8")
    loader = StrictLoader(text)
    try:  # one parse: the node tree gives the lines, and the data is built from it
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(exc, "problem", None) or str(exc)
        raise LawTreeError([Problem(file, line, f"malformed YAML: {reason}")]) from None
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    dup: list[str] = []
    if node is not None:
        _line_map(node, (), lines, dup)
    if dup:
        raise LawTreeError([Problem(file, int(d.split(":")[0]), d.split(": ", 1)[1]) for d in dup])
    return data, lines


def _line_for(loc: Iterable[str | int], lines: dict[Path_, int]) -> int:
    path = tuple(loc)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), 1)


def _validate(
    model: type[BaseModel], data: Any, file: Path, lines: dict[Path_, int], prefix: Path_ = ()
) -> tuple[Any, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = (*prefix, *err["loc"])
            where = ".".join(str(p) for p in err["loc"]) or "(top)"
            msg = err["msg"]
            if err["type"] == "extra_forbidden":
                msg = "unknown field"
            problems.append(Problem(file, _line_for(loc, lines), f"{where}: {msg}"))
        return None, problems


# ---------------------------------------------------------------- the tree


def load_facts(law_dir: Path) -> tuple[dict[str, FactSpec], list[Problem]]:
    file = law_dir / "facts.yaml"
    data, lines = read_yaml(file)
    facts, problems = {}, []
    for name, spec in (data or {}).items():
        fact, errs = _validate(FactSpec, spec, file, lines, (name,))
        problems += errs
        if fact:
            facts[name] = fact
    return facts, problems


def check_condition(cond: dict, facts: dict[str, FactSpec]) -> list[str]:
    """Return what is wrong with a condition (empty when it is well formed)."""
    errors = []
    for name, value in cond.items():
        spec = facts.get(name)
        if spec is None:
            errors.append(f"undeclared fact {name!r} (declare it in law/facts.yaml)")
        elif spec.type == "bool" and not isinstance(value, bool):
            errors.append(f"fact {name!r} takes true or false, not {value!r}")
        elif spec.type == "level":
            level = value.get("at_least") if isinstance(value, dict) else value
            if isinstance(value, dict) and set(value) != {"at_least"}:
                errors.append(f"fact {name!r}: a mapping value may only be {{at_least: LEVEL}}")
            elif level not in (spec.levels or []):
                errors.append(f"fact {name!r} takes one of {spec.levels}, not {level!r}")
    return errors


def load_tree(law_dir: Path = LAW_DIR, known_jurisdictions: set[str] | None = None) -> LawTree:
    """Load and cross-check every file of the law tree; raise LawTreeError listing all problems."""
    tree = LawTree()
    problems: list[Problem] = []
    try:
        tree.facts, errs = load_facts(law_dir)
        problems += errs
    except LawTreeError as exc:
        problems += exc.problems
    line_maps: dict[str, dict[Path_, int]] = {}
    for file in sorted(law_dir.rglob("*.yaml")):
        if file.name in ("facts.yaml", "coverage.yaml"):
            continue
        rel = file.relative_to(law_dir.parent)
        try:
            data, lines = read_yaml(file)
        except LawTreeError as exc:
            problems += [Problem(rel, p.line, p.message) for p in exc.problems]
            continue
        if not isinstance(data, dict):
            problems.append(Problem(rel, 1, "a law file must be a mapping (a measure or a court event)"))
            continue
        model = CourtEvent if "event" in data else Measure
        obj, errs = _validate(model, data, rel, lines)
        problems += errs
        if obj is None:
            continue
        if obj.id != file.stem:
            problems.append(
                Problem(rel, lines.get(("id",), 1), f"id {obj.id!r} must equal the file name {file.stem!r}")
            )
        if obj.id in tree.files:
            problems.append(
                Problem(rel, lines.get(("id",), 1), f"id {obj.id!r} is also used by {tree.files[obj.id]}")
            )
            continue
        tree.files[obj.id] = rel
        line_maps[obj.id] = lines
        if isinstance(obj, Measure):
            tree.measures[obj.id] = obj
            problems += _check_measure_path(obj, rel, law_dir, lines)
        else:
            tree.events[obj.id] = obj
    problems += _cross_check(tree, line_maps, known_jurisdictions)
    if problems:
        raise LawTreeError(problems)
    return tree


def _check_measure_path(m: Measure, rel: Path, law_dir: Path, lines: dict) -> list[Problem]:
    """The path is the name: federal/ holds `us`, states/xx/ a state, local/xx/… its localities."""
    import us

    parts = rel.relative_to(law_dir.name).parts
    expected = None
    if parts[0] == "federal":
        expected = m.jurisdiction == "us"
    elif parts[0] in ("states", "local") and len(parts) >= 3:
        state = us.states.lookup(parts[1])
        if state is None:
            return [Problem(rel, 1, f"folder {parts[1]!r} is not a state abbreviation")]
        if parts[0] == "states":
            expected = m.jurisdiction == f"state:{state.fips}"
        else:
            expected = m.jurisdiction.split(":")[0] in ("county", "place") and m.jurisdiction.split(":")[
                1
            ].startswith(state.fips)
    if not expected:
        return [
            Problem(
                rel,
                lines.get(("jurisdiction",), 1),
                f"jurisdiction {m.jurisdiction} does not belong in folder {'/'.join(parts[:-1])}",
            )
        ]
    return []


def _cross_check(tree: LawTree, line_maps: dict, known: set[str] | None) -> list[Problem]:
    problems = []
    provisions = {f"{m.id}#{p.id}" for m in tree.measures.values() for p in m.provisions}
    for m in tree.measures.values():
        file, lines = tree.files[m.id], line_maps[m.id]
        if known is not None and m.jurisdiction not in known:
            problems.append(
                Problem(file, lines.get(("jurisdiction",), 1), f"unknown jurisdiction {m.jurisdiction}")
            )
        if m.ends and m.ends.by:
            successor = tree.measures.get(m.ends.by)
            if successor is None:
                problems.append(
                    Problem(
                        file, lines.get(("ends", "by"), 1), f"ends.by names unknown measure {m.ends.by!r}"
                    )
                )
            elif m.ends.reason in ("superseded", "amended") and successor.effective != m.ends.date:
                problems.append(
                    Problem(
                        file,
                        lines.get(("ends", "date"), 1),
                        f"ends {m.ends.date} but its successor {successor.id} takes effect "
                        f"{successor.effective}: a gap or an overlap",
                    )
                )
        for i, p in enumerate(m.provisions):
            conds = [(("provisions", i, "only_if"), p.only_if)] if p.only_if else []
            conds += [(("provisions", i, "unless", j, "when"), e.when) for j, e in enumerate(p.unless)]
            for loc, cond in conds:
                for err in check_condition(cond, tree.facts):
                    problems.append(Problem(file, _line_for(loc, lines), err))
    for e in tree.events.values():
        file, lines = tree.files[e.id], line_maps[e.id]
        for field_name in ("suspends", "restores"):
            for i, target in enumerate(getattr(e, field_name)):
                if target not in provisions and target not in tree.measures:
                    problems.append(
                        Problem(
                            file,
                            _line_for((field_name, i), lines),
                            f"{field_name} names {target!r}, which is no measure or provision",
                        )
                    )
        if isinstance(e.scope, list) and known is not None:
            for i, j in enumerate(e.scope):
                if j not in known:
                    problems.append(
                        Problem(file, _line_for(("scope", i), lines), f"unknown jurisdiction {j}")
                    )
        if not e.suspends and not e.restores and e.event in ("injunction", "stay", "vacatur"):
            problems.append(Problem(file, 1, f"a {e.event} must name what it suspends or restores"))
    return problems


# ---------------------------------------------------------------- legal test cases


def load_case_file(file: Path, facts: dict[str, FactSpec]) -> list[tuple[int, LegalCase]]:
    """Load one YAML case file as (line, case) pairs; raise LawTreeError listing its problems."""
    data, lines = read_yaml(file)
    if not isinstance(data, list):
        raise LawTreeError([Problem(file, 1, "a case file must be a list of cases")])
    out, problems = [], []
    for i, item in enumerate(data):
        case, errs = _validate(LegalCase, item, file, lines, (i,))
        problems += errs
        if case is None:
            continue
        for err in check_condition(case.facts, facts):
            problems.append(Problem(file, _line_for((i, "facts"), lines), err))
        out.append((lines.get((i,), 1), case))
    if problems:
        raise LawTreeError(problems)
    return out


def load_cases(cases_dir: Path, facts: dict[str, FactSpec]) -> list[tuple[Path, int, LegalCase]]:
    """Every case under cases_dir as (file, line, case); raise LawTreeError listing all problems."""
    out, problems = [], []
    for file in sorted(cases_dir.rglob("*.yaml")):
        try:
            out += [(file, line, case) for line, case in load_case_file(file, facts)]
        except LawTreeError as exc:
            problems += exc.problems
    if problems:
        raise LawTreeError(problems)
    return out


def parse_date(text: str) -> dt.date:
    """Parse YYYY-MM-DD; raise ValueError with a readable reason."""
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(f"bad date {text!r}: use YYYY-MM-DD, e.g. 2018-03-01") from None
