"""The atlas's fixed vocabulary: request kinds, effects, actors, levels."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """The act a federal immigration request asks of a state or local agency."""

    detainer_hold = "detainer_hold"
    release_notification = "release_notification"
    transfer_custody = "transfer_custody"
    share_status_info = "share_status_info"
    share_personal_info = "share_personal_info"
    jail_access = "jail_access"
    agreement_287g = "agreement_287g"
    status_inquiry = "status_inquiry"
    civil_enforcement = "civil_enforcement"


KIND_DESCRIPTIONS = {
    Kind.detainer_hold: "keep a person in custody past release on an ICE detainer (Form I-247A)",
    Kind.release_notification: "tell ICE when a person will be released",
    Kind.transfer_custody: "hand a person over to ICE",
    Kind.share_status_info: "share citizenship or immigration status (8 U.S.C. 1373/1644)",
    Kind.share_personal_info: "share non-public personal data: home or work address, contacts",
    Kind.jail_access: "let ICE into the jail, or interview people in custody",
    Kind.agreement_287g: "enter or keep a 287(g) agreement",
    Kind.status_inquiry: "officers ask about a person's immigration status or place of birth",
    Kind.civil_enforcement: "use local money, staff or equipment to enforce civil immigration law",
}


class Effect(StrEnum):
    """What a provision, or a decision, says of the acting agency."""

    required = "required"
    prohibited = "prohibited"
    permitted = "permitted"
    protected = "protected"
    restricted = "restricted"  # decisions only: the answer turns on an unknown fact


PROVISION_EFFECTS = (Effect.required, Effect.prohibited, Effect.permitted, Effect.protected)

# Within one level the most restrictive binding rule applies.
RESTRICTIVENESS = {
    Effect.prohibited: 3,
    Effect.required: 2,
    Effect.protected: 1,
    Effect.permitted: 0,
}


class Actor(StrEnum):
    """Who a provision binds."""

    all = "all"
    state_agencies = "state_agencies"
    local_agencies = "local_agencies"
    law_enforcement = "law_enforcement"
    sheriffs = "sheriffs"
    jails = "jails"
    police = "police"


# The agencies that act for each kind of jurisdiction: a county acts through its sheriff and
# jail, a place through its police (and a lockup), a state through its own agencies.
ACTORS_BY_JURISDICTION_KIND = {
    "state": frozenset({Actor.all, Actor.state_agencies, Actor.law_enforcement, Actor.jails}),
    "county": frozenset(
        {Actor.all, Actor.local_agencies, Actor.law_enforcement, Actor.sheriffs, Actor.jails}
    ),
    "place": frozenset({Actor.all, Actor.local_agencies, Actor.law_enforcement, Actor.police, Actor.jails}),
}

LEVELS = ("federal", "state", "county", "place")


class MeasureKind(StrEnum):
    statute = "statute"
    regulation = "regulation"
    executive_order = "executive_order"
    ordinance = "ordinance"
    resolution = "resolution"
    agency_policy = "agency_policy"
    attorney_general_directive = "attorney_general_directive"
    court_ruling = "court_ruling"
    ballot_measure = "ballot_measure"


class EventKind(StrEnum):
    injunction = "injunction"
    stay = "stay"
    vacatur = "vacatur"
    reversal = "reversal"
    dismissal = "dismissal"
    ruling = "ruling"


class EndReason(StrEnum):
    repealed = "repealed"
    expired = "expired"
    rescinded = "rescinded"
    superseded = "superseded"
    amended = "amended"
    vacated = "vacated"


class TraceStatus(StrEnum):
    applied = "applied"
    not_in_force = "not_in_force"
    superseded = "superseded"
    enjoined = "enjoined"
    preempted = "preempted"
    less_restrictive = "less_restrictive"
    not_applicable = "not_applicable"  # binds other actors, or its only_if does not hold
