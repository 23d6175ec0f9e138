from django.contrib.auth.models import AbstractUser
from django.db import models

from .user_cache import user_cache_forget


class TextSize(models.TextChoices):
    """The article text sizes a reader can choose ("Change text size")."""

    SMALL = "small", "Small"
    MEDIUM = "medium", "Medium"
    LARGE = "large", "Large"


class User(AbstractUser):
    """A reader or a member of the newsroom.

    ``display_name`` is what other people see (a gift banner, a byline in the admin); the e-mail
    address is never shown to anyone else.
    """

    # The name other people see. Never the username: allauth makes it from the e-mail address.
    ANONYMOUS_NAME = "A fellow reader"

    display_name = models.CharField(max_length=80, blank=True)
    signup_source = models.CharField(
        max_length=40, blank=True, help_text='What brought the reader to sign up, e.g. "gift:42".'
    )
    # The reader's article text size, kept on the account so it follows them to a new device.
    text_size = models.CharField(max_length=6, choices=TextSize.choices, default=TextSize.MEDIUM)

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        user_cache_forget(self.pk)  # a new password, name or status counts on the next request

    def delete(self, *args, **kwargs):
        user_id = self.pk
        result = super().delete(*args, **kwargs)
        user_cache_forget(user_id)
        return result

    def public_name(self) -> str:
        return self.display_name or self.get_full_name() or self.ANONYMOUS_NAME
