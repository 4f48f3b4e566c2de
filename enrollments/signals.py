"""What apps above this one can listen to, so that this app imports none of them.

Each signal is sent inside the transaction that made the change, after it was made: a
receiver's writes commit or roll back with it. Receivers must be idempotent (a signal may
be sent again for the same state, e.g. when an enrolment is re-activated twice).

- `enrollment_completed(enrollment, language)`: the course was completed just now.
- `enrollment_access_revoked(enrollment, reason)`: access withdrawn (refund, dispute, staff).
- `enrollment_access_restored(enrollment, reason)`: access given back.
"""

from django.dispatch import Signal

enrollment_completed = Signal()
enrollment_access_revoked = Signal()
enrollment_access_restored = Signal()
