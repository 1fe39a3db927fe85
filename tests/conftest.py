"""Fixtures shared by every layer's tests: isolated storage, councils and users with roles."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_storage(settings, tmp_path):
    """Each test stores return versions in its own folder, never in var/."""
    settings.TRAJECTORY_STORAGE = tmp_path / "returns"
    # Chart specs shared between processes live in files in production; a test keeps its own.
    settings.CACHES = {
        **settings.CACHES,
        "charts": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"},
    }


@pytest.fixture
def make_council(db):
    from trajectory.councils.services import council_add

    def make(code: str = "990", name: str = "Westshire", child_population: int = 250_000):
        return council_add(
            code=code, name=name, child_population=child_population, is_synthetic=True
        )

    return make


@pytest.fixture
def council(make_council):
    return make_council()


@pytest.fixture
def make_user(db):
    """A user holding one role in one council; the password is always 'correct horse 1'."""
    from trajectory.councils.services import membership_grant, user_create

    def make(role: str, council, username: str | None = None):
        user = user_create(
            username=username or f"{role}-{council.code}", password="correct horse 1"
        )
        membership_grant(user=user, council=council, role=role)
        return user

    return make
