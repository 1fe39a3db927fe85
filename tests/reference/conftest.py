"""The made-up reference files served over HTTP on 127.0.0.1 for the fetch tests."""

from __future__ import annotations

import pytest

from tests.reference.http_server import FILES, Server, write_manifest


@pytest.fixture
def served(tmp_path):
    """The made-up files on a live 127.0.0.1 server, and a manifest pinning them."""
    root = tmp_path / "served"
    for url_path, content in FILES.values():
        target = root / url_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    server = Server(root)
    server.manifest = write_manifest(tmp_path / "manifest.csv", FILES)
    yield server
    server.stop()
