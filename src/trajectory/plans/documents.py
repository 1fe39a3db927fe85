"""Evidence documents: only PDF and Word (DOCX), recognised by their bytes, not their names,
limited in size, and stored once under their SHA-256 so a stored file can never be altered.

Files live at TRAJECTORY_STORAGE/<council code>/documents/<sha256>.<pdf|docx>.
"""

from __future__ import annotations

import hashlib
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSIONS = {PDF: "pdf", DOCX: "docx"}


class DocumentRefused(ValueError):
    """The upload is not a PDF or DOCX, is too large, or is empty."""


def max_bytes() -> int:
    return int(getattr(settings, "TRAJECTORY_MAX_DOCUMENT_BYTES", DEFAULT_MAX_BYTES))


@dataclass(frozen=True)
class Received:
    temp_path: Path
    sha256: str
    size: int
    content_type: str


def _chunks(file):
    if hasattr(file, "chunks"):
        yield from file.chunks()
        return
    while chunk := file.read(64 * 1024):
        yield chunk


def _content_type(path: Path, name: str) -> str:
    suffix = Path(name).suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"%PDF-"):
        if suffix != ".pdf":
            raise DocumentRefused("This file is a PDF but its name does not end in .pdf.")
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile as error:
            raise DocumentRefused("This file is damaged: not a readable Word file.") from error
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            if any(member.endswith("vbaProject.bin") for member in names):
                raise DocumentRefused("Word files with macros cannot be uploaded.")
            if suffix != ".docx":
                raise DocumentRefused("This file is a Word file but its name does not end .docx.")
            return DOCX
    raise DocumentRefused("The file must be a PDF or a Word (.docx) document.")


def receive(file, name: str) -> Received:
    """Copy the upload to a temporary file, hashing it and refusing it when too big or the
    wrong kind. The caller moves it into storage or deletes it."""
    limit = max_bytes()
    digest = hashlib.sha256()
    size = 0
    handle = tempfile.NamedTemporaryFile(delete=False, suffix=".upload")  # noqa: SIM115
    temp_path = Path(handle.name)
    try:
        with handle:
            for chunk in _chunks(file):
                size += len(chunk)
                if size > limit:
                    raise DocumentRefused(f"The file is larger than {limit // (1024 * 1024)} MB.")
                digest.update(chunk)
                handle.write(chunk)
        if size == 0:
            raise DocumentRefused("The file is empty.")
        content_type = _content_type(temp_path, name)
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    return Received(temp_path, digest.hexdigest(), size, content_type)


def storage_key(council_code: str, sha256: str, content_type: str) -> str:
    return f"{council_code}/documents/{sha256}.{EXTENSIONS[content_type]}"


def storage_path(key: str) -> Path:
    return Path(settings.TRAJECTORY_STORAGE) / key


def store(received: Received, key: str) -> Path:
    """Move the received file into place, read-only. An existing file with the key is kept."""
    target = storage_path(key)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        received.temp_path.unlink(missing_ok=True)
    else:
        received.temp_path.replace(target)
        target.chmod(0o444)
    return target
