"""A real HTTP server on 127.0.0.1 serving a folder of small made-up reference files."""

from __future__ import annotations

import csv
import functools
import hashlib
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PINNED_HOST = "https://raw.githubusercontent.com"
# Two small made-up files, laid out under the server's folder as their pinned URLs' paths.
FILES = {
    "dfe/neighbours.csv": (
        "example-org/example-data/0123456789abcdef0123456789abcdef01234567/data-raw/sn.csv",
        b"old_la_code,SN_1\n938,850\n",
    ),
    "ilacs/history.csv": (
        "example-org/scrape/fedcba9876543210fedcba9876543210fedcba98/h.csv",
        b"abc",
    ),
}
# sha256("abc"), the FIPS 180-2 test vector, written out rather than computed.
ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


class Server:
    def __init__(self, folder: Path):
        self.folder = folder
        self.requests: list[str] = []
        handler = functools.partial(_Handler, self, directory=str(folder))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


class _Handler(SimpleHTTPRequestHandler):
    def __init__(self, server_record: Server, *args, **kwargs):
        self.record = server_record
        super().__init__(*args, **kwargs)

    def do_GET(self):  # noqa: N802 - http.server's name
        self.record.requests.append(self.path)
        super().do_GET()

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        pass


def write_manifest(path: Path, rows: dict[str, tuple[str, bytes]]) -> Path:
    """A manifest for `rows`, each hash computed here with hashlib, not by the code under test."""
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["local_file", "needed_for", "source", "url", "bytes", "sha256", "licence"])
        for local_file, (url_path, content) in rows.items():
            writer.writerow(
                [
                    local_file,
                    "ofsted" if local_file.startswith("ilacs") else "councils",
                    "made up for the test",
                    f"{PINNED_HOST}/{url_path}",
                    len(content),
                    hashlib.sha256(content).hexdigest(),
                    "none",
                ]
            )
    return path
