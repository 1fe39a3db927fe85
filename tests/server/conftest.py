"""The real app as a separate server process, for tests of what happens between processes.

Each module gets its own var folder (its own SQLite file and return storage) or, when the
suite runs on PostgreSQL, its own database. The server is gunicorn with several workers and
threads, as deployed; the command-line imports run as further processes on the same database
and storage. Nothing here is mocked: requests go over 127.0.0.1 to the real server.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

PASSWORD = "correct horse 1"  # noqa: S105 - the test users' password
SEED = """
from trajectory.councils.services import council_add, membership_grant, user_create
for code, name in (("990", "Westshire"), ("991", "Eastshire")):
    council = council_add(code=code, name=name, child_population=200_000, is_synthetic=True)
    for role in ("analyst", "manager", "leader"):
        user = user_create(username=f"{role}-{code}", password=PASSWORD)
        membership_grant(user=user, council=council, role=role)
"""


@dataclass
class Server:
    url: str
    env: dict[str, str]
    var: Path

    def trajectory(self, *args: str, extra_env: dict | None = None, check: bool = True):
        """Run a `trajectory` command against the server's database and storage."""
        return subprocess.run(
            [sys.executable, "-m", "trajectory.manage", *args],
            env={**self.env, **(extra_env or {})},
            capture_output=True,
            text=True,
            timeout=300,
            check=check,
        )

    def python(self, code: str) -> str:
        """Run Django code in a fresh process on the server's database; returns stdout."""
        done = subprocess.run(
            [sys.executable, "-c", "import django; django.setup()\n" + code],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return done.stdout

    def client(self, username: str) -> Client:
        client = Client(self.url)
        client.sign_in(username)
        return client


class Client:
    """A person's browser session, reduced to cookies and forms: sign in, get, post."""

    def __init__(self, base: str):
        self.base = base
        self.session = requests.Session()
        # gunicorn closes a keep-alive connection idle for 2 s; a POST sent on one it has just
        # closed fails ("Remote end closed connection") and is never retried, which a loaded
        # CI machine hit once. Each request opens its own connection, as the bursts intend.
        self.session.headers["Connection"] = "close"

    def _csrf(self) -> str:
        return self.session.cookies.get("csrftoken", "")

    def get(self, path: str) -> requests.Response:
        return self.session.get(self.base + path, timeout=60)

    def post(self, path: str, data: dict | None = None, files=None) -> requests.Response:
        if not self._csrf():
            self.get("/accounts/login/")
        return self.session.post(
            self.base + path,
            data={"csrfmiddlewaretoken": self._csrf(), **(data or {})},
            files=files,
            headers={"Referer": self.base + path},
            allow_redirects=False,
            timeout=120,
        )

    def sign_in(self, username: str) -> None:
        self.get("/accounts/login/")
        response = self.post("/accounts/login/", {"username": username, "password": PASSWORD})
        assert response.status_code == 302, f"{username} could not sign in"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _on_admin_database(*statements: str) -> None:
    import psycopg

    admin = re.sub(r"/[^/]*$", "/postgres", os.environ["DATABASE_URL"])
    with psycopg.connect(admin.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def _database_url(name: str) -> str | None:
    """A database of the module's own when the suite runs on PostgreSQL; None for SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return None
    _on_admin_database(f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    return re.sub(r"/[^/]*$", f"/{name}", url)


def _base_env() -> dict[str, str]:
    """This process's environment less pytest's: the servers run production settings."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "DJANGO_ALLOW", "TRAJECTORY_DEMO", "TRAJECTORY_DEBUG"))
    }


@pytest.fixture(scope="session")
def static_root(tmp_path_factory) -> Path:
    """Static files collected once for every server module, as `./run serve` collects them
    (hashed names, compressed): production settings serve nothing else."""
    root = tmp_path_factory.mktemp("server-static")
    subprocess.run(
        [sys.executable, "-m", "trajectory.manage", "collectstatic", "--noinput", "-v", "0"],
        env={
            **_base_env(),
            "DJANGO_SETTINGS_MODULE": "trajectory.settings",
            "TRAJECTORY_VAR": str(tmp_path_factory.mktemp("static-var")),
            "TRAJECTORY_STATIC_ROOT": str(root),
            "SECRET_KEY": secrets.token_urlsafe(40),
        },
        check=True,
        capture_output=True,
        timeout=300,
    )
    return root


@pytest.fixture(scope="module")
def server(tmp_path_factory, static_root):
    var = tmp_path_factory.mktemp("server-var")
    env = _base_env()
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "trajectory.settings",
            "TRAJECTORY_VAR": str(var),
            "TRAJECTORY_STORAGE": str(var / "returns"),
            "TRAJECTORY_STATIC_ROOT": str(static_root),
            "TRAJECTORY_INSECURE_COOKIES": "1",
            "SECRET_KEY": secrets.token_urlsafe(40),
            # The server's temporary files (Django's buffered uploads) in a folder of its own.
            "TMPDIR": str(var / "tmp"),
        }
    )
    (var / "tmp").mkdir()
    env.pop("DATABASE_URL", None)
    database = _database_url(f"trajectory_server_{secrets.token_hex(4)}")
    if database:
        env["DATABASE_URL"] = database
    port = _free_port()
    server = Server(url=f"http://127.0.0.1:{port}", env=env, var=var)
    server.trajectory("migrate", "--verbosity", "0")
    server.python(f"PASSWORD = {PASSWORD!r}\n" + SEED)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "trajectory.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "3",
            "--threads",
            "4",
            "--timeout",
            "120",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(var / "server.log", "wb"),  # noqa: SIM115 - closed with the process
    )
    try:
        # A worker's first request loads the whole app, which on a loaded CI machine takes
        # longer than a connection attempt: wait for a real answer, not for the socket.
        deadline = time.monotonic() + 120
        while True:
            try:
                requests.get(server.url + "/accounts/login/", timeout=30).raise_for_status()
                break
            except requests.RequestException:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((var / "server.log").read_text()) from None
                time.sleep(0.3)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        if database:
            name = database.rsplit("/", 1)[1]
            _on_admin_database(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
