from axes.handlers.database import AxesDatabaseHandler
from django.urls import NoReverseMatch, reverse


class BackOfficeAxesHandler(AxesDatabaseHandler):
    """Axes for the Wagtail back office: its "admin site" is /admin/, not Django's admin."""

    def get_admin_url(self) -> str | None:
        try:
            return reverse("wagtailadmin_home")
        except NoReverseMatch:
            return None
