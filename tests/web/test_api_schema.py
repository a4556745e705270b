"""schemathesis against /openapi.json: no generated request may cause a server error (5xx)."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

from nq57.web.app import create_app

EXAMPLES = 12


def _operations(app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    for result in schema.get_all_operations():
        yield result.ok()


def _fuzz(operation, headers):
    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case):
        response = case.call(headers=headers)
        assert response.status_code < 500, (
            f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}"
        )

    run()


def test_no_server_error_as_commune_leader(app, world, token_for):
    headers = token_for("lanhdao.a")
    operations = list(_operations(app))
    assert len(operations) >= 10
    for operation in operations:
        _fuzz(operation, headers)


def test_no_server_error_as_province_viewer(app, world, token_for):
    headers = token_for("tinh")
    for operation in _operations(app):
        _fuzz(operation, headers)


def test_openapi_lists_the_api_and_no_page(web_url):
    document = create_app(web_url).openapi()
    paths = document["paths"]
    assert paths and all(p.startswith("/api/") for p in paths)
    assert any("/status" in p for p in paths)
