"""Ofsted reference data, loaded once per test module (it is read-only for the tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

REFERENCE = Path(settings.TRAJECTORY_REFERENCE_DIR)
ODS_2025 = REFERENCE / "dfe_csc_outcomes_enablers/LA_Inspection_Outcomes_as_at_31_March_2025.ods"
ODS_2024 = REFERENCE / "dfe_csc_outcomes_enablers/LA_Inspection_Outcomes_as_at_March_2024.ods"


@pytest.fixture(scope="module")
def ofsted_loaded(django_db_setup, django_db_blocker):
    """All 153 councils, their neighbours and their Ofsted history, removed after the module."""
    if not ODS_2025.exists():
        pytest.skip(f"reference data not found in {REFERENCE}")
    from trajectory.audit.models import AuditEntry
    from trajectory.councils.models import Council, StatisticalNeighbour
    from trajectory.councils.reference import councils_load_reference
    from trajectory.inspections.models import Finding, Inspection, Judgement
    from trajectory.inspections.services import ofsted_load

    with django_db_blocker.unblock():
        councils_load_reference()
        result = ofsted_load()
    yield result
    with django_db_blocker.unblock():
        Finding.objects.all().delete()
        Judgement.objects.all().delete()
        Inspection.objects.all().delete()
        StatisticalNeighbour.objects.all().delete()
        AuditEntry.objects.filter(
            action__in=["ofsted.load", "councils.load_reference"]
        )._raw_delete(AuditEntry.objects.db)
        Council.objects.filter(is_synthetic=False).delete()
