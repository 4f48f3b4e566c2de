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
from contextlib import ExitStack, contextmanager
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
        except BaseException:
            marks.close(failed=True)
            raise
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
    """A finished result, for the statements run on the sender's own connection."""

    def __init__(self, value) -> None:
        self.value = value

    def result(self):
        return self.value


class _Pending:
    """A statement sent in pipeline mode whose result, and commit, are still to come."""

    def __init__(self, statements: _Statements, take: DeliveryRow | None) -> None:
        self.statements = statements
        self.take = take

    def result(self) -> bool:
        with db_connection.wrap_database_errors:
            # Sync: the server commits the statement and answers; only then may the mail go.
            self.statements.pipeline.sync()
            returned = {pk for (pk,) in self.statements.cursor.fetchall()}
        return self.take is not None and self.take.pk in returned


class _Statements:
    """Runs the per-mail statement ("mark one, take the next").

    On PostgreSQL outside a transaction it goes over a connection of its own in pipeline
    mode: `submit` sends the statement before the next mail is built and `result` collects
    its answer and commit after, so the server's work overlaps with building the mail in the
    same thread (a marker thread did this before, but paid more in handing work between the
    threads than it hid). The sender still waits for `result` before that mail goes out, so
    the duplicate bound is unchanged. Elsewhere (SQLite, a test's transaction) the statement
    runs on the sender's connection and `submit` waits for it."""

    def __init__(self, sql: _RowSql) -> None:
        self.sql = sql
        self.own = None
        if db_connection.vendor == "postgresql" and not db_connection.in_atomic_block:
            # Only on PostgreSQL: the SQLite demo need not have psycopg. Pipeline mode needs
            # libpq 14 or later (the binary wheels bring their own).
            from psycopg import Cursor, Pipeline

            if not Pipeline.is_supported():
                return

            # A copy of the sender's connection: same settings, same adapters; a query the
            # channel runs while a mail is built must not land in this pipeline.
            self.own = db_connection.copy()
            self.own.ensure_connection()
            raw = self.own.connection
            with self.own.cursor() as cursor:  # commits that do not wait for disk
                cursor.execute("SET synchronous_commit TO off")
            # Server-side binding, so psycopg can prepare it (see _RowSql).
            self.cursor = Cursor(raw)
            self.exit = ExitStack()
            self.pipeline = self.exit.enter_context(raw.pipeline())

    def submit(self, *, done, take, token, lease=None):
        if self.own is None:
            return _Done(self.sql.mark_and_take(done=done, take=take, token=token, lease=lease))
        if done is None and take is None:
            return _Done(False)
        statement = self.sql.statement(done=done, take=take, token=token, lease=lease)
        with db_connection.wrap_database_errors:
            self.cursor.execute(*statement)
        return _Pending(self, take)

    def close(self, *, failed: bool = False) -> None:
        """Leave pipeline mode (committing a statement still in it: a mark is true whenever
        it was sent) and close the connection. After a failure, an error here is only logged,
        so that it does not hide the one that stopped the send."""
        if self.own is None:
            return
        try:
            with db_connection.wrap_database_errors:
                self.exit.close()
        except DatabaseError:
            if not failed:
                raise
            logger.warning("leaving the marks' pipeline failed", exc_info=True)
        finally:
            self.own.close()


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
    model's fields, so names are quoted and values converted as the ORM would.

    The SQL of each shape (mark and take, mark only, take only; which columns the outcome
    sets) is built once. On PostgreSQL it runs through a server-side binding cursor on the
    same connection: the text stays the same from mail to mail, so psycopg prepares it after
    a few runs (`prepare_threshold`, on by default; a deployment behind a pooler that cannot
    keep prepared statements sets it to None in OPTIONS) and the server no longer parses and
    plans it per mail; the values are not formatted into the text on the client either.
    """

    def __init__(self, model: type[DeliveryRow]) -> None:
        self.model = model
        meta = model._meta
        self.quote = db_connection.ops.quote_name
        self.table = self.quote(meta.db_table)
        self.pk = self.quote(meta.pk.column)
        self.fields = {f.name: f for f in meta.concrete_fields}
        self._shapes: dict[tuple, str] = {}

    def _column(self, name: str) -> str:
        return self.quote(self.fields[name].column)

    def _value(self, name: str, value) -> Any:
        return self.fields[name].get_db_prep_save(value, db_connection)

    def _sql(self, kind: str, names: tuple[str, ...]) -> str:
        """The statement of one shape; `names`: the columns the outcome sets."""
        key = (kind, names)
        sql = self._shapes.get(key)
        if sql is not None:
            return sql
        pk = self.pk
        taken = (
            f"({pk} = %s AND {self._column('claim_token')} = %s AND {self._column('status')} = %s)"
        )
        if kind == "mark_and_take":
            # Each column: the done row gets its outcome, the taken row keeps its value,
            # except the lease, which the taken row gets for one send. Only the done row
            # moves `updated_at` (the sweeper's sign of progress, set at the same instant):
            # the taken row changes no indexed column, so PostgreSQL can update it in place
            # (a HOT update) instead of adding an entry to each of the table's indexes.
            assignments = []
            for name in (*names, "claimed_until", "claim_token", "updated_at"):
                column = self._column(name)
                otherwise = "%s" if name == "claimed_until" else column
                assignments.append(f"{column} = CASE WHEN {pk} = %s THEN %s ELSE {otherwise} END")
            where = f"{pk} = %s OR {taken}"
        elif kind == "mark":
            assignments = [
                f"{self._column(name)} = %s"
                for name in (*names, "claimed_until", "claim_token", "updated_at")
            ]
            where = f"{pk} = %s"
        else:
            assignments = [
                f"{self._column('claimed_until')} = %s",
                f"{self._column('updated_at')} = %s",
            ]
            where = taken
        # Names come from the model and values go as parameters: nothing here is user input.
        sql = (
            f"UPDATE {self.table} SET {', '.join(assignments)} "  # noqa: S608  # nosec B608
            f"WHERE {where} RETURNING {pk}"
        )
        self._shapes[key] = sql
        return sql

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
        returned = _execute(*self.statement(done=done, take=take, token=token, lease=lease))
        return take is not None and take.pk in returned

    def statement(
        self,
        *,
        done: tuple[DeliveryRow, dict[str, Any]] | None,
        take: DeliveryRow | None,
        token: int,
        lease: timedelta | None = None,
    ) -> tuple[str, list[Any]]:
        """The SQL and parameters of `mark_and_take` (one of `done` and `take` given)."""
        now = timezone.now()
        params: list[Any] = []
        if done is not None:
            row, values = done
            names = tuple(values)
            marks = [
                *(self._value(name, value) for name, value in values.items()),
                None,  # claimed_until
                None,  # claim_token
                self._value("updated_at", now),
            ]
        taken = [take.pk, token, Status.PENDING] if take is not None else []
        if done is not None and take is not None:
            kind = "mark_and_take"
            leased = self._value("claimed_until", now + lease)
            columns = (*names, "claimed_until", "claim_token", "updated_at")
            for name, value in zip(columns, marks, strict=True):
                params += [row.pk, value]
                if name == "claimed_until":
                    params.append(leased)
            params += [row.pk, *taken]
        elif done is not None:
            kind = "mark"
            params = [*marks, row.pk]
        else:
            kind, names = "take", ()
            params = [
                self._value("claimed_until", now + lease),
                self._value("updated_at", now),
                *taken,
            ]
        return self._sql(kind, names), params


def _execute(sql: str, params: list[Any]) -> set[Any]:
    """Run one UPDATE ... RETURNING pk on this thread's connection; the returned pks."""
    if db_connection.vendor == "postgresql":
        from psycopg import Cursor  # only on PostgreSQL: the SQLite demo need not have it

        db_connection.ensure_connection()
        # Django's own cursors bind values on the client (the text changes with every
        # mail, nothing can be prepared); a plain psycopg cursor binds on the server.
        with db_connection.wrap_database_errors, Cursor(db_connection.connection) as cursor:
            cursor.execute(sql, params)
            return {pk for (pk,) in cursor.fetchall()}
    with db_connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {pk for (pk,) in cursor.fetchall()}
