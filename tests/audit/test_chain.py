"""The audit log's hash chain and the triggers refusing UPDATE and DELETE (issue 6.9).

Runs on SQLite and on PostgreSQL (DATABASE_URL). Tampering is done the way an intruder would:
triggers suspended, raw SQL, triggers put back.
"""

from __future__ import annotations

import hashlib
from datetime import UTC
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test import RequestFactory

from trajectory.audit.chain import chain_verify, entry_hash
from trajectory.audit.models import AuditChainHead, AuditEntry
from trajectory.audit.services import record
from trajectory.audit.triggers import append_only_lifted

pytestmark = pytest.mark.django_db

ZEROS = "0" * 64


@pytest.fixture
def entries(council, make_user):
    """Five entries written the ordinary way, after whatever the fixtures recorded."""
    analyst = make_user("analyst", council)
    return [
        record(user=analyst, action="child.view", council=council, detail={"row": n})
        for n in range(1, 6)
    ]


def _refused(statement):
    """Run `statement` in its own savepoint (PostgreSQL aborts the transaction on an error)."""
    with pytest.raises((IntegrityError, DatabaseError)) as refusal, transaction.atomic():
        statement()
    return str(refusal.value)


def _raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_bulk_update_is_refused_and_the_row_is_unchanged(entries):
    first = entries[0]
    message = _refused(lambda: AuditEntry.objects.filter(pk=first.pk).update(action="x"))
    assert "append-only" in message
    assert "append-only" in _refused(lambda: AuditEntry.objects.all().update(detail={}))
    assert AuditEntry.objects.get(pk=first.pk).action == "child.view"
    assert AuditEntry.objects.get(pk=first.pk).detail == {"row": 1}


def test_bulk_delete_is_refused(entries):
    count = AuditEntry.objects.count()
    assert "append-only" in _refused(lambda: AuditEntry.objects.all().delete())
    assert "append-only" in _refused(
        lambda: AuditEntry.objects.filter(pk=entries[2].pk)._raw_delete(AuditEntry.objects.db)
    )
    assert AuditEntry.objects.count() == count


def test_raw_sql_is_refused(entries):
    third = entries[2]
    _refused(lambda: _raw("UPDATE audit_auditentry SET action = 'x' WHERE id = %s", [third.pk]))
    _refused(lambda: _raw("DELETE FROM audit_auditentry WHERE id = %s", [third.pk]))
    _refused(lambda: _raw("DELETE FROM audit_auditchainhead"))
    assert AuditEntry.objects.get(pk=third.pk).action == "child.view"
    assert AuditChainHead.objects.get().sequence == entries[-1].sequence


def test_entries_link_in_order(entries):
    """Each entry's sequence is one more than the last and its link is the last one's hash."""
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.sequence == before.sequence + 1
        assert after.previous_hash == before.entry_hash
    head = AuditChainHead.objects.get()
    assert (head.sequence, head.entry_hash) == (entries[-1].sequence, entries[-1].entry_hash)


def test_the_hash_of_an_entry_worked_independently(council, make_user):
    """sha256 over the documented canonical JSON, written out here by hand."""
    leader = make_user("leader", council, username="lead-é")
    request = RequestFactory().get("/", REMOTE_ADDR="2001:DB8:0:0::1")
    before = record(user=leader, action="plan.view", council=council)
    written = record(
        user=leader,
        action="child.view",
        council=council,
        obj=council,
        detail={"zeta": [1, "two"], "alpha": "Zoë", "count": 3},
        request=request,
    )
    entry = AuditEntry.objects.get(pk=written.pk)
    at = entry.at.astimezone(UTC)
    canonical = (
        '{"action":"child.view",'
        f'"at":"{at:%Y-%m-%dT%H:%M:%S}.{at.microsecond:06d}Z",'
        f'"council_id":{council.pk},'
        '"detail":{"alpha":"Zoë","count":3,"zeta":[1,"two"]},'
        '"ip_address":"2001:db8::1",'
        f'"object_id":"{council.pk}",'
        '"object_type":"Council",'
        f'"previous_hash":"{before.entry_hash}",'
        f'"sequence":{before.sequence + 1},'
        f'"user_id":{leader.pk},'
        '"username":"lead-é"}'
    )
    assert entry.entry_hash == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert entry.previous_hash == before.entry_hash


