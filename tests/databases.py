"""Database fixtures: a throwaway PostgreSQL server per test session, and ``db_url`` over SQLite and PostgreSQL.

The server is Debian's ``postgresql`` binaries run from a temporary directory, listening on a Unix socket only (no
port to collide with). PostgreSQL refuses to run as root, so under root the cluster belongs to the ``postgres``
system user (created by the Debian package). Without the binaries the PostgreSQL cases are skipped, saying why.
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SERVER_USER = "postgres"
_counter = itertools.count()


def _pg_bin() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _as_server_user(args: list[str]) -> list[str]:
    """Under root, run as the ``postgres`` user (the server will not start as root)."""
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", SERVER_USER, "--", *args]


class PostgresServer:
    """A private PostgreSQL cluster in a temporary directory; ``url(name)`` creates a fresh database."""

    def __init__(self, bin_dir: Path):
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="advisor-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root / "sock"
        self.socket_dir.mkdir()
        if os.geteuid() == 0:
            owner = pwd.getpwnam(SERVER_USER)
            for path in (self.root, self.socket_dir):
                os.chown(path, owner.pw_uid, owner.pw_gid)

    def _run(self, *args: str) -> None:
        result = subprocess.run(_as_server_user([str(self.bin_dir / args[0]), *args[1:]]), check=False, capture_output=True,
                                text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {result.stderr.strip() or result.stdout.strip()}")

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", SERVER_USER, "--auth=trust", "-E", "UTF8", "--no-sync")
        options = f"-k {self.socket_dir} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "server.log"), "-w", "start")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SERVER_USER}@/{database}?host={self.socket_dir}"

    def create_database(self) -> str:
        """A new empty database on the server; returns its SQLAlchemy URL."""
        from sqlalchemy import create_engine, text

        name = f"advisor_test_{os.getpid()}_{next(_counter)}"
        engine = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            engine.dispose()
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_server():
    """One PostgreSQL server for the whole session (skipped when the binaries or the driver are missing)."""
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries not found (Debian package 'postgresql'; `make` installs it)")
    pytest.importorskip("psycopg", reason="the PostgreSQL driver is missing: pip install 'psycopg[binary]'")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' system user to run the server as")
    server = PostgresServer(bin_dir)
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path_factory) -> str:
    """A fresh, empty database: a SQLite file, or a new database on the session's PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'advisor.db'}"  # outside tmp_path, which tests ingest
    return request.getfixturevalue("postgres_server").create_database()
