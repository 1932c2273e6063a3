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
    agreements: list[AgreementOut] = Field(
        default_factory=list,
        description="287(g) agreements of this government on ICE's newest list on or "
        "before the date (agreement_287g only): practice beside the law",
    )


class ShowOut(BaseModel):
    jurisdiction: JurisdictionOut
    date: dt.date
    decisions: dict[str, Decision]
    designations: list[dict] = Field(default_factory=list, description="government lists that name it")


class TimelineChange(BaseModel):
    date: dt.date
    kind: str
    before: str
    after: str
    causes: list[str]


class RecordEvent(BaseModel):
    date: dt.date
    event: str = Field(
        description="first_listed | absent_from_list: when a 287(g) agreement appears on, or "
        "is first missing from, ICE's lists (the dates of ICE's lists, not of the agreement)"
    )
    agreement_id: str
    agency: str
    model: str
    signed: str


class LawEvent(BaseModel):
    date: dt.date
    event: str = Field(description="takes_effect, ends: REASON, or a court event (injunction, ...)")
    measure: str = Field(description="the measure or court event id")
    title: str
    instrument: str = Field(description="statute, executive_order, ..., or court_event")
    level: str = Field(description="the enacting jurisdiction, or court")
    changed_answers: bool = Field(
        description="false for measures that change no answer here (funding orders, "
        "non-binding resolutions, rulings that suspend nothing, or law displaced by higher law)"
    )


class TimelineOut(BaseModel):
    jurisdiction: JurisdictionOut
    kinds: list[str]
    changes: list[TimelineChange]
    law: list[LawEvent] = Field(
        default_factory=list,
        description="every dated measure and court event binding this place, whether or not it "
        "changed an answer",
    )
    agreements: list[RecordEvent] = Field(default_factory=list, description="287(g) practice beside the law")


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
    open_questions: list[str] = Field(
        default_factory=list,
        description="what the search could not settle and would change answers if settled otherwise",
    )
    also: list[str] = Field(
        default_factory=list, description="other ids of the same government (consolidated city-counties)"
    )


class CoverageOut(BaseModel):
    jurisdictions: list[CoverageEntry]


class AgencyOut(BaseModel):
    """The agency a 287(g) record is about, and where it sits."""

    agency: str
    state: str
    county_fips: str
    agency_type: str


class AgreementOut(AgencyOut):
    agreement_id: str
    model: str
    signed: str = Field(description="ISO date, or empty where ICE's date is unreadable (see signed_raw)")
    signed_raw: str
    status: str = Field(description="status on the newest list: active, removed or superseded")
    first_seen: str
    last_seen: str
    flags: str


class ListOut(BaseModel):
    id: str
    date: str
    source: str
    href: str


class ReconstructedAgreementOut(AgencyOut):
    """A row of the secondary pre-2018 reconstruction (not an ICE list)."""

    models: str
    first_signed: str
    first_signed_source: str
    active_from: str
    active_to: str
    confidence: str = Field(description="the compiler's own rating: high, medium or low")
    sources: str
    agreement_ids: str = Field(description="the ICE-list agreements of the same agency, if any")


class AgreementsOut(BaseModel):
    date: dt.date
    count: int
    ice_list: ListOut | None = Field(
        description="the ICE list the answer is read from: the newest on or before date"
    )
    days_since_list: int | None
    agreements: list[AgreementOut]
    reconstructed: list[ReconstructedAgreementOut] = Field(
        default_factory=list,
        description="where ICE has no list within a year before date: agreements a secondary "
        "reconstruction (2002-2017) finds active, kept apart from ICE's own lists",
    )
    notes: list[str] = Field(default_factory=list)


class DesignationEntry(BaseModel):
    entry: int
    name_as_printed: str
    category_as_printed: str
    state: str
    jurisdiction_id: str
    match: str
    flag: str
    note: str


class DesignationListOut(BaseModel):
    id: str
    publisher: str
    title: str
    date: str
    withdrawn: str
    count: int
    count_as_printed: int
    source_title: str
    source_href: str
    note: str
    entries: list[DesignationEntry]


class DesignationsOut(BaseModel):
    lists: list[DesignationListOut]


Decision.model_rebuild()
