"""Fixtures shared by the API tests: the real app on a real store built by rasad.fixtures,
over SQLite and (when its binaries are installed) a throwaway PostgreSQL server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rasad.api import create_app
from rasad.fixtures import build

TOKEN = "test-token-1234"
PG_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres_user(cmd: list[str]) -> list[str]:
    """initdb refuses to run as root; run the server binaries as the `postgres` user then."""
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL cluster on a free loopback port, removed after the session."""
    bindir = PG_BIN[-1] if PG_BIN else None
    if bindir is None or not (bindir / "initdb").exists():
        pytest.skip("PostgreSQL server (initdb, pg_ctl) not installed: apt-get install postgresql")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg not installed: pip install 'psycopg[binary]'")
    # Not under pytest's basetemp: that is private to this user, and the server may run as
    # `postgres`.
    root = Path(tempfile.mkdtemp(prefix="rasad-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    port = free_port()
    run = lambda *cmd: subprocess.run(_as_postgres_user(list(cmd)), check=True, capture_output=True)  # noqa: E731
    run(str(bindir / "initdb"), "-D", str(data), "-U", "rasad", "--auth=trust", "-E", "UTF8")
    opts = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    run(str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-w", "start", "-l", str(data / "log"))
    try:
        run(str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "rasad", "rasad")
        yield f"postgresql+psycopg://rasad@127.0.0.1:{port}/rasad"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)


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
