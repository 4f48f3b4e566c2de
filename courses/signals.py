"""Bridges from Wagtail's page events to the outline cache."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .outline import invalidate_outlines


def _invalidate_now_and_after_commit() -> None:
    """Invalidate now, so this request never reads its own stale caches, and again once the
    write commits: a request that ran in between read the old rows and may have cached them
    under the new generation (a deleted lesson would then be served until the cache expired)."""
    invalidate_outlines()
    transaction.on_commit(invalidate_outlines)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_tree_changed(sender, **kwargs) -> None:
    _invalidate_now_and_after_commit()


@receiver(post_save)
@receiver(post_delete)
def page_saved_or_deleted(sender, instance, **kwargs) -> None:
    """Cached routes hold the page objects themselves (routing.py), so any write to a page
    row, not only a publish, makes them stale. Saving a draft also lands here: harmless,
    drafts are rare next to page views."""
    from wagtail.models import Page

    if isinstance(instance, Page):
        _invalidate_now_and_after_commit()


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def routing_changed(sender, **kwargs) -> None:
    """Cached routes remember the site and whether a page is restricted (routing.py)."""
    _invalidate_now_and_after_commit()
