"""Every write about accounts themselves (enrolments, orders and the rest belong to their
apps; deleting an account decides what happens to them)."""

from __future__ import annotations

import logging

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from enrollments.models import Enrollment
from payments.models import Order

logger = logging.getLogger(__name__)


def account_delete(*, user) -> None:
    """Delete a learner's account and their learning data.

    Enrolments, progress and quiz attempts go with the account, and so do its e-mail
    addresses. Orders are bookkeeping records that must be kept (the foreign key protects
    them): a learner who bought something has their account emptied of personal data and
    switched off instead, so the order no longer points at a person.
    """
    with transaction.atomic():
        Enrollment.objects.filter(user=user).delete()  # cascades to progress and attempts
        EmailAddress.objects.filter(user=user).delete()
        if Order.objects.filter(user=user).exists():
            user.username = f"deleted-{user.pk}"
            user.email = ""
            user.first_name = ""
            user.last_name = ""
            user.is_active = False
            user.is_staff = False
            user.is_superuser = False
            user.set_unusable_password()
            user.save()
            user.groups.clear()
            user.user_permissions.clear()
            logger.info("account %s emptied (kept for its orders)", user.pk)
        else:
            user_id = user.pk
            get_user_model().objects.filter(pk=user_id).delete()
            logger.info("account %s deleted", user_id)
