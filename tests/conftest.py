"""Shared fixtures, and the collector that turns tests/cases/**/*.yaml into pytest items:
each YAML legal case asks the real atlas one question and checks the answer."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import pytest

from sanctuary_atlas.loader import LAW_DIR, LawTreeError, load_case_file, load_facts

CASES_DIR = Path(__file__).parent / "cases"


@cache
def real_atlas():
    """The real atlas, built once per run into a private store."""
    from sanctuary_atlas.api import Atlas

    return Atlas.load(Path(tempfile.mkdtemp()) / "atlas.sqlite")


@pytest.fixture(scope="session")
def atlas():
    return real_atlas()


def pytest_collect_file(parent, file_path: Path):
    if file_path.suffix == ".yaml" and CASES_DIR in file_path.parents:
        return CaseFile.from_parent(parent, path=file_path)
    return None


class CaseFile(pytest.File):
    def collect(self):
        facts, _ = load_facts(LAW_DIR)
        try:
            cases = load_case_file(self.path, facts)
        except LawTreeError as exc:
            raise pytest.UsageError(str(exc)) from None
        for line, case in cases:
            yield LegalCaseItem.from_parent(self, name=f"line {line}: {case.name}", case=case)


class CaseFailure(AssertionError):
    pass


class LegalCaseItem(pytest.Item):
    def __init__(self, *, case, **kwargs):
        super().__init__(**kwargs)
        self.case = case

    def runtest(self):
        c = self.case
        d = real_atlas().decide(c.place, c.kind.value, c.on, c.facts)
        problems = []
        if d.effect != c.expect.value:
            problems.append(f"expected {c.expect.value}, got {d.effect}")
        got = {x.measure for x in d.controlling}
        missing = [m for m in c.controlling if m not in got]
        if missing:
            problems.append(f"expected controlling {missing}, got {sorted(got)}")
        if problems:
            trace = "\n".join(
                f"    {t.level:8} {t.measure}#{t.provision}: {t.effect} {t.status} {t.by or ''}"
                for t in d.trace
            )
            raise CaseFailure(f"{c.name} [{c.cite}]: {'; '.join(problems)}\n  trace:\n{trace}")

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, CaseFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, f"{self.case.place} {self.case.kind.value} {self.case.on}"
