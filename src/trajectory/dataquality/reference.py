"""Reference data some rules need (issue 13.1), read from configured paths; absent, those rules
are reported "not run" with the reason (run.py).

- TRAJECTORY_POSTCODES: the ONS postcode directory (ONSPD) as CSV, read for its postcode
  (`pcd`, compared without spaces, upper-cased), local authority (`oslaua`) and county
  (`oscty`) columns.
- TRAJECTORY_PROVIDERS: Ofsted's lists of registered providers as CSV (URN, registration end
  date, postcode), as the open validators read them.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
from django.conf import settings


def _csv(path: str | None) -> pl.LazyFrame | None:
    if not path or not Path(path).is_file():
        return None
    return pl.scan_csv(path, infer_schema=False)


def postcodes() -> pl.LazyFrame | None:
    found = _csv(getattr(settings, "TRAJECTORY_POSTCODES", None))
    if found is None:
        return None
    names = found.collect_schema().names()
    if "pcd" not in names:
        return None
    return found.select(
        pl.col("pcd").str.replace_all(" ", "").str.to_uppercase().alias("postcode"),
        *([pl.col("oslaua").alias("la")] if "oslaua" in names else []),
        *([pl.col("oscty").alias("county")] if "oscty" in names else []),
    )


def providers() -> pl.LazyFrame | None:
    return _csv(getattr(settings, "TRAJECTORY_PROVIDERS", None))
