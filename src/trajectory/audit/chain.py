"""The audit log's hash chain: an entry's hash covers its own fields and the previous entry's hash.

The database triggers (migration 0003, `triggers.py`) refuse UPDATE and DELETE, but someone who can
drop a trigger, or edit the database file, can still change rows. The chain makes any such change
visible: `trajectory audit verify` recomputes every hash in order (issue 6.9).

One chain for the whole deployment, not one per council: entries without a council (sign-ins)
belong to it too, and one order is the simplest to verify. Appending is serialised by locking the
one-row chain head (`AuditChainHead`, pk 1) with SELECT ... FOR UPDATE on PostgreSQL; on SQLite
every transaction is IMMEDIATE (settings.py), so it already holds the write lock. The lock is held
until the caller's transaction commits, so audited writes queue behind one another: the price of
a total order, small at one deployment's rate of writes.

An entry's hash is the lowercase hex sha256 of the UTF-8 bytes of this JSON object, keys sorted,
separators "," and ":" with no spaces, non-ASCII characters written as themselves:

    sequence       1, 2, 3 ... with no gaps
    at             UTC, "YYYY-MM-DDTHH:MM:SS.ffffffZ"
    user_id        integer or null
    username       string
    action         string
    council_id     integer or null
    object_type    string
    object_id      string
    detail         the detail object (its keys sorted too)
    ip_address     string or null
    previous_hash  the previous entry's hash; 64 zeros for the first entry
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

from django.db import transaction
from django.utils import timezone

from trajectory.audit.models import AuditChainHead, AuditEntry

GENESIS_HASH = "0" * 64
HEAD_PK = 1


def canonical_form(entry) -> bytes:
    """The bytes an entry's hash is taken over (the module docstring gives the form)."""
    fields = {
        "sequence": entry.sequence,
        "at": entry.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "user_id": entry.user_id,
        "username": entry.username,
        "action": entry.action,
        "council_id": entry.council_id,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "detail": entry.detail,
        "ip_address": entry.ip_address,
        "previous_hash": entry.previous_hash,
    }
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash(entry) -> str:
    return hashlib.sha256(canonical_form(entry)).hexdigest()


def chain_append(**fields) -> AuditEntry:
    """Write one entry at the end of the chain, in the caller's transaction if there is one."""
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(
            pk=HEAD_PK, defaults={"sequence": 0, "entry_hash": GENESIS_HASH}
        )
        entry = AuditEntry(
            sequence=head.sequence + 1,
            previous_hash=head.entry_hash,
            at=timezone.now(),
            **fields,
        )
        entry.entry_hash = entry_hash(entry)
        entry.save()
        head.sequence = entry.sequence
        head.entry_hash = entry.entry_hash
        head.save(update_fields=["sequence", "entry_hash"])
    return entry


@dataclass(frozen=True)
class ChainBreak:
    """The first place the chain does not hold; no entry when entries at the end are gone."""

    entry_id: int | None
    sequence: int | None
    message: str


@dataclass(frozen=True)
class ChainVerification:
    verified: int
    problem: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def chain_verify() -> ChainVerification:
    """Walk the chain in order; stop at the first entry that was changed or does not follow on.

    The head is read first and only entries up to it are walked, so entries appended while the
    walk runs are left for the next run rather than reported as a break.
    """
    head = AuditChainHead.objects.filter(pk=HEAD_PK).first()
    entries = AuditEntry.objects.order_by("sequence")
    if head is not None:
        entries = entries.filter(sequence__lte=head.sequence)
    previous_hash, expected, verified = GENESIS_HASH, 1, 0
    for entry in entries.iterator(chunk_size=2000):
        if entry.sequence != expected:
            return _broken(
                verified,
                entry,
                f"entry {entry.pk} (sequence {entry.sequence}) follows sequence {expected - 1}: "
                f"the entries between were deleted",
            )
        if entry.previous_hash != previous_hash:
            return _broken(
                verified,
                entry,
                f"entry {entry.pk} (sequence {entry.sequence}) does not link to the entry "
                f"before it: that entry was replaced, or this link was changed",
            )
        if entry_hash(entry) != entry.entry_hash:
            return _broken(
                verified,
                entry,
                f"entry {entry.pk} (sequence {entry.sequence}) was changed after it was written: "
                f"its hash does not match its contents",
            )
        previous_hash, expected, verified = entry.entry_hash, entry.sequence + 1, verified + 1
    if head is not None and (head.sequence != expected - 1 or head.entry_hash != previous_hash):
        message = (
            f"the log ends at sequence {expected - 1} but its head records sequence "
            f"{head.sequence}: entries at the end were deleted or replaced"
        )
        return ChainVerification(verified, ChainBreak(None, None, message))
    return ChainVerification(verified, None)


def _broken(verified: int, entry: AuditEntry, message: str) -> ChainVerification:
    return ChainVerification(verified, ChainBreak(entry.pk, entry.sequence, message))
