"""A throw-away PostgreSQL server for the tests: a cluster in a temporary folder, on localhost.

``MINING_TRACKER_TEST_PG`` (a SQLAlchemy URL of a database the tests may fill and empty) uses a
server you run yourself instead. Otherwise the server binaries are looked for (``pg_config``,
then Debian's ``/usr/lib/postgresql/*/bin``); as root the cluster runs as the ``postgres``
user, since PostgreSQL refuses to run as root.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

URL_ENV_VAR = "MINING_TRACKER_TEST_PG"


class NoServerError(RuntimeError):
    """No PostgreSQL server can be had here; the message says why."""


def _bin_dir() -> Path:
    config = shutil.which("pg_config")
    if config:
        found = subprocess.run([config, "--bindir"], capture_output=True, text=True, check=False)
        candidate = Path(found.stdout.strip())
        if (candidate / "initdb").exists():
            return candidate
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if versions:
        return Path(versions[-1]).parent
    if shutil.which("initdb"):
        return Path(str(shutil.which("initdb"))).parent
    raise NoServerError(
        "no PostgreSQL server binaries (initdb) were found: install Debian's 'postgresql' "
        f"package (make test does when it can), or set {URL_ENV_VAR}"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    if shutil.which("runuser") is None:
        raise NoServerError("running as root, and runuser is missing to start PostgreSQL")
    return ["runuser", "-u", "postgres", "--", *command]


@contextmanager
def postgres_server() -> Iterator[str]:
    """The URL of an empty maintenance database on a server that lives for the block."""
    given = os.environ.get(URL_ENV_VAR)
    if given:
        yield given
        return
    binaries = _bin_dir()
    folder = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, user="postgres")
    data = folder / "data"
    port = _free_port()
    initdb = [str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "tracker"]
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    log = str(folder / "server.log")
    start = [str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-l", log, "start"]
    try:
        for command in ([*initdb, "--no-sync", "-E", "UTF8", "--locale=C"], start):
            subprocess.run(_as_server_user(command), check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise NoServerError(f"PostgreSQL did not start: {exc.stderr.strip()}") from exc
    try:
        yield f"postgresql+psycopg://tracker@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)


class Databases:
    """Creates one database per test from a template migrated once, and drops it after."""

    def __init__(self, server_url: str) -> None:
        self._server = make_url(server_url)
        self._admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
        self._count = 0
        self._template: str | None = None

    def url(self, name: str) -> str:
        return self._server.set(database=name).render_as_string(hide_password=False)

    def template(self) -> str:
        """A database at the newest schema, copied for each test (CREATE DATABASE ... TEMPLATE)."""
        if self._template is None:
            from db.engine import make_engine
            from db.migrate import upgrade_to_head

            name = f"tracker_template_{os.getpid()}"
            self._execute(f'DROP DATABASE IF EXISTS "{name}"')
            self._execute(f'CREATE DATABASE "{name}"')
            engine = make_engine(self.url(name))
            upgrade_to_head(engine)
            engine.dispose()
            self._template = name
        return self._template

    def create(self, empty: bool = False) -> str:
        self._count += 1
        name = f"tracker_test_{os.getpid()}_{self._count}"
        source = "template0" if empty else self.template()
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        return name

    def drop(self, name: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        if self._template is not None:
            self.drop(self._template)
        self._admin.dispose()

    def _execute(self, statement: str) -> None:
        with self._admin.connect() as connection:
            connection.execute(text(statement))
