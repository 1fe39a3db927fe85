"""The synthetic census goes in on the one upload path: previewed, accepted as a version of its
census year, and "already imported" the second time."""

from __future__ import annotations

from datetime import date

from trajectory.councils.models import Role
from trajectory.returns.models import ReturnKind, ReturnVersion, Upload
from trajectory.returns.services import return_import
from trajectory.synth import ssda903, workforce
from trajectory.synth.workers import social_workers


def test_the_census_imports_as_a_version_of_its_year(council, make_user, tmp_path):
    end = date(2025, 3, 31)
    tables = ssda903.generate(council_code=council.code, children=300, years=2, seed=3, end=end)
    sw, teams = social_workers(tables, seed=3, since=date(2023, 3, 31), end=end)
    census = workforce.generate(sw, teams, seed=3)
    paths = workforce.write_csv(census, tmp_path / "csww")
    analyst = make_user(Role.ANALYST, council)
    upload = return_import(council=council, user=analyst, paths=paths, kind=ReturnKind.WORKFORCE)
    assert upload.status == Upload.Status.ACCEPTED, upload.errors[:3]
    version = ReturnVersion.objects.get(council=council, kind=ReturnKind.WORKFORCE)
    assert version.collection_year == 2024  # the census of 30 September 2024, "2023-24"
    again = return_import(council=council, user=analyst, paths=paths, kind=ReturnKind.WORKFORCE)
    assert again.status != Upload.Status.ACCEPTED or again.version == upload.version
    assert ReturnVersion.objects.filter(council=council, kind=ReturnKind.WORKFORCE).count() == 1
