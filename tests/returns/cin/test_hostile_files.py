"""Bad CIN files of every kind get a clean problem naming the file, line and element: never a
traceback, and nothing read from a file that is refused."""

from __future__ import annotations

import pytest

from tests.returns.cin.conftest import SMALL

HEAD = '<?xml version="1.0"?>\n'
BODY = (
    "<Message><Children><Child><ChildIdentifiers><LAchildID>{}</LAchildID>"
    "</ChildIdentifiers></Child></Children></Message>"
)
LAUGHS = (
    HEAD
    + '<!DOCTYPE Message [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
    + BODY.format("&lol9;")
)


def _only(result):
    assert result.frames == {}
    assert [p.code for p in result.log.errors] == [result.log.errors[0].code]
    assert all(p.code != "reader_failed" for p in result.log.kept)
    return result.log.errors[0]


def test_billion_laughs_is_refused_unexpanded(read):
    problem = _only(read("laughs.xml", LAUGHS))
    assert (problem.code, problem.file, problem.row) == ("xml_entities", "laughs.xml", 1)
    assert "declares XML entities" in problem.message


@pytest.mark.parametrize("where", ["file:///etc/passwd", "http://example.com/secret"])
def test_external_entities_are_neither_fetched_nor_expanded(read, where):
    text = HEAD + f'<!DOCTYPE Message [<!ENTITY x SYSTEM "{where}">]>\n' + BODY.format("&x;")
    problem = _only(read("external.xml", text))
    assert problem.code == "xml_entities"
    assert f"(one refers to {where})" in problem.message
    assert "root:" not in problem.message  # nothing of /etc/passwd was read


def test_an_external_document_type_is_not_fetched(read):
    text = HEAD + '<!DOCTYPE Message SYSTEM "http://example.com/cin.dtd">\n' + BODY.format("1")
    problem = _only(read("dtd.xml", text))
    assert problem.code == "xml_entities"
    assert problem.value == "http://example.com/cin.dtd"


def test_a_truncated_file_names_the_line_and_the_open_element(read):
    cut = SMALL[: SMALL.index("<S47ActualStartDate>")]
    problem = _only(read("cut.xml", cut))
    assert (problem.code, problem.row, problem.column) == ("truncated", 43, "Section47")
    assert "before <Section47> (opened on line 42) is closed" in problem.message
    assert "Message/Children/Child/CINdetails/Section47" in problem.message


def test_a_malformed_file_names_the_line_and_element(read):
    broken = SMALL.replace("</LAchildID>\n        <UPNunknown>", "\n        <UPNunknown>")
    problem = _only(read("broken.xml", broken))
    assert (problem.code, problem.row, problem.column) == ("unreadable", 67, "LAchildID")
    assert "not well-formed XML at line 67 inside <LAchildID> (opened on line 63)" in (
        problem.message
    )


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty_file"),
        (b"\x00\xff<<", "unreadable"),
        (b"<SSDA903><Child/></SSDA903>", "unknown_table"),
        (b"<Message>" + b"<a>" * 300 + b"</a>" * 300 + b"</Message>", "unreadable"),  # too deep
    ],
)
def test_files_that_are_not_a_cin_census(read, content, code):
    assert _only(read("odd.xml", content)).code == code


def test_a_file_over_the_limit_is_not_read(read):
    result = read("big.xml", SMALL, max_bytes=100)
    assert [p.code for p in result.log.errors] == ["too_large"]


def test_a_header_for_another_collection_is_refused(read):
    result = read("903.xml", SMALL.replace("<Collection>CIN<", "<Collection>SSDA903<"))
    assert [(p.code, p.row, p.column) for p in result.log.errors] == [("not_cin", 3, "Collection")]
