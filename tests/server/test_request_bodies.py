"""Issue 6.7 through the real server: bodies refused from their headers, before reading.

Requests go over a raw socket so that the headers can be sent without the body: a response
that arrives while the body is still unsent shows the server never waited to read it. Before
the guard, CSRF read the body of an anonymous POST (multipart to temporary files on disk)
before the sign-in redirect, so these requests waited for a body that never came.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
from urllib.parse import urlsplit

import requests

BOUNDARY = "guardboundary"
HEADER_CSV = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC0001,1,03/03/2011,WBRI,,,\n"
UPLOAD = "/councils/990/returns/upload/"


def _csrf_cookie(server) -> str:
    """What an anonymous client gets from the sign-in page, as an attacker would fetch it."""
    return requests.get(server.url + "/accounts/login/", timeout=30).cookies["csrftoken"]


def _send_headers(server, *, content_length: int, token: str) -> socket.socket:
    address = urlsplit(server.url)
    sock = socket.create_connection((address.hostname, address.port), timeout=15)
    sock.sendall(
        (
            f"POST {UPLOAD} HTTP/1.1\r\n"
            f"Host: {address.netloc}\r\n"
            f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
            f"Content-Length: {content_length}\r\n"
            f"Cookie: csrftoken={token}\r\n"
            f"X-CSRFToken: {token}\r\n"
            f"Referer: {server.url}{UPLOAD}\r\n"
            "\r\n"
        ).encode()
    )
    return sock


def _read_head(sock: socket.socket) -> tuple[int, str]:
    """The status and headers of the response; socket.timeout if none comes in 15 s."""
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            break
        head += chunk
    text = head.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    return int(text.split(" ", 2)[1]), text


def test_a_200_mb_claim_gets_413_before_any_of_the_body_is_sent(server):
    sock = _send_headers(server, content_length=200 * 1024 * 1024, token=_csrf_cookie(server))
    try:
        status, _ = _read_head(sock)
    finally:
        sock.close()
    assert status == 413


def test_an_anonymous_upload_is_sent_to_sign_in_with_nothing_written_to_disk(server):
    """The body claims 20 MB (under the limit, over the 5 MB Django keeps in memory, so a
    parser would write it to a temporary file); 6 MB of it are being sent while the response
    is read."""
    token = _csrf_cookie(server)
    part = (
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="files"; filename="header.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode() + HEADER_CSV.encode()
    sock = _send_headers(server, content_length=20 * 1024 * 1024, token=token)

    def send_part_of_the_body():
        # The server answers and closes without reading: the send may then fail, as wanted.
        with contextlib.suppress(OSError):
            sock.sendall(part + b"C0002,1,03/03/2011,WBRI,,,\n" * (6 * 1024 * 1024 // 27))

    sender = threading.Thread(target=send_part_of_the_body)
    sender.start()
    try:
        status, head = _read_head(sock)
        left_on_disk = list((server.var / "tmp").rglob("*"))
    finally:
        sock.close()
        sender.join(timeout=30)
    assert status == 302
    assert re.search(r"^Location: /accounts/login/\?next=/councils/990/returns/upload/", head, re.M)
    assert left_on_disk == []
    uploads = server.python(
        "from trajectory.returns.models import Upload\nprint(Upload.objects.count())"
    )
    assert uploads.strip() == "0"


def test_a_signed_in_analyst_can_still_upload(server):
    analyst = server.client("analyst-990")
    response = analyst.post(UPLOAD, files=[("files", ("header.csv", HEADER_CSV, "text/csv"))])
    assert response.status_code == 302
    assert re.fullmatch(r"/councils/990/returns/uploads/\d+/", response.headers["Location"])
    page = analyst.get(response.headers["Location"])
    assert page.status_code == 200
    assert "header.csv" in page.text
