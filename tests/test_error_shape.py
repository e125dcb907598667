"""Every 4xx/5xx, from any endpoint, has the one JSON error shape."""

from __future__ import annotations

import pytest

BAD_REQUESTS = [
    ("GET", "/api/documents/does-not-exist", 404),
    ("GET", "/api/actors/does-not-exist", 404),
    ("GET", "/no/such/route", 404),
    ("GET", "/documents/does-not-exist", 404),
    ("GET", "/api/documents?_page=0", 422),
    ("GET", "/api/documents?_size=100000", 422),
    ("GET", "/api/events?since=yesterday", 422),
    ("GET", "/api/events?_page=abc", 422),
    ("GET", "/api/dyads/IRN", 422),
    ("GET", "/api/dyads/IRAN-BELARUS", 422),
    ("GET", "/api/search", 422),
    ("GET", "/api/quotes?_size=-1", 422),
    ("GET", "/api/export?format=xml", 422),
    ("GET", "/documents/004_da3d466a17c7a79f?hl=<b>", 422),
    ("DELETE", "/api/documents", 405),
    ("POST", "/api/ingest", 401),
]


@pytest.mark.parametrize(("method", "path", "status"), BAD_REQUESTS)
def test_error_shape_is_uniform(client, method: str, path: str, status: int) -> None:
    response = client.request(method, path)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"ok", "error", "errors", "status"}
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["errors"], list)


@pytest.mark.parametrize("path", ["/api/events?since=2024-13-45", "/api/dyads/I1N-BLR"])
def test_error_shape_validation_lists_fields(client, path: str) -> None:
    errors = client.get(path).json()["errors"]
    assert errors and all(set(item) == {"loc", "msg"} for item in errors)


def test_error_shape_for_server_errors(db_url: str) -> None:
    from fastapi.testclient import TestClient

    from rasad.api import create_app

    app = create_app(db_url)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("secret detail")

    with TestClient(app, raise_server_exceptions=False) as test_client:
        response = test_client.get("/api/boom")
    assert response.status_code == 500
    assert response.json() == {
        "ok": False, "error": "internal server error", "errors": [], "status": 500
    }
