"""Topics: kinds of mail a person may refuse (course news, reminders, ...).

Apps register theirs (`register`) when they load; the mail-settings page shows one switch
per topic, and the one-click unsubscribe link in a mail switches off every topic at once.
Transactional mail (receipts, account mail) has no topic and no unsubscribe link.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    key: str
    label: str
    help_text: str = ""
    order: int = 100


_topics: dict[str, Topic] = {}


def register(topic: Topic) -> Topic:
    _topics[topic.key] = topic
    return topic


def all_topics() -> list[Topic]:
    return sorted(_topics.values(), key=lambda t: (t.order, t.key))


def get(key: str) -> Topic | None:
    return _topics.get(key)
