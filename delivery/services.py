"""The delivery engine: one message to many people, each person's mail sent exactly once
through crashes, at most one of them twice per crash. Used by the waitlist's launch
announcement, instructors' messages and reminders (each a `channels.Channel`).

The rows
--------
Each app keeps one `DeliveryRow` per (message, person), under a unique constraint, so
dispatching twice adds nothing. The engine walks the pending rows of one message over ONE
SMTP connection, a batch at a time:

    claim a batch   one short transaction locks pending, unleased rows
                    (SELECT ... FOR UPDATE SKIP LOCKED) and gives them a short lease
                    (DELIVERY_LEASE_SECONDS) under this sender's claim token
    for each row:   take it   one UPDATE, only if the row still carries this sender's token,
                              lengthens its lease to cover one whole send
                              (5 x EMAIL_TIMEOUT + 5 s, see core.checks)
                    send it
                    mark it   one UPDATE, committed at once: sent (or failed, skipped)

The mark of one row and the take of the next are one statement, so a mail costs one
round trip to the database.

Why nobody sends a row twice while everyone lives: a row is sent only after its take, and
the take succeeds only for the claim that holds the row. Another sender can hold it only
after claiming it, which needs the lease to have run out; and the lease from a take outlasts
the longest a send can take. So a slow sender (a mail server that answers late) never shares
a row with a fast one: at worst the fast one claims the slow one's untaken rows, and the slow
one's takes of them fail.

Why a killed worker stalls nothing for long: its untaken rows carry only the short batch
lease, and its message stops making progress. The beat sweeper (`deliveries_requeue_stalled`,
every DELIVERY_SWEEP_SECONDS) re-queues every message with pending, unleased rows whose rows
have not moved for DELIVERY_STALLED_AFTER_SECONDS. With the defaults (40 s lease, 30 s, a 20 s
tick) sending resumes within about a minute of the crash. Only the one row that was being sent
keeps its longer lease (2.5 min with the default EMAIL_TIMEOUT) before it is sent again.

The one gap no database can close: a crash after the SMTP server accepted a message and
before that row's mark. The row is still pending and is sent again on resume. Because each
row is marked right after its own send, this is AT MOST ONE duplicate mail per crash.

On PostgreSQL the sender's marks are committed with `synchronous_commit = off`: the commit
does not wait for the WAL to reach the disk, which loses nothing when the worker crashes
(PostgreSQL has the commit); only a crash of the database server itself within
`wal_writer_delay` (a fraction of a second) may forget the last marks, and those mails are
sent again. On SQLite (the demo) the same holds with `synchronous=NORMAL` in WAL mode.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import get_connection
from django.db import DatabaseError, transaction
from django.db import connection as db_connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from core.checks import send_margin_seconds

from . import channels as channel_registry
from .channels import Channel
from .models import DeliveryRow, Suppression, normalise_email

logger = logging.getLogger(__name__)

Status = DeliveryRow.Status


class TemporaryDeliveryError(Exception):
    """The SMTP server said "try again later" (4xx) or the connection dropped."""


# --- Queueing and progress ---------------------------------------------------------------------


def deliveries_queue(*, channel: str, group_id: int) -> None:
    """Queue the send of one message once the surrounding transaction has committed (a worker
    that started earlier would not see the rows yet)."""
    from .tasks import send_deliveries

    transaction.on_commit(lambda: send_deliveries.delay(channel, group_id))


def with_progress(queryset: QuerySet, relation: str) -> QuerySet:
    """Annotate sent_count, pending_count and failed_count of each message in `queryset`
    (`relation`: the reverse name of its delivery rows). One query for a listing."""
    return queryset.annotate(
        sent_count=Count(relation, filter=Q(**{f"{relation}__status": Status.SENT})),
        pending_count=Count(relation, filter=Q(**{f"{relation}__status": Status.PENDING})),
        failed_count=Count(relation, filter=Q(**{f"{relation}__status": Status.FAILED})),
    )


# --- The sweeper ---------------------------------------------------------------------------------


def _unleased(now: datetime) -> Q:
    return Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)


def deliveries_requeue_stalled(
    *, channels: list[Channel] | None = None, stalled_after: timedelta | None = None
) -> list[tuple[str, int]]:
    """Beat sweeper: re-queue every message that has pending rows nobody holds and whose
    rows have not moved for `stalled_after` (a killed worker's, or one whose queued task was
    lost with the broker). Queuing a send that is in fact still running costs nothing: its
    rows are held, and the second sender takes only what nobody holds."""
    if stalled_after is None:
        stalled_after = timedelta(seconds=settings.DELIVERY_STALLED_AFTER_SECONDS)
    now = timezone.now()
    queued = []
    from .tasks import send_deliveries

    for channel in channels or channel_registry.all_channels():
        rows = channel.model.objects
        group = channel.group_attname
        waiting = (
            rows.filter(_unleased(now), status=Status.PENDING)
            .values_list(group, flat=True)
            .distinct()
        )
        for group_id in list(waiting):
            moving = rows.filter(**{group: group_id}, updated_at__gte=now - stalled_after)
            if moving.exists():
                continue
            send_deliveries.delay(channel.name, group_id)
            queued.append((channel.name, group_id))
    if queued:
        logger.info("re-queued stalled sends: %s", queued)
    return queued


# --- Sending -------------------------------------------------------------------------------------


def _is_temporary(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in error.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError)


@contextmanager
def _fast_commits():
    """Commit marks without waiting for the disk, on this connection only (see the module
    docstring for why that loses nothing when the worker crashes)."""
    vendor = db_connection.vendor
    if db_connection.in_atomic_block:  # a test's transaction: leave the settings alone
        yield
        return
    with db_connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SET synchronous_commit TO off")
        elif vendor == "sqlite":
            cursor.execute("PRAGMA synchronous=NORMAL")
    try:
        yield
    finally:
        if vendor == "postgresql":
            try:
                with db_connection.cursor() as cursor:
                    cursor.execute("RESET synchronous_commit")
            except DatabaseError:  # the connection is gone: nothing to reset
                pass


class _Sender:
    """One run of the engine over one message's pending rows."""

    def __init__(self, channel: Channel, group, batch_size: int) -> None:
        self.channel = channel
        self.group = group
        self.group_id = group.pk
        self.batch_size = batch_size
        self.model = channel.model
        self.token = secrets.randbits(62)
        self.counts = {"sent": 0, "failed": 0, "skipped": 0, "temporary": 0}
        self.deferred: set[int] = set()
        self.max_attempts = settings.DELIVERY_MAX_ATTEMPTS
        # The lease a take gives: a send is at most five socket waits of EMAIL_TIMEOUT.
        self.send_lease = timedelta(seconds=send_margin_seconds())
        self.batch_lease = timedelta(seconds=settings.DELIVERY_LEASE_SECONDS)
        self._sql = _RowSql(self.model)

    # The batch: claimed under this sender's token with a short lease.
    def claim(self) -> list[DeliveryRow]:
        now = timezone.now()
        with transaction.atomic():
            rows = list(
                self.model.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related(*self.channel.select_related)
                .filter(_unleased(now), **{self.channel.group_attname: self.group_id})
                .filter(status=Status.PENDING)
                .exclude(pk__in=self.deferred)
                .order_by("pk")[: self.batch_size]
            )
            if rows:
                self.model.objects.filter(pk__in=[row.pk for row in rows]).update(
                    claimed_until=now + self.batch_lease, claim_token=self.token, updated_at=now
                )
        return rows

    def release(self) -> None:
        """Hand the rows this sender still holds back at once instead of at lease end."""
        self.model.objects.filter(claim_token=self.token, status=Status.PENDING).update(
            claimed_until=None, claim_token=None
        )

    def run(self, connection) -> None:
        marks = _Statements(self._sql)
        try:
            while rows := self.claim():
                self.channel.prepare(self.group, rows)
                suppressed = _suppressed(self.channel, rows)
                done: tuple[DeliveryRow, dict[str, Any]] | None = None
                for row in rows:
                    # The previous row's mark and this row's take go to the database while
                    # this row's mail is built; the mail goes out only once both committed.
                    taking = marks.submit(
                        done=done, take=row, token=self.token, lease=self.send_lease
                    )
                    done = None
                    if row.pk in suppressed:
                        message, outcome = None, ("skipped", {"status": Status.SKIPPED})
                    else:
                        message, outcome = self.build(row)
                    if not taking.result():
                        continue  # another sender claimed it after this batch's lease ran out
                    if outcome is None:
                        outcome = self.deliver(connection, row, message, marks)
                    name, values = outcome
                    done = (row, values)
                    self.counts[name] += 1
                    if name == "temporary":
                        self.deferred.add(row.pk)
                if done is not None:
                    marks.submit(done=done, take=None, token=self.token).result()
        finally:
            marks.close()

    def build(self, row: DeliveryRow):
        """This row's mail, or (None, outcome) when it is not to be sent."""
        try:
            message = self.channel.message(self.group, row)
        except DatabaseError:
            raise  # the database, not this person: the task fails and is retried as a whole
        except Exception as error:
            # This person's mail cannot be built (BadHeaderError for a line break in the
            # name, ...). Trying again fails the same way, and rows are claimed in id order,
            # so raising would stop everyone after them, on every retry. Fail this row and go
            # on; the log keeps the traceback.
            return None, self._failed(row, error)
        if message is None:  # no longer eligible (unsubscribed, opted out, ...)
            return None, ("skipped", {"status": Status.SKIPPED})
        return message, None

    def _failed(self, row: DeliveryRow, error: Exception) -> tuple[str, dict[str, Any]]:
        logger.exception("%s %s: row %s failed", self.channel.name, self.group_id, row.pk)
        last_error = f"{type(error).__name__}: {error}"[:300]
        values = {"status": Status.FAILED, "attempts": row.attempts + 1, "last_error": last_error}
        return "failed", values

    def deliver(self, connection, row: DeliveryRow, message, marks) -> tuple[str, dict[str, Any]]:
        attempts = row.attempts + 1
        try:
            connection.send_messages([message])
        except (smtplib.SMTPException, OSError) as error:
            last_error = str(error)[:300]
            if _is_temporary(error) and attempts < self.max_attempts:
                values = {"status": Status.PENDING, "attempts": attempts, "last_error": last_error}
                if isinstance(error, smtplib.SMTPRecipientsRefused):
                    return "temporary", values  # this address only: carry on with the others
                # The connection itself is gone: mark this row, give back the rest, and let
                # the task retry later, with backoff.
                marks.submit(done=(row, values), take=None, token=self.token).result()
                self.release()
                raise TemporaryDeliveryError(str(error)) from error
            values = {"status": Status.FAILED, "attempts": attempts, "last_error": last_error}
            return "failed", values
        except DatabaseError:
            raise
        except Exception as error:  # an address the mail library refuses, ...
            return self._failed(row, error)
        # Marked right after its own send (with the next row's take): only a crash before
        # that UPDATE commits duplicates this mail.
        return "sent", {"status": Status.SENT, "attempts": attempts, "sent_at": timezone.now()}


