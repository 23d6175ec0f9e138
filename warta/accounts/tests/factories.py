"""Factories for readers and newsroom staff."""

import factory
from allauth.account.models import EmailAddress

from warta.accounts.models import User

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A reader as the demo makes one: no allauth ``EmailAddress`` row."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"reader{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    display_name = ""
    password = factory.django.Password(PASSWORD)


class VerifiedUserFactory(UserFactory):
    """A reader who signed up and confirmed the address, as allauth records it."""

    @factory.post_generation
    def verified_email(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)
