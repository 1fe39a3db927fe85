"""The returns Trajectory reads, as data: one entry per ReturnKind, the one path for all.

Every return comes in the same way (services.py): read and check every file, stage what was
read, preview, accept all-or-nothing as an immutable Parquet version named by its content hash,
"already imported" for the same content, the collection year declared or inferred. What differs
between returns is only what this registry says of each:

- `reader`: the dotted path of its `read_return(files, *, max_bytes, today=None, year=None)
  -> ReadResult` (returns/ssda903/reader.py holds the ReadResult, FileRead and ProblemLog every
  reader uses). It is imported only when the return is read, so a format whose package is not
  written yet (or fails to import) is listed as not yet available: the upload page shows it
  so and the command line refuses it with exit status 1, and nothing else breaks.
- `cli_name`: the name `trajectory import NAME` takes (903, cin, annexa, workforce).
- `suffixes`: the file types the upload accepts for it.
- `schema`: the dotted path of the module whose `TABLES` (or `schema_attr`: Annex A's `LISTS`)
  describe its tables (name, description, columns), for the pages that describe a return.
- A reader whose result has `recognition_report()` (Annex A: each sheet, the list it was read
  as and how, its headers matched and not) has that report kept on the upload
  (`Upload.recognition`), shown on the preview and printed by the command line.
- `year_basis`: how the reader infers the collection year when none is declared, in words.
- `coverage`: the dotted path of `coverage(tables) -> (data_from, data_to)`, the span the
  version records completely; none for a return that does not say (both left blank).
- `registered`: whether the reader is finished and listed for use (set as each format's
  package is completed; False leaves it not yet available, whatever imports).
- `recompute`: whether accepting a version recomputes the indicators in the same transaction
  (every return feeds them: indicators_compute reads each one's versions, the latest Annex A
  for the Annex A indicators).
- `figure_changes`: whether the preview shows each headline figure now and after accepting
  (SSDA903's headline figures only).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from trajectory.returns.models import ReturnKind

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Format:
    kind: str  # a ReturnKind value, as stored on Upload and ReturnVersion
    cli_name: str
    title: str  # "SSDA903 (children looked after)", as ReturnKind shows it
    reader: str  # "package.module.function"
    suffixes: tuple[str, ...]
    schema: str  # "package.module" holding TABLES
    hint: str  # what to choose on the upload page, in one sentence
    upload_label: str  # "Upload an SSDA903 return", the upload form's label
    year_basis: str
    coverage: str | None = None
    recompute: bool = False
    # Whether the preview shows each headline figure now and after accepting (SSDA903's
    # figures, indicators/headline.upload_figure_changes).
    figure_changes: bool = False
    schema_attr: str = "TABLES"  # the schema module's tuple of table declarations
    # Set when the format's helper says its reader is finished ("READY" in the notes):
    # a package being written may import before it reads anything well.
    registered: bool = True

    @property
    def read_return(self) -> Callable | None:
        """The reader function, or None while the format is not registered or importable."""
        return _load(self.reader) if self.registered else None

    @property
    def available(self) -> bool:
        return self.read_return is not None

    @property
    def coverage_function(self) -> Callable | None:
        return _load(self.coverage) if self.coverage else None

    @property
    def tables(self) -> tuple:
        """The format's table declarations (its schema's TABLES), () while not available."""
        try:
            return tuple(getattr(importlib.import_module(self.schema), self.schema_attr, ()))
        except Exception:
            return ()

    @property
    def table_names(self) -> list[str]:
        return [getattr(t, "name", str(t)) for t in self.tables]

    @property
    def accept(self) -> str:
        """The file input's `accept` attribute."""
        return ",".join(self.suffixes)

    @property
    def types_shown(self) -> str:
        """'CSV or XML', for messages."""
        names = [s.lstrip(".").upper() for s in self.suffixes]
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _load(dotted: str) -> Callable | None:
    module_name, _, name = dotted.rpartition(".")
    try:
        return getattr(importlib.import_module(module_name), name)
    except ModuleNotFoundError as missing:
        if missing.name and dotted.startswith(missing.name):
            return None  # the format's package is not written yet
        logger.exception("The reader %s could not be imported", dotted)
        return None
    except Exception:
        logger.exception("The reader %s could not be imported", dotted)
        return None


FORMATS: dict[str, Format] = {
    f.kind: f
    for f in (
        Format(
            kind=ReturnKind.SSDA903,
            upload_label="Upload an SSDA903 return",
            cli_name="903",
            title=ReturnKind.SSDA903.label,
            reader="trajectory.returns.ssda903.reader.read_return",
            suffixes=(".csv", ".xml"),
            schema="trajectory.returns.ssda903.schema",
            hint="Every file of the return at once: CSV tables (Header, Episodes, Reviews, "
            "OC3, Missing and so on) or the XML return. Tables are recognised by their "
            "columns, whatever the files are called.",
            year_basis="the year holding the latest episode date",
            coverage="trajectory.returns.ssda903.coverage.coverage",
            recompute=True,
            figure_changes=True,
        ),
        Format(
            kind=ReturnKind.CIN,
            upload_label="Upload a CIN census return",
            cli_name="cin",
            title=ReturnKind.CIN.label,
            reader="trajectory.returns.cin.reader.read_return",
            suffixes=(".xml", ".csv"),
            schema="trajectory.returns.cin.schema",
            hint="The census XML as submitted to DfE (children, CIN episodes, assessments, "
            "section 47 enquiries, child protection plans).",
            year_basis="the census's reference date, else the latest date in the data",
            coverage=None,
            recompute=True,
        ),
        Format(
            kind=ReturnKind.ANNEX_A,
            upload_label="Upload an Annex A workbook",
            cli_name="annexa",
            title=ReturnKind.ANNEX_A.label,
            reader="trajectory.returns.annex_a.reader.read_return",
            suffixes=(".xlsx",),
            schema="trajectory.returns.annex_a.schema",
            hint="The Annex A workbook (lists 1 to 11) as prepared for Ofsted; sheets and "
            "columns are recognised by their headings.",
            year_basis="the collection year holding the latest date in the lists (not dates "
            "of birth, nor any after the upload day)",
            schema_attr="LISTS",
            coverage="trajectory.returns.annex_a.coverage.coverage",
            recompute=True,
        ),
        Format(
            kind=ReturnKind.WORKFORCE,
            upload_label="Upload a social work workforce census return",
            cli_name="workforce",
            title=ReturnKind.WORKFORCE.label,
            reader="trajectory.returns.workforce.reader.read_return",
            suffixes=(".csv", ".xml"),
            schema="trajectory.returns.workforce.schema",
            hint="The children's social work workforce census: the worker-level file and "
            "the vacancy file (CSV), or the census XML that holds both.",
            year_basis="the XML header's reference date, else the census (to 30 September) "
            "holding the latest start or leaving date",
            recompute=True,
        ),
    )
}
BY_CLI_NAME: dict[str, Format] = {f.cli_name: f for f in FORMATS.values()}


def of(kind: str) -> Format:
    """The format of a ReturnKind value; KeyError for one not listed."""
    return FORMATS[kind]


def available() -> list[Format]:
    return [f for f in FORMATS.values() if f.available]


def not_available_message(fmt: Format) -> str:
    return (
        f"The {fmt.title} return cannot be read yet: its reader is not yet available in "
        "this version of Trajectory. Nothing was read or imported."
    )
