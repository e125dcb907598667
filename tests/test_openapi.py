"""schemathesis against the app's own OpenAPI spec: generated requests never get a 5xx.

Operations are driven with hypothesis directly (schemathesis' pytest plugin does not load
under this pytest version).
"""

from __future__ import annotations

from functools import lru_cache

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from rasad.api import create_app
from rasad.fixtures import build


@lru_cache(maxsize=1)
def _schema():
    import tempfile

    db = tempfile.mkdtemp(prefix="rasad-openapi-") + "/fixtures.db"
    build(db)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(db, token="schema-token"))


def _operations() -> list[str]:
    return sorted(result.ok().label for result in _schema().get_all_operations())


@pytest.mark.parametrize("label", _operations())
def test_openapi_no_server_errors(label):
    operation = next(r.ok() for r in _schema().get_all_operations() if r.ok().label == label)

    @settings(
        max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    @given(data=st.data())
    def check(data):
        case = data.draw(operation.as_strategy())
        case.call_and_validate(checks=[not_a_server_error])

    check()
