"""Issue 6.11: the production settings, loaded as a server loads them (in a fresh process with
only the environment it is given, not the test suite's relaxed mode)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys

PRODUCTION = {
    "TRAJECTORY_ALLOWED_HOSTS": "trajectory.example.gov.uk",
    "TRAJECTORY_CSRF_TRUSTED_ORIGINS": "https://trajectory.example.gov.uk",
    "TRAJECTORY_BEHIND_TLS_PROXY": "1",
    "TRAJECTORY_SSL_REDIRECT": "1",
    "TRAJECTORY_HSTS_SECONDS": "31536000",
}


def _run(code_or_args, tmp_path, **env_values):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "DJANGO_ALLOW", "SECRET_KEY", "TRAJECTORY_"))
    }
    env.update({"DJANGO_SETTINGS_MODULE": "trajectory.settings", "TRAJECTORY_VAR": str(tmp_path)})
    env.update(env_values)
    args = (
        ["-c", "import django; django.setup()\n" + code_or_args]
        if isinstance(code_or_args, str)
        else ["-m", "trajectory.manage", *code_or_args]
    )
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_the_settings_refuse_to_load_without_a_secret_key(tmp_path):
    done = _run("print('loaded')", tmp_path)
    assert done.returncode != 0
    assert "SECRET_KEY is not set" in done.stderr
    assert "loaded" not in done.stdout
    assert not (tmp_path / "secret_key").exists()  # no key generated for this server


def test_the_demo_keeps_one_generated_key_in_var(tmp_path):
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = _run(code, tmp_path, TRAJECTORY_DEMO="1")
    second = _run(code, tmp_path, TRAJECTORY_DEMO="1")
    assert first.returncode == 0, first.stderr
    key = (tmp_path / "secret_key").read_text().strip()
    assert first.stdout.strip() == second.stdout.strip() == key
    assert len(key) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_the_given_key_and_proxy_settings_come_from_the_environment(tmp_path):
    key = secrets.token_urlsafe(50)
    code = """
import json
from django.conf import settings
from django.test import Client
response = Client().get("/accounts/login/", HTTP_HOST="trajectory.example.gov.uk")
print(json.dumps({
    "key": settings.SECRET_KEY,
    "origins": settings.CSRF_TRUSTED_ORIGINS,
    "proxy_header": settings.SECURE_PROXY_SSL_HEADER,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "cookies_secure": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "status": response.status_code,
    "location": response.get("Location"),
}))
"""
    done = _run(code, tmp_path, SECRET_KEY=key, **PRODUCTION)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "key": key,
        "origins": ["https://trajectory.example.gov.uk"],
        "proxy_header": ["HTTP_X_FORWARDED_PROTO", "https"],
        "hsts": 31536000,
        "cookies_secure": [True, True],
        "static": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "status": 301,
        "location": "https://trajectory.example.gov.uk/accounts/login/",
    }


def test_the_deploy_check_is_clean_on_the_production_settings(tmp_path):
    done = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(50),
        **PRODUCTION,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_the_deploy_check_fails_without_https_settings(tmp_path):
    """The check above is a real one: without HSTS and the HTTPS redirect it warns."""
    done = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(50),
        TRAJECTORY_ALLOWED_HOSTS="trajectory.example.gov.uk",
    )
    assert done.returncode != 0
    assert "security.W004" in done.stderr and "security.W008" in done.stderr