class _Done:
    """A finished result, for the statements run in the sender's own thread."""

    def __init__(self, value) -> None:
        self.value = value

    def result(self):
        return self.value


class _Statements:
    """Runs the per-mail statement ("mark one, take the next"). On PostgreSQL outside a
    transaction it runs in a thread of its own, on a connection of its own, so its round
    trip and commit overlap with building the next mail; the sender still waits for it before
    that mail goes out, so the duplicate bound is unchanged. Elsewhere (SQLite, a test's
    transaction) it runs in the sender's thread."""

    def __init__(self, sql: _RowSql) -> None:
        self.sql = sql
        self.threaded = db_connection.vendor == "postgresql" and not db_connection.in_atomic_block
        self.pool = ThreadPoolExecutor(max_workers=1) if self.threaded else None
        self.prepared = False

    def submit(self, **kwargs):
        if self.pool is None:
            return _Done(self.sql.mark_and_take(**kwargs))
        return self.pool.submit(self._run, kwargs)

    def _run(self, kwargs) -> bool:
        if not self.prepared:  # this thread's connection: commits that do not wait for disk
            with db_connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit TO off")
            self.prepared = True
        return self.sql.mark_and_take(**kwargs)

    def close(self) -> None:
        if self.pool is not None:
            # Looked up inside the thread: its own connection, not the sender's.
            self.pool.submit(lambda: db_connection.close()).result()
            self.pool.shutdown(wait=True)


