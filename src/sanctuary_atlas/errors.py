"""Errors the atlas reports to people: light to import, so the CLI can catch them cheaply."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class LawTreeError(Exception):
    """The law tree (or a case file) has problems; each names its file and line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


class BadInput(ValueError):
    """A bad date, kind or fact: the message says what was wrong and what is accepted."""
