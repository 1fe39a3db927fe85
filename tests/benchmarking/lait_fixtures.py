"""LAIT explorer fixtures: the real reference files, West Sussex and its DfE neighbours."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

REFERENCE = Path(settings.TRAJECTORY_REFERENCE_DIR)
LAIT = REFERENCE / "dfe_lait"
BDS = LAIT / "bds_long_0.parquet"
# West Sussex's ten statistical neighbours in DfE's 2025 model, by rank, as LAIT's own
# sn_may_2025.xlsx lists them (row "938", columns SN1 to SN10), read by hand.
WEST_SUSSEX_NEIGHBOURS = ["916", "881", "850", "919", "937", "865", "802", "931", "803", "878"]


@pytest.fixture(scope="module")
def councils_loaded(django_db_setup, django_db_blocker):
    """All 153 councils and their neighbours, loaded once a module and rolled back after it
    (as tests/inspections/conftest.py does): the load's audit entry is never committed."""
    if not BDS.exists():
        pytest.skip(f"LAIT reference data not found in {LAIT}")
    from django.db import transaction

    from trajectory.councils.reference import councils_load_reference

    with django_db_blocker.unblock():
        loaded = transaction.atomic()
        loaded.__enter__()
        try:
            councils_load_reference()
        except Exception:
            transaction.set_rollback(True)
            loaded.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        loaded.__exit__(None, None, None)


@pytest.fixture
def west_sussex(councils_loaded, db):
    """West Sussex, with every real council and its DfE neighbours loaded."""
    from trajectory.councils.models import Council

    return Council.objects.get(code="938")
