"""Response models shared by the Python API, the CLI's --json and the HTTP API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field


class JurisdictionOut(BaseModel):
    id: str
    name: str
    state: str
    kind: str
    fips: str


class ExceptionOut(BaseModel):
    when: str = Field(description="the condition, in plain words")
    effect: str = Field(description="the answer when the condition holds")
    cite: str
    measure: str
    facts: dict[str, Any] = Field(description="facts that make the condition hold")


class ControllingOut(BaseModel):
    measure: str
    provision: str
    title: str
    level: str
    effect: str
    cite: str
    href: str


class TraceOut(BaseModel):
    measure: str
    provision: str
    level: str
    jurisdiction: str
    effect: str
    status: str
    by: str | None = None
    cite: str
    href: str


class Decision(BaseModel):
    jurisdiction: JurisdictionOut
    government: str = Field(description="canonical id of the government that acts for this place")
    kind: str
    date: dt.date
    facts: dict[str, Any]
    effect: str = Field(description="required | permitted | prohibited | restricted")
    default_effect: str = Field(description="the answer when no listed exception applies")
    exceptions: list[ExceptionOut]
    controlling: list[ControllingOut]
    basis: str = Field(
        description="law: provisions control; baseline: no law speaks, so the "
        "federal baseline (detainers are requests) applies"
    )
    trace: list[TraceOut]
    notes: list[str] = Field(default_factory=list)


class ShowOut(BaseModel):
    jurisdiction: JurisdictionOut
    date: dt.date
    decisions: dict[str, Decision]


class TimelineChange(BaseModel):
    date: dt.date
    kind: str
    before: str
    after: str
    causes: list[str]


class TimelineOut(BaseModel):
    jurisdiction: JurisdictionOut
    kinds: list[str]
    changes: list[TimelineChange]


class LookupOut(BaseModel):
    query: str
    matches: list[JurisdictionOut]


class CoverageEntry(BaseModel):
    id: str
    name: str
    status: str
    last_verified: dt.date | None
    measures: int
    note: str | None = None


class CoverageOut(BaseModel):
    jurisdictions: list[CoverageEntry]
