"""Authentication backends that read the signed-in user from the cache (``user_cache``).

They authenticate exactly as Django's and allauth's backends do; only ``get_user``, called on
every request of a signed-in reader, differs.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from .user_cache import user_cached


def _active(backend: DjangoModelBackend, user_id):
    user = user_cached(user_id)
    return user if user is not None and backend.user_can_authenticate(user) else None


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id):
        return _active(self, user_id)


class AccountBackend(AllauthBackend):
    def get_user(self, user_id):
        return _active(self, user_id)
