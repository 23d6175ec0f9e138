"""django-axes for the back office only.

Readers sign in at /accounts/login/ under allauth's rate limits; the newsroom signs in to the
Wagtail back office at /admin/login/, where axes counts failures and locks out. Axes's own
``AXES_ONLY_ADMIN_SITE`` only stops it from *refusing* requests elsewhere: it still records every
failed sign-in on the site and answers the one that reaches the limit with its lockout page, and
it logs every successful one. So this handler also ignores sign-ins outside the back office.
"""

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


class BackOfficeAxesHandler(AxesDatabaseHandler):
    """Axes for the Wagtail back office: its "admin site" is /admin/, not Django's admin."""

    def get_admin_url(self) -> str | None:
        try:
            return reverse("wagtailadmin_home")
        except NoReverseMatch:
            return None

    def user_login_failed(
        self, sender: Any, credentials: dict, request: HttpRequest | None = None, **kwargs: Any
    ) -> None:
        if request is not None and not self.is_admin_request(request):
            return None  # a reader: allauth's rate limits count these
        return super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
        if not self.is_admin_request(request):
            return None  # no access log row for every reader's sign-in
        return super().user_logged_in(sender, request, user, **kwargs)
