"""Schemathesis fuzzes every JSON endpoint from the OpenAPI document: no input may
produce a 5xx, and every answer must match its documented status codes and schema."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)
from vbkg.api.app import create_app
from web_support import load_seeds

pytestmark = pytest.mark.integration
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def api_schema(neo4j_driver):
    load_seeds(neo4j_driver)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(driver=neo4j_driver))


def test_every_endpoint_survives_generated_input(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 18
    calls: list[int] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=60, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
        def fuzz(case):
            calls.append(case.call_and_validate(checks=CHECKS).status_code)

        fuzz()
    assert len(calls) > 10 * len(operations) and 200 in calls and 422 in calls
