"""Small SSDA903 tables written inline, and helpers to assert that nothing was stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

HEADER = (
    "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1001,1,01/02/2010,WBRI,,,\n1002,2,15/06/2012,MWBA,,,\n"
)
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
    "1001,01/04/2022,S,C2,N1,U1,PR1,01/09/2022,X1,,,,\n"
    "1001,01/09/2022,P,C2,N1,U4,PR1,,,CARPL,,,\n"
    "1002,10/10/2022,S,V2,N2,K2,PR2,05/01/2023,E4A,,,,\n"
)
REVIEWS = (
    "CHILD,DOB,REVIEW,REVIEW_CODE\n1001,01/02/2010,20/05/2022,PN1\n1001,01/02/2010,15/11/2022,PN3\n"
)


@pytest.fixture
def write_files(tmp_path):
    """write_files(name=content, ...) -> [(name, path)]; content is text (UTF-8) or bytes."""
    folder = tmp_path / "upload"
    folder.mkdir(exist_ok=True)

    def write(**contents: str | bytes) -> list[tuple[str, Path]]:
        files = []
        for key, content in contents.items():
            name = key.replace("__", ".")
            path = folder / name
            path.write_bytes(content.encode() if isinstance(content, str) else content)
            files.append((name, path))
        return files

    return write


@pytest.fixture
def analyst(make_user, council):
    return make_user("analyst", council)


def stored_parquet() -> list[Path]:
    root = Path(settings.TRAJECTORY_STORAGE)
    return sorted(root.rglob("*.parquet")) if root.exists() else []


def assert_nothing_stored(council) -> None:
    from trajectory.returns.models import ReturnVersion

    assert not ReturnVersion.objects.filter(council=council).exists()
    assert stored_parquet() == []
