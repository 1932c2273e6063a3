"""Whether a source link is an official or archival text (a government, court, legislature or
code publisher's page, or an archived copy) or a secondary account (news, advocacy, a blog)."""

from __future__ import annotations

import re

OFFICIAL = re.compile(
    r"\.(gov|us|mil)(/|:|$)|web\.archive\.org|legis|leginfo|capitol\.|ilga\.gov|uscourts|courts?\.|"
    r"supremecourt|govinfo|ecfr|justia\.com/cases|courtlistener|municode|amlegal|codelibrary|ecode360|"
    r"legistar|iqm2|mass\.gov|nyc\.gov|sfgov|lacounty|sccgov|miamidade|kingcounty|phila\.gov|denvergov|"
    r"bernco|louisvilleky|cookcountyil|cityofchicago|austintexas|traviscounty|tcsheriff|documentcloud|"
    r"//(www\.)?(cityof|townof|villageof|countyof)[a-z-]+\.(com|org|net)/",  # a municipality's own site
    re.IGNORECASE,
)


def is_official(href: str) -> bool:
    return bool(OFFICIAL.search(href))


def secondary_only(measure: dict) -> bool:
    """A measure none of whose sources is an official or archival text."""
    return not any(is_official(str(s["href"])) for s in measure.get("sources", []))
