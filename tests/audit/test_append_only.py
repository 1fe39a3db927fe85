import pytest

from trajectory.audit.models import AuditEntry
from trajectory.audit.services import record
from trajectory.returns.models import ReturnVersion

pytestmark = pytest.mark.django_db


def test_audit_entries_cannot_be_changed_or_deleted(council, make_user):
    entry = record(user=make_user("analyst", council), action="test.write", council=council)
    entry.action = "tampered"
    with pytest.raises(PermissionError, match="cannot be changed"):
        entry.save()
    with pytest.raises(PermissionError, match="cannot be deleted"):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.write"


def test_a_return_version_is_never_saved_twice(council):
    version = ReturnVersion.objects.create(
        council=council, kind="ssda903", number=1, content_sha256="0" * 64, storage_key="990/0"
    )
    version.number = 2
    with pytest.raises(PermissionError, match="import a new version instead"):
        version.save()
    assert ReturnVersion.objects.get(pk=version.pk).number == 1
