"""ORM reads compiled to SQL once per process, for the few lookups every page makes.

Building a queryset and compiling it to SQL costs Django 100 to 300 µs; the database answers a
one-row lookup by primary or indexed key in about 10 µs. For a read that runs on nearly every
request with the same shape (the learner's enrolment and finished steps on each lesson page),
`CompiledRead` compiles the queryset once per database connection alias, with placeholder
values, and afterwards runs the SQL with the real ones. Rows still go through Django's
converters for the selected fields (dates on SQLite, for instance), the query goes through
Django's cursor (so it is counted, logged and wrapped like any other), and a queryset whose
placeholders do not appear exactly once among the SQL parameters is refused at compile time
instead of being run with the wrong values. A placeholder is a number no real row uses; a text
column's lookup receives it as a string (an e-mail address, say), which names its slot too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connections
from django.db.models import QuerySet

# Values no real lookup uses, so each can be told apart among the compiled parameters. Within
# a 32-bit integer's range: Django turns a lookup on an integer column (contrib's User.id,
# for one) with a value outside the column's range into "no rows" before writing any SQL.
_PLACEHOLDER_BASE = -2_100_000_000


class CompiledRead:
    def __init__(self, build: Callable[..., QuerySet], *names: str, using: str = "default"):
        """`build(**values)` returns the queryset for the given values of `names`."""
        self.build = build
        self.names = names
        self.using = using
        self._compiled: dict[str, tuple[Any, str, list]] = {}

    def _compile(self, alias: str) -> tuple[Any, str, list]:
        placeholders = {name: _PLACEHOLDER_BASE - i for i, name in enumerate(self.names)}
        queryset = self.build(**placeholders)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        slots: list = []
        # A text column's lookup turns the number into a string: both forms name the slot.
        by_value = {value: name for name, value in placeholders.items()}
        by_value.update({str(value): name for name, value in placeholders.items()})
        for param in params:
            slots.append(("name", by_value[param]) if param in by_value else ("value", param))
        used = sorted(name for kind, name in slots if kind == "name")
        if used != sorted(self.names):
            raise ValueError(f"each of {self.names} must be a plain parameter once, got {used}")
        compiled = (compiler, sql, slots)
        self._compiled[alias] = compiled
        return compiled

    def rows(self, **values: Any) -> list[tuple]:
        """The rows for `values`, converted as the queryset's own rows would be."""
        compiler, sql, slots = self._compiled.get(self.using) or self._compile(self.using)
        params = [values[item] if kind == "name" else item for kind, item in slots]
        with connections[self.using].cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        if not fetched:
            return []
        return [tuple(row) for row in compiler.results_iter(results=[fetched])]