def _suppressed(channel: Channel, rows: list[DeliveryRow]) -> set[int]:
    """Rows of the batch whose address bounced or complained: one query per batch."""
    addresses = {row.pk: normalise_email(channel.recipient(row)) for row in rows}
    blocked = set(
        Suppression.objects.filter(email__in=set(addresses.values())).values_list(
            "email", flat=True
        )
    )
    return {pk for pk, address in addresses.items() if address in blocked}


def deliveries_send(
    *, channel: str | Channel, group_id: int, batch_size: int | None = None
) -> dict[str, int]:
    """Send every pending row of one message over one SMTP connection (see the module
    docstring for the guarantees). Returns counts of sent, failed, skipped and temporarily
    refused rows.

    A temporary SMTP error leaves the row pending with one more attempt counted (a refused
    recipient: the send carries on; a dropped connection: it stops) and raises
    TemporaryDeliveryError, so the task retries the pending rows later with backoff; a
    permanent one, or too many attempts, marks the row failed and the send carries on. So
    does any other error with one person's mail (say, a name that cannot go into a header).
    """
    if isinstance(channel, str):
        channel = channel_registry.get(channel)
    group = channel.group(group_id)
    if group is None:
        return {"sent": 0, "failed": 0, "skipped": 0, "temporary": 0}
    sender = _Sender(channel, group, batch_size or settings.DELIVERY_BATCH_SIZE)
    connection = get_connection(fail_silently=False)
    with _fast_commits():
        try:
            connection.open()
            sender.run(connection)
        finally:
            connection.close()
    logger.info("%s %s: %s", channel.name, group_id, sender.counts)
    if sender.counts["temporary"]:
        raise TemporaryDeliveryError(
            f"{sender.counts['temporary']} recipients deferred; retry later"
        )
    return sender.counts


