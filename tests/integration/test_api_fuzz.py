"""Schemathesis fuzzes every JSON endpoint from the OpenAPI document: no input may
produce a 5xx, and every answer must match its documented schema."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)
from vbkg.api.app import create_app
from web_support import load_seeds

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def api_schema(neo4j_driver):
    load_seeds(neo4j_driver)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(driver=neo4j_driver))


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_no_server_errors_and_documented_answers(case):
    case.call_and_validate(checks=[not_a_server_error, status_code_conformance,
                                   response_schema_conformance])
