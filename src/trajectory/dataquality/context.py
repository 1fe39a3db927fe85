"""What a rule reads (issue 13.1): one return's tables for one collection year, typed as the
readers type them (dates as dates, codes upper-cased, `_row` the row in the file as
uploaded, `_text_<field>` a coded value or an SSDA903 date as written), and what it may
need beside them.

A table the upload does not hold reads as an empty table of the right columns and types, so
no rule has to guard against a missing table and none can fail on one; the runner says "not
run" for a rule whose tables are all absent (run.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl

from trajectory.returns.cin import schema as cin_schema
from trajectory.returns.ssda903 import schema as ssda903_schema

ROW = "_row"
TEXT = "_text_"
CHILD = {"ssda903": "CHILD", "cin": "LAchildID"}


def _cin_dtype(kind: str) -> pl.DataType:
    return {
        cin_schema.DATE: pl.Date,
        cin_schema.FLAG: pl.Boolean,
        cin_schema.COUNT: pl.Int64,
        cin_schema.SEQUENCE: pl.Int64,
    }.get(kind, pl.String)


def empty_table(returns: str, name: str) -> pl.LazyFrame:
    """The table with no rows, its columns typed as the reader types them."""
    columns: dict[str, pl.DataType] = {}
    if returns == "ssda903":
        table = ssda903_schema.TABLES_BY_NAME.get(name)
        for column in table.columns if table else ():
            columns[column.dfe] = pl.Date if column.is_date else pl.String
            if column.codes is not None or column.is_date:
                columns[TEXT + column.dfe] = pl.String
    else:
        table = next((t for t in cin_schema.TABLES if t.name == name), None)
        for item in table.fields if table else ():
            columns[item.name] = _cin_dtype(item.kind)
            if item.codes is not None:
                columns[TEXT + item.name] = pl.String
    columns[ROW] = pl.Int64
    return pl.LazyFrame(schema=columns)


def _lazy(frames: dict[str, pl.DataFrame] | None) -> dict[str, pl.LazyFrame] | None:
    if frames is None:
        return None
    return {name: frame.lazy() for name, frame in frames.items()}


@dataclass
class Return:
    returns: str  # "ssda903" or "cin"
    year: int  # the collection year, by its end: 2025 for 2024-25
    tables: dict[str, pl.LazyFrame]
    previous: dict[str, pl.LazyFrame] | None = None  # last year's, when supplied
    postcodes: pl.LazyFrame | None = None  # the ONS postcode directory, when configured
    providers: pl.LazyFrame | None = None  # Ofsted's provider lists, when configured
    la_code: str = ""  # the submitting council's code (for rules on where a child is placed)
    _empty: dict[str, pl.LazyFrame] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, returns: str, year: int, frames: dict[str, pl.DataFrame], **kwargs) -> Return:
        previous = kwargs.pop("previous", None)
        return cls(returns, year, _lazy(frames), previous=_lazy(previous), **kwargs)

    @property
    def start(self) -> date:
        """1 April: the collection year's first day."""
        return date(self.year - 1, 4, 1)

    @property
    def end(self) -> date:
        """31 March: its last."""
        return date(self.year, 3, 31)

    @property
    def child(self) -> str:
        return CHILD[self.returns]

    def has(self, name: str) -> bool:
        return name in self.tables

    def table(self, name: str) -> pl.LazyFrame:
        """This year's table, or an empty one of its columns."""
        if name in self.tables:
            return self.tables[name]
        return self._empty.setdefault(name, empty_table(self.returns, name))

    def last(self, name: str) -> pl.LazyFrame:
        """Last year's table (empty when not supplied: rules needing it are not run then)."""
        if self.previous is not None and name in self.previous:
            return self.previous[name]
        return self._empty.setdefault(name, empty_table(self.returns, name))
