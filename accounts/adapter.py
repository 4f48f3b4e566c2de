"""How allauth names a learner on screen and in mail."""

from __future__ import annotations


def user_display(user) -> str:
    """The learner's name when they gave one, else their e-mail address: they log in with it,
    and the username allauth derives from it ("nieuw.lid") means nothing to them."""
    return user.get_full_name() or user.email or user.get_username()
