"""Schemathesis over the OpenAPI schema: generated requests to every API endpoint, no server
errors (a 5xx would mean bad input reached the engine unvalidated)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from conftest import real_atlas

schemathesis = pytest.importorskip("schemathesis")

from schemathesis.checks import not_a_server_error  # noqa: E402

from sanctuary_atlas.web import create_app  # noqa: E402

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(real_atlas()))


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    case.call_and_validate(checks=[not_a_server_error])
