"""Fuzzing the JSON API from its own OpenAPI description (schemathesis), in process, on a small store.

Every operation gets schema-valid ("positive") and, where it has parameters or a body, schema-breaking
("negative") requests.  Each response is checked by all of schemathesis' response checks: no 5xx, a
documented status code, content type and headers, a body that matches its schema, valid input
accepted and invalid input refused.  The runs are derandomized and small, so the file is repeatable
and takes well under a minute.  Whatever this finds is fixed in ``realpolitik.web.app`` and kept as
an explicit case in ``tests/test_web_hostile.py``.

(schemathesis' own pytest decorator, ``schema.parametrize``, needs a pytest internal that pytest 9 no
longer has, so each operation's Hypothesis strategy is driven with ``@given`` here.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from realpolitik.web.app import create_app
from test_web import build_store

TOKEN = "fuzz-token"
EXAMPLES = 20
# Every operation in the API; test_fuzz_covers_every_operation fails when one is added and not listed.
# The flag says whether the operation takes input (only those can be sent schema-breaking requests).
OPERATIONS = [
    ("GET", "/api/overview", True),
    ("GET", "/api/actors", False),
    ("GET", "/api/actors/{code}", True),
    ("GET", "/api/dyads/{a}/{b}", True),
    ("GET", "/api/network", True),
    ("GET", "/api/documents", False),
    ("POST", "/api/documents", True),
    ("GET", "/api/documents/{doc_id}", True),
    ("GET", "/api/search", True),
]
CASES = [
    pytest.param(method, path, mode, False, id=f"{method} {path} {mode.value}")
    for method, path, takes_input in OPERATIONS
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if takes_input or mode is GenerationMode.POSITIVE
] + [
    # Random codes and ids find nothing (404), so these also run with ones in the store, to fuzz the
    # query parameters against real data.
    pytest.param("GET", path, GenerationMode.POSITIVE, True, id=f"GET {path} positive, known")
    for path in ("/api/actors/{code}", "/api/dyads/{a}/{b}", "/api/documents/{doc_id}")
]


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A copy of the hand-made web test store, and path parameters that find something in it."""
    db: Path = tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb"
    coded = build_store(db)
    return db, {"code": "RUS", "a": "RUS", "b": "PRK", "doc_id": coded[1].document.id}


@pytest.fixture(scope="module")
def api_schema(fuzz_store: tuple[Path, dict[str, str]], coder) -> schemathesis.BaseSchema:
    """The app over ``fuzz_store``, writable with TOKEN, with the real coder and no write rate limit."""
    app = create_app(fuzz_store[0], token=TOKEN, coder_factory=lambda: coder, write_rate="off")
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_fuzz_covers_every_operation(api_schema: schemathesis.BaseSchema) -> None:
    listed = {(method, path) for method, path, _ in OPERATIONS}
    found = {(op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations()}
    assert found == listed


@pytest.mark.parametrize(("method", "path", "mode", "known"), CASES)
def test_fuzz_api_operation(
    api_schema: schemathesis.BaseSchema,
    fuzz_store: tuple[Path, dict[str, str]],
    method: str,
    path: str,
    mode: GenerationMode,
    known: bool,
) -> None:
    operation = api_schema[path][method]
    fixed = {k: v for k, v in fuzz_store[1].items() if "{" + k + "}" in path} if known else None

    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=fixed))
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case) -> None:
        excluded = []
        query = case.query or {}
        if path == "/api/overview" and bool(str(query.get("a", "")).strip()) != bool(
            str(query.get("b", "")).strip()
        ):
            # A dyad needs both a and b; OpenAPI cannot say "both or neither", so the 400 for one of
            # them alone is right although each value on its own is schema-valid.
            excluded.append(positive_data_acceptance)
        case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=excluded)

    run()
