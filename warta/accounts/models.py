from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A reader or a member of the newsroom.

    ``display_name`` is what other people see (a gift banner, a byline in the admin); the e-mail
    address is never shown to anyone else.
    """

    display_name = models.CharField(max_length=80, blank=True)

    def public_name(self) -> str:
        return self.display_name or self.get_full_name() or self.username