def test_verify_passes_on_an_untouched_chain(entries):
    result = chain_verify()
    assert result.ok
    assert result.problem is None
    assert result.verified == entries[-1].sequence == AuditEntry.objects.count()


def _tamper(sql, params):
    with append_only_lifted(connection):
        _raw(sql, params)


def test_verify_names_an_entry_changed_behind_the_triggers(entries):
    changed = entries[2]
    sql = "UPDATE audit_auditentry SET detail = %s WHERE id = %s"
    if connection.vendor == "postgresql":
        sql = "UPDATE audit_auditentry SET detail = %s::jsonb WHERE id = %s"
    _tamper(sql, ['{"row": 999}', changed.pk])
    assert AuditEntry.objects.get(pk=changed.pk).detail == {"row": 999}
    result = chain_verify()
    assert not result.ok
    assert result.problem.entry_id == changed.pk
    assert result.problem.sequence == changed.sequence
    assert result.verified == changed.sequence - 1
    assert f"entry {changed.pk} " in result.problem.message
    assert "was changed" in result.problem.message
    # The triggers are back.
    _refused(lambda: AuditEntry.objects.filter(pk=changed.pk).update(action="x"))


def test_verify_catches_a_changed_entry_whose_hash_was_rewritten(entries):
    """Rewriting the changed entry's own hash moves the break to the link of the next one."""
    changed, following = entries[1], entries[2]
    _tamper(
        "UPDATE audit_auditentry SET action = %s, entry_hash = %s WHERE id = %s",
        ["plan.view", "f" * 64, changed.pk],
    )
    problem = chain_verify().problem
    assert problem.entry_id == changed.pk
    assert "was changed" in problem.message
    # An intruder who recomputes that hash properly is still caught at the next entry's link.
    changed.action = "plan.view"
    _tamper(
        "UPDATE audit_auditentry SET entry_hash = %s WHERE id = %s",
        [entry_hash(changed), changed.pk],
    )
    problem = chain_verify().problem
    assert problem.entry_id == following.pk
    assert "does not link" in problem.message


def test_verify_reports_a_deleted_entry_at_the_next_one(entries):
    deleted, following = entries[2], entries[3]
    _tamper("DELETE FROM audit_auditentry WHERE id = %s", [deleted.pk])
    result = chain_verify()
    assert result.problem.entry_id == following.pk
    assert result.problem.sequence == deleted.sequence + 1
    assert result.verified == deleted.sequence - 1
    assert f"follows sequence {deleted.sequence - 1}" in result.problem.message
    assert "deleted" in result.problem.message


def test_verify_reports_entries_deleted_from_the_end(entries):
    last = entries[-1]
    _tamper("DELETE FROM audit_auditentry WHERE id = %s", [last.pk])
    result = chain_verify()
    assert result.verified == last.sequence - 1
    assert result.problem.entry_id is None
    assert result.problem.message == (
        f"the log ends at sequence {last.sequence - 1} but its head records sequence "
        f"{last.sequence}: entries at the end were deleted or replaced"
    )


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_database_and_the_triggers_stay(council, make_user):
    """Transactional tests reset the database with flush; the log starts a new chain after it."""
    record(user=make_user("analyst", council), action="child.view", council=council)
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEntry.objects.exists()
    assert not AuditChainHead.objects.exists()
    entry = record(user=None, action="auth.sign_in_failed", detail={"username": "x"})
    assert (entry.sequence, entry.previous_hash) == (1, ZEROS)
    _refused(lambda: AuditEntry.objects.filter(pk=entry.pk).update(action="x"))
    _refused(lambda: AuditEntry.objects.filter(pk=entry.pk).delete())
    assert chain_verify().verified == 1


