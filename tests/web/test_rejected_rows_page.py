"""The upload page offers each CSV file's flagged rows to those who may see child-level data."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.returns.conftest import EPISODES, HEADER

pytestmark = pytest.mark.django_db

BAD_EPISODES = EPISODES.replace("01/09/2022,P", "yesterday,P").replace(",K2,", ",ZZ,")
XML_WITH_A_BAD_CODE = b"""<?xml version="1.0" encoding="UTF-8"?>
<Message><Children><Child>
  <ChildIdentifiers><CHILD>2001</CHILD></ChildIdentifiers>
  <ChildCharacteristics><SEX>1</SEX><DOB>01/02/2010</DOB><ETHNIC>WBRI</ETHNIC></ChildCharacteristics>
  <Episodes><Episode><DECOM>01/04/2022</DECOM><RNE>Q</RNE><LS>C2</LS><CIN>N1</CIN><PL>U1</PL>
    <PLACE_PROVIDER>PR1</PLACE_PROVIDER></Episode></Episodes>
</Child></Children></Message>
"""


def _upload(client, files: dict[str, bytes | str]):
    from trajectory.returns.models import Upload

    uploads = [
        SimpleUploadedFile(name, content.encode() if isinstance(content, str) else content)
        for name, content in files.items()
    ]
    response = client.post(reverse("returns_upload", args=["990"]), {"files": uploads})
    assert response.status_code == 302
    return Upload.objects.latest("pk")


def test_link_shows_for_an_analyst_and_not_for_a_board_member(client, council, make_user):
    analyst = make_user("analyst", council)
    client.force_login(analyst)
    upload = _upload(client, {"header.csv": HEADER, "episodes.csv": BAD_EPISODES})
    assert upload.status == "refused"
    link = reverse("upload_rejected_rows", args=[council.code, upload.pk, 2])
    page = reverse("upload_detail", args=[council.code, upload.pk])

    html = client.get(page).content.decode()
    assert "Rows to correct" in html
    assert f'href="{link}"' in html
    assert "Download the 2 rows with problems" in html
    assert f'href="{link}?severity=error"' in html and "only the 1 with errors" in html
    assert reverse("upload_rejected_rows", args=[council.code, upload.pk, 1]) not in html
    assert client.get(link).status_code == 200

    client.force_login(make_user("board_member", council))
    html = client.get(page).content.decode()
    assert "This upload cannot be imported" in html
    assert "Rows to correct" not in html
    assert link not in html
    assert client.get(link).status_code == 403  # a role of the council without the right


def test_an_xml_file_is_pointed_to_the_problems_csv(client, council, make_user):
    client.force_login(make_user("analyst", council))
    upload = _upload(client, {"return.xml": XML_WITH_A_BAD_CODE})
    assert upload.warning_count >= 1
    html = client.get(reverse("upload_detail", args=[council.code, upload.pk])).content.decode()
    assert "return.xml is an XML file" in html
    assert "use the problems CSV above" in html
    assert reverse("upload_rejected_rows", args=[council.code, upload.pk, 1]) not in html
    link = reverse("upload_rejected_rows", args=[council.code, upload.pk, 1])
    assert client.get(link).status_code == 404
