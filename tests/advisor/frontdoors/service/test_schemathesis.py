"""Property-based requests generated from the service's OpenAPI schema: no input may cause a 5xx.

Bounded: a few examples per operation, so the whole run stays well under a minute.
"""
from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.advisor.frontdoors.service.conftest import FULL_KEY


def test_no_generated_request_causes_a_server_error(make_client):
    client = make_client(rate_limit="100000/minute")
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    failures, calls = [], []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=4, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            for headers in ({"Authorization": f"Bearer {FULL_KEY}"}, {}):
                response = case.call(headers=headers)
                calls.append(response.status_code)
                if response.status_code >= 500:
                    failures.append((case.method, case.path, response.status_code, response.text[:300]))

        check()
    assert not failures, failures
    assert len(calls) >= 4 * len(operations) and 200 in calls and 401 in calls
