"""Reads about readers' accounts."""

from allauth.account.models import EmailAddress

from .models import User


def email_verified(*, user: User) -> bool | None:
    """Whether the reader confirmed their e-mail address; ``None`` when allauth has no record.

    Accounts made outside sign-up (the demo, ``createsuperuser``) have no ``EmailAddress`` row
    until the reader manages their addresses; they can sign in all the same.
    """
    address = (
        EmailAddress.objects.filter(user=user, email__iexact=user.email).only("verified").first()
    )
    return None if address is None else address.verified
