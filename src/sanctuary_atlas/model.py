"""Pydantic models of the law tree: what a YAML file may say, checked strictly.

The format is documented in docs/law-format.md.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

from .vocabulary import PROVISION_EFFECTS, Actor, Effect, EndReason, EventKind, Kind, MeasureKind

JURISDICTION_ID = re.compile(r"^(us|state:\d{2}|county:\d{5}|place:\d{7})$")
MEASURE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(Strict):
    title: str = Field(min_length=8, description="a full citation")
    href: HttpUrl
    archived: HttpUrl | None = None


class Ends(Strict):
    date: dt.date = Field(description="first day no longer in force")
    reason: EndReason
    by: str | None = None
    cite: str | None = None


Condition = dict[str, Any]


class Exception_(Strict):
    when: Condition = Field(min_length=1)
    effect: Effect
    text: str = Field(min_length=3, description="the exception in plain words")
    cite: str = Field(min_length=3)

    @field_validator("effect")
    @classmethod
    def _provision_effect(cls, v: Effect) -> Effect:
        if v not in PROVISION_EFFECTS:
            raise ValueError(f"an exception's effect must be one of {list(map(str, PROVISION_EFFECTS))}")
        return v


class Provision(Strict):
    id: str = Field(pattern=MEASURE_ID.pattern)
    kind: Kind
    effect: Effect
    applies_to: list[Actor] = Field(min_length=1)
    cite: str = Field(min_length=3, description="pin cite")
    quote: str | None = None
    note: str | None = None
    effective: dt.date | None = None
    ends: dt.date | None = None
    only_if: Condition | None = None
    only_if_text: str | None = None
    unless: list[Exception_] = Field(default_factory=list)

    @field_validator("effect")
    @classmethod
    def _provision_effect(cls, v: Effect) -> Effect:
        if v not in PROVISION_EFFECTS:
            raise ValueError(f"a provision's effect must be one of {list(map(str, PROVISION_EFFECTS))}")
        return v

    @model_validator(mode="after")
    def _dates(self) -> Provision:
        if self.effective and self.ends and self.ends <= self.effective:
            raise ValueError(f"provision {self.id}: ends {self.ends} is not after effective {self.effective}")
        return self


class Measure(Strict):
    id: str = Field(pattern=MEASURE_ID.pattern)
    title: str = Field(min_length=8)
    kind: MeasureKind
    jurisdiction: str = Field(pattern=JURISDICTION_ID.pattern)
    enacted: dt.date | None = Field(default=None, description="omit only when unknown (then confidence: low)")
    effective: dt.date
    ends: Ends | None = None
    confidence: Literal["high", "low"] = "high"
    note: str | None = None
    sources: list[Source] = Field(min_length=1)
    provisions: list[Provision] = Field(default_factory=list)
    applies_in: list[str] | None = Field(
        default=None,
        description="a federal court order binding only named parties: the jurisdictions it binds",
    )

    @model_validator(mode="after")
    def _check(self) -> Measure:
        if self.applies_in is not None:
            if self.jurisdiction != "us":
                raise ValueError("applies_in is for federal measures (a court order binding named parties)")
            bad = [j for j in self.applies_in if not JURISDICTION_ID.match(j)]
            if bad or not self.applies_in:
                raise ValueError(f"applies_in needs jurisdiction ids, not {bad or 'nothing'}")
        if self.enacted is None and self.confidence != "low":
            raise ValueError("enacted is missing: give the date, or set confidence: low and say why in note")
        if self.enacted and self.effective < self.enacted:
            raise ValueError(f"effective {self.effective} is before enacted {self.enacted}")
        if self.ends and self.ends.date <= self.effective:
            raise ValueError(f"ends {self.ends.date} is not after effective {self.effective}")
        seen: set[str] = set()
        for p in self.provisions:
            if p.id in seen:
                raise ValueError(f"duplicate provision id {p.id!r}")
            seen.add(p.id)
            if p.effective and p.effective < self.effective:
                raise ValueError(
                    f"provision {p.id} is effective {p.effective}, before the measure ({self.effective})"
                )
            if p.ends and self.ends and p.ends > self.ends.date:
                raise ValueError(f"provision {p.id} ends {p.ends}, after the measure ({self.ends.date})")
        return self


class CourtEvent(Strict):
    id: str = Field(pattern=MEASURE_ID.pattern)
    event: EventKind
    title: str = Field(min_length=8)
    court: str
    date: dt.date
    ends: dt.date | None = None
    scope: Literal["everywhere"] | list[str]
    suspends: list[str] = Field(default_factory=list)
    restores: list[str] = Field(default_factory=list)
    cite: str = Field(min_length=3)
    note: str | None = None
    confidence: Literal["high", "low"] = "high"
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> CourtEvent:
        if self.ends and self.ends <= self.date:
            raise ValueError(f"ends {self.ends} is not after date {self.date}")
        if isinstance(self.scope, list):
            for j in self.scope:
                if not JURISDICTION_ID.match(j):
                    raise ValueError(f"scope entry {j!r} is not a jurisdiction id")
        return self


class FactSpec(Strict):
    type: Literal["bool", "level"]
    description: str
    default: bool | str | None = None
    levels: list[str] | None = None


class LegalCase(Strict):
    name: str
    place: str
    kind: Kind
    on: dt.date
    facts: dict[str, Any] = Field(default_factory=dict)
    expect: Effect
    controlling: list[str] = Field(default_factory=list)
    cite: str = Field(min_length=3)
    note: str | None = None
