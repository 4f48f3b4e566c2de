# Each feature keeps its admin screens in its own module; importing them registers their hooks.
from . import admin_guards, admin_learners, admin_orders, admin_quizzes  # noqa: F401