# --- The one statement per mail ------------------------------------------------------------------


class _RowSql:
    """The per-mail UPDATE, written as SQL because it runs once per mail: building the ORM's
    UPDATE cost several times what running it did. Columns and values still go through the
    model's fields, so names are quoted and values converted as the ORM would."""

    def __init__(self, model: type[DeliveryRow]) -> None:
        self.model = model
        meta = model._meta
        self.quote = db_connection.ops.quote_name
        self.table = self.quote(meta.db_table)
        self.pk = self.quote(meta.pk.column)
        self.fields = {f.name: f for f in meta.concrete_fields}

    def _column(self, name: str) -> str:
        return self.quote(self.fields[name].column)

    def _value(self, name: str, value) -> Any:
        return self.fields[name].get_db_prep_save(value, db_connection)

    def mark_and_take(
        self,
        *,
        done: tuple[DeliveryRow, dict[str, Any]] | None,
        take: DeliveryRow | None,
        token: int,
        lease: timedelta | None = None,
    ) -> bool:
        """Mark `done` with its outcome (lease given back) and take `take` for one send (its
        lease lengthened, only while it still carries `token`), in one statement committed at
        once. Returns whether `take` was taken."""
        if done is None and take is None:
            return False
        now = timezone.now()
        params: list[Any] = []
        assignments: list[str] = []
        where: list[str] = []
        if done is not None and take is not None:
            row, values = done
            values = {**values, "claimed_until": None, "claim_token": None}
            for name, value in values.items():
                column = self._column(name)
                if name == "claimed_until":  # the taken row's lease covers one send
                    otherwise = "%s"
                    extra = [self._value(name, now + lease)]
                else:
                    otherwise, extra = column, []
                assignments.append(
                    f"{column} = CASE WHEN {self.pk} = %s THEN %s ELSE {otherwise} END"
                )
                params += [row.pk, self._value(name, value), *extra]
            assignments.append(f"{self._column('updated_at')} = %s")
            params.append(self._value("updated_at", now))
            where.append(f"{self.pk} = %s")
            params.append(row.pk)
            where.append(
                f"({self.pk} = %s AND {self._column('claim_token')} = %s "
                f"AND {self._column('status')} = %s)"
            )
            params += [take.pk, token, Status.PENDING]
        elif done is not None:
            row, values = done
            values = {**values, "claimed_until": None, "claim_token": None, "updated_at": now}
            for name, value in values.items():
                assignments.append(f"{self._column(name)} = %s")
                params.append(self._value(name, value))
            where.append(f"{self.pk} = %s")
            params.append(row.pk)
        else:
            assignments.append(f"{self._column('claimed_until')} = %s")
            params.append(self._value("claimed_until", now + lease))
            assignments.append(f"{self._column('updated_at')} = %s")
            params.append(self._value("updated_at", now))
            where.append(
                f"({self.pk} = %s AND {self._column('claim_token')} = %s "
                f"AND {self._column('status')} = %s)"
            )
            params += [take.pk, token, Status.PENDING]
        # Names come from the model and values go as parameters: nothing here is user input.
        sql = (
            f"UPDATE {self.table} SET {', '.join(assignments)} "  # noqa: S608  # nosec B608
            f"WHERE {' OR '.join(where)} RETURNING {self.pk}"
        )
        with db_connection.cursor() as cursor:
            cursor.execute(sql, params)
            returned = {pk for (pk,) in cursor.fetchall()}
        return take is not None and take.pk in returned
