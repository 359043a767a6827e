"""schemathesis against /openapi.json: generated requests never get a 5xx and responses match the schema.

Each operation's cases come from ``operation.as_strategy()`` run by Hypothesis here,
rather than schemathesis's lazy pytest fixture loader, which needs a private pytest
attribute that pytest 9 no longer has.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings

# Enough examples per operation to find crashes on odd input, few enough to run in seconds.
EXAMPLES = 25

OPERATIONS = [
    "/api/articles",
    "/api/articles/{article_id}",
    "/api/quotes",
    "/api/events",
    "/api/actors",
    "/api/actors/{key}",
    "/api/dyad",
    "/api/timeline",
    "/api/stats",
]


@pytest.fixture(scope="session")
def api_schema(app: FastAPI) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_every_operation_is_covered(api_schema: schemathesis.BaseSchema) -> None:
    assert sorted(api_schema) == sorted(OPERATIONS)


@pytest.mark.parametrize(
    ("path", "mode"),
    [(path, schemathesis.GenerationMode.POSITIVE) for path in OPERATIONS]
    # /api/stats takes no parameters, so there is no invalid request to make of it.
    + [(path, schemathesis.GenerationMode.NEGATIVE) for path in OPERATIONS if path != "/api/stats"],
)
def test_operation_conforms(
    api_schema: schemathesis.BaseSchema, path: str, mode: schemathesis.GenerationMode
) -> None:
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate()

    check()
