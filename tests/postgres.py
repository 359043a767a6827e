"""A throwaway PostgreSQL cluster for the tests that need one (the ``postgres`` fixture of ``tests/conftest.py``).

The cluster is started with ``initdb``/``pg_ctl`` from ``/usr/lib/postgresql/*/bin`` (as
the ``postgres`` user when the tests run as root, since initdb refuses root) and each
caller gets a fresh database in it. Without those binaries, or when the server cannot
start, the tests that need it are skipped with the reason.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from glob import glob
from pathlib import Path

import pytest


@dataclass
class PostgresCluster:
    """A running throwaway cluster that hands out empty databases."""

    port: int
    _names: Iterator[int] = field(default_factory=itertools.count)

    def new_database(self) -> str:
        """The URL of a new, empty database."""
        import psycopg

        name = f"parley_test_{next(self._names)}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres") as conn:
            conn.autocommit = True
            conn.execute(f"CREATE DATABASE {name}")
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def throwaway_cluster() -> Iterator[PostgresCluster]:
    """A PostgreSQL cluster in a temporary folder, stopped when the generator ends; skips the test without one."""
    initdbs = sorted(glob("/usr/lib/postgresql/*/bin/initdb"))
    if not initdbs:
        pytest.skip(
            "PostgreSQL tests skipped: no /usr/lib/postgresql/*/bin/initdb (apt-get install postgresql)"
        )
    bindir = Path(initdbs[-1]).parent
    run_as: list[str] = []
    owner: pwd.struct_passwd | None = None
    if os.getuid() == 0:
        # initdb refuses to run as root: run the cluster as the postgres system user.
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("PostgreSQL tests skipped: running as root and there is no 'postgres' user")
        runuser = shutil.which("runuser")
        if runuser is None:
            pytest.skip("PostgreSQL tests skipped: running as root and runuser is not available")
        run_as = [runuser, "-u", "postgres", "--"]
    folder = Path(tempfile.mkdtemp(prefix="parley-pg-"))
    if owner is not None:
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    data, log = folder / "data", folder / "server.log"
    port = _free_port()
    options = (
        f"-k {folder} -p {port} -c listen_addresses=127.0.0.1 "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        # Output to a file, not a pipe: the server started by pg_ctl would hold a pipe open.
        with open(folder / "commands.log", "a") as out:
            return subprocess.run(
                [*run_as, *args], stdout=out, stderr=subprocess.STDOUT, text=True, timeout=120
            )

    try:
        started = False
        init = run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                   "--locale=C", "--no-sync")  # fmt: skip
        if init.returncode == 0:
            start = run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start")
            started = start.returncode == 0
        if not started:
            detail = (folder / "commands.log").read_text(errors="replace").strip().splitlines()[-3:]
            pytest.skip(f"PostgreSQL tests skipped: the server did not start ({' / '.join(detail)})")
        yield PostgresCluster(port)
    finally:
        if (data / "postmaster.pid").exists():
            run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)
