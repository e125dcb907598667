"""Fixtures shared by the API tests: the real app on a real store built by rasad.fixtures,
over SQLite and (when its binaries are installed) a throwaway PostgreSQL server."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rasad.api import create_app
from rasad.fixtures import build
from rasad.store import pgserver

TOKEN = "test-token-1234"
free_port = pgserver.free_port  # test_web starts a server of its own


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL server on a free loopback port, removed after the session."""
    if not pgserver.available():
        pytest.skip("PostgreSQL server (initdb, pg_ctl) not installed: apt-get install postgresql")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg not installed: pip install 'psycopg[binary]'")
    with pgserver.temporary_server() as url:
        yield url


def require_store() -> None:
    import rasad.store

    if not hasattr(rasad.store, "Store"):
        pytest.skip("rasad.store.Store is not written yet")


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store filled by rasad.fixtures, once per backend."""
    require_store()
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("store") / "fixtures.db")
    else:
        url = request.getfixturevalue("postgres_url")
    build(url)
    return url


@pytest.fixture(scope="session")
def client(db_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_url, token=TOKEN), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def write_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


def wait_until_up(url: str, timeout: float = 20.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1.0).status_code < 500:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout} s")
