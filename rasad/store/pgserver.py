"""A throwaway PostgreSQL server for tests and benchmarks: initdb into a temporary folder,
start it on a free loopback port, drop it afterwards. Uses Debian's server binaries."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
# Not the environment's locale: under "C" (or POSIX) PostgreSQL's text-search parser treats
# every character outside ASCII as a letter, so «ایران،» is one word and a phrase search
# misses it (migration 0010). C.UTF-8 (glibc 2.35+) classifies every Unicode letter and sorts
# by code point, so results do not depend on the machine's language settings.
LOCALE = "C.UTF-8"


def available() -> bool:
    return bool(PG_BIN) and (PG_BIN[-1] / "initdb").exists()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres_user(cmd: list[str]) -> list[str]:
    """initdb refuses to run as root; run the server binaries as the `postgres` user then."""
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def temporary_server(*, settings: str = "") -> Iterator[str]:
    """Yield a SQLAlchemy URL of a fresh, empty database; `settings` are extra `-c k=v`."""
    bindir = PG_BIN[-1]
    # Not under pytest's basetemp: that is private to this user, and the server runs as
    # `postgres` when we are root.
    root = Path(tempfile.mkdtemp(prefix="rasad-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    data, port = root / "data", free_port()

    def run(*cmd: str) -> None:
        subprocess.run(_as_postgres_user(list(cmd)), check=True, capture_output=True)

    run(str(bindir / "initdb"), "-D", str(data), "-U", "rasad", "--auth=trust", "-E", "UTF8",
        f"--locale={LOCALE}")
    opts = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off {settings}"
    run(str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-w", "start", "-l", str(root / "log"))
    try:
        run(str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "rasad", "rasad")
        yield f"postgresql+psycopg://rasad@127.0.0.1:{port}/rasad"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)
