"""Issue 6.11: static files under the production server, as `./run serve` collects them.

The server fixture runs gunicorn on the production settings over files collected once by
`trajectory collectstatic`: pages link each file by a name carrying a hash of its content,
which WhiteNoise sends with a ten-year immutable lifetime, compressed.
"""

from __future__ import annotations

import re

import requests

TEN_YEARS = 10 * 365 * 24 * 60 * 60


def test_pages_link_hashed_static_files_served_with_a_long_lifetime(server):
    page = requests.get(server.url + "/accounts/login/", timeout=30)
    links = re.findall(r'(?:href|src)="(/static/[^"]+)"', page.text)
    stylesheets = [link for link in links if link.endswith(".css")]
    assert stylesheets, page.text
    for link in links:
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", link), f"{link} has no content hash"

    response = requests.get(
        server.url + stylesheets[0], headers={"Accept-Encoding": "gzip"}, timeout=30
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/css")
    assert response.headers["Cache-Control"] == f"max-age={TEN_YEARS}, public, immutable"
    assert response.headers["Content-Encoding"] == "gzip"
    assert "{" in response.text  # decompressed, it is the stylesheet


def test_the_collected_manifest_names_every_linked_file(server, static_root):
    import json

    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    page = requests.get(server.url + "/accounts/login/", timeout=30)
    for link in re.findall(r'(?:href|src)="/static/([^"]+)"', page.text):
        assert link in manifest.values()
