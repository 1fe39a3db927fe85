"""Issue 6.10: values quoted from an uploaded file cannot run as formulas in the problems CSV.

Each Episodes row below has an RNE that is not a DfE code, so each gets a warning quoting the
value as uploaded. In the problems CSV a value beginning with =, +, -, @ or a tab comes back
with a single quote in front (OWASP's CSV injection guidance); the rejected-rows download,
which gives back the uploaded bytes to correct, keeps them exactly and its link says so.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from trajectory.returns.models import Upload
from trajectory.returns.problems import Problem, problems_csv
from trajectory.returns.services import upload_preview

pytestmark = pytest.mark.django_db

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1001,1,01/02/2010,WBRI,,,\n"
EPISODES_HEADER = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
)
# RNE as uploaded -> as the problems CSV must give it.
RNE_VALUES = {
    "=1+1": "'=1+1",
    "@SUM(A1)": "'@SUM(A1)",
    "+1": "'+1",
    "-1": "'-1",
    " \t@x": "'@x",  # the reader trims the spaces and tab round a value; what is left is quoted
    "Q": "Q",  # an ordinary wrong code is left alone
}


@pytest.fixture
def previewed(council, analyst, write_files):
    rows = [EPISODES_HEADER]
    for number, rne in enumerate(RNE_VALUES):
        decom = f"{number + 1:02d}/04/2022"
        dec = f"{number + 2:02d}/04/2022,X1" if number < len(RNE_VALUES) - 1 else ","
        rows.append(f'1001,{decom},"{rne}",C2,N1,U1,PR1,{dec},,,,')
    episodes = "\n".join(rows) + "\n"
    upload = upload_preview(
        council=council, user=analyst, files=write_files(header__csv=HEADER, episodes__csv=episodes)
    )
    assert upload.status == Upload.Status.PREVIEW, upload.errors
    return upload


def test_problems_csv_quotes_a_leading_tab_or_carriage_return():
    """The reader trims a value's surrounding whitespace, but a problem can quote raw text
    (a ragged row is quoted as read), so the CSV writer itself guards tab and CR too."""
    problems = [
        Problem("e.csv", 2, "", "\t=1+1,a,b", "row 2 has 3 fields", "error", "ragged_row"),
        Problem("e.csv", 3, "", "\rx", "row 3 has 3 fields", "error", "ragged_row"),
        Problem("e.csv", 4, "DOB", "-1", "DOB is not a date", "error", "bad_date"),
    ]
    rows = list(csv.DictReader(io.StringIO(problems_csv(problems))))
    assert [row["value"] for row in rows] == ["'\t=1+1,a,b", "'\rx", "'-1"]
    assert [row["row"] for row in rows] == ["2", "3", "4"]


def test_problems_csv_neutralises_uploaded_formulas(client, council, analyst, previewed):
    client.force_login(analyst)
    response = client.get(reverse("upload_problems", args=[council.code, previewed.pk]))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    written = [row["value"] for row in rows if row["column"] == "RNE"]
    assert written == list(RNE_VALUES.values())


def test_rejected_rows_keep_the_uploaded_bytes_and_the_page_says_so(
    client, council, analyst, previewed
):
    client.force_login(analyst)
    rejected = client.get(reverse("upload_rejected_rows", args=[council.code, previewed.pk, 2]))
    assert rejected.status_code == 200
    assert b'1001,01/04/2022,"=1+1",C2,' in rejected.content  # exactly as uploaded
    html = client.get(reverse("upload_detail", args=[council.code, previewed.pk])).content.decode()
    assert "The values are exactly as uploaded, so they may contain formulas" in html
    assert "open the file with care" in html
