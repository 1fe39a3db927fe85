"""A small SSDA903 return written as CSV text, with rows planted to break DfE's rules 101
(SEX) for the tests of the stored runs and the data-quality page."""

from __future__ import annotations

from pathlib import Path

from trajectory.returns.collection_year import CollectionYear
from trajectory.returns.models import Upload
from trajectory.returns.services import upload_accept, upload_preview

# 2024-25: SEX is M, F or U (rule 101 from 2024-25). Rows 2-5 of the file.
HEADER = (
    "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
    "1001,{s1},01/02/2010,WBRI,,,\n"
    "1002,{s2},15/06/2012,MWBA,,,\n"
    "1003,{s3},29/02/2012,WBRI,,,\n"
    "1004,{s4},03/03/2011,WBRI,,,\n"
)
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
    "1001,01/05/2024,S,C2,N1,U1,PR1,,,,,,\n"
    "1002,10/06/2024,S,C2,N2,U1,PR1,,,,,,\n"
    "1003,10/07/2024,S,C2,N1,U1,PR1,,,,,,\n"
    "1004,10/08/2024,S,C2,N1,U1,PR1,,,,,,\n"
)
SW_EPISODES = (
    "CHILD,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n"
    "1001,SW01,01/05/2024,,\n"
    "1002,SW01,10/06/2024,,\n"
    "1003,SW02,10/07/2024,,\n"
    "1004,SW02,10/08/2024,,\n"
)


def header(*sexes: str) -> str:
    return HEADER.format(**{f"s{number}": sex for number, sex in enumerate(sexes, start=1)})


def accept(council, user, folder: Path, *, sexes=("M", "F", "M", "F"), year=2025, sw=True):
    """Upload and accept the return with the children's SEX as given: its version."""
    folder.mkdir(parents=True, exist_ok=True)
    contents = {"header.csv": header(*sexes), "episodes.csv": EPISODES}
    if sw:
        contents["sw.csv"] = SW_EPISODES
    files = []
    for name, text in contents.items():
        (folder / name).write_text(text)
        files.append((name, folder / name))
    upload = upload_preview(council=council, user=user, files=files, year=CollectionYear(year))
    assert upload.status == Upload.Status.PREVIEW, upload.errors
    return upload_accept(upload=upload, user=user)
