"""Bridges from allauth: signing up from an invitation link."""

from allauth.account.signals import user_signed_up
from django.dispatch import receiver

from . import services

#: The invitation a visitor came in through, kept in their session until they have an account.
SESSION_KEY = "accounts:invitation"


@receiver(user_signed_up)
def accept_invitation_on_sign_up(sender, request, user, **kwargs) -> None:
    """Signed up with the invited address from the invitation's own link: the address is
    verified by that (no second mail to click) and the learner is enrolled at once."""
    token = request.session.get(SESSION_KEY) if request is not None else None
    if not token:
        return
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationInvalid:
        return
    if services.invitation_verifies_address(invitation=invitation, user=user):
        services.invitation_accept(invitation=invitation, user=user)
        request.session.pop(SESSION_KEY, None)