@pytest.mark.django_db(transaction=True)
def test_the_migration_links_existing_entries_in_id_order(council):
    """Entries written before the chain existed get sequences and hashes in id order."""
    from django.db.migrations.executor import MigrationExecutor

    earlier = AuditEntry.objects.count()  # the council's own creation, at least
    executor = MigrationExecutor(connection)
    executor.migrate([("audit", "0001_initial")])
    old = executor.loader.project_state([("audit", "0001_initial")]).apps
    OldEntry = old.get_model("audit", "AuditEntry")
    ids = [
        OldEntry.objects.create(action=f"old.{n}", council_id=council.pk, detail={"n": n}).pk
        for n in range(3)
    ]
    executor = MigrationExecutor(connection)
    # Every app forward again, not only audit: going back to audit 0001 also took back each
    # later app's migrations that depend on the audit log's (the rest of the suite needs them).
    executor.migrate(executor.loader.graph.leaf_nodes())

    linked = list(AuditEntry.objects.order_by("id"))
    assert len(linked) == earlier + 3
    assert [entry.pk for entry in linked[-3:]] == ids
    assert [entry.sequence for entry in linked] == list(range(1, earlier + 4))
    assert linked[0].previous_hash == ZEROS
    for before, after in zip(linked, linked[1:], strict=False):
        assert after.previous_hash == before.entry_hash
    assert AuditChainHead.objects.get().entry_hash == linked[-1].entry_hash
    assert chain_verify().verified == earlier + 3
    _refused(lambda: AuditEntry.objects.filter(pk=ids[0]).update(action="x"))
    assert record(user=None, action="new").sequence == earlier + 4


def _verify_command():
    """`trajectory audit verify` as a separate process would run it: output and exit status."""
    out = StringIO()
    try:
        call_command("audit", "verify", stdout=out)
    except CommandError as error:
        return 1, str(error)
    return 0, out.getvalue()


def test_the_verify_command_counts_a_good_chain(entries):
    status, output = _verify_command()
    assert status == 0
    assert output == f"Audit log verified: {entries[-1].sequence:,} entries, chain unbroken.\n"


def test_the_verify_command_names_the_changed_entry(entries):
    changed = entries[3]
    _tamper("UPDATE audit_auditentry SET username = %s WHERE id = %s", ["someone", changed.pk])
    status, output = _verify_command()
    assert status == 1
    assert output == (
        f"Audit log broken after {changed.sequence - 1:,} entries in order: entry {changed.pk} "
        f"(sequence {changed.sequence}) was changed after it was written: its hash does not "
        f"match its contents."
    )


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_on_postgresql_make_one_unbroken_chain():
    """Writers in parallel queue on the chain head; without its lock two would take one sequence.

    SQLite needs no such test here: its transactions are IMMEDIATE, one writer at a time (the
    real-server burst in tests/server exercises that).
    """
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; run with DATABASE_URL=postgres://...")
    import threading

    from django.db import connections

    start, failures = threading.Barrier(8), []

    def writer(number):
        try:
            start.wait()
            for n in range(10):
                with transaction.atomic():
                    record(user=None, action="auth.sign_in_failed", detail={"w": number, "n": n})
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert list(AuditEntry.objects.order_by("sequence").values_list("sequence", flat=True)) == (
        list(range(1, 81))
    )
    assert chain_verify().verified == 80


@pytest.mark.django_db(transaction=True)
def test_the_verify_command_on_one_entry_and_on_an_empty_log():
    assert _verify_command() == (0, "Audit log verified: 0 entries, chain unbroken.\n")
    record(user=None, action="auth.sign_in_failed", detail={"username": "x"})
    assert _verify_command() == (0, "Audit log verified: 1 entry, chain unbroken.\n")
