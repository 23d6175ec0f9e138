from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from warta.newsroom.selectors import section_list


def publication(request: HttpRequest) -> dict:
    """The masthead: name, logo and sections (queried only if a template shows them)."""
    return {
        "site_name": settings.WARTA_SITE_NAME,
        "site_tagline": settings.WARTA_SITE_TAGLINE,
        "site_logo_url": settings.WARTA_LOGO_URL,
        "nav_sections": SimpleLazyObject(section_list),
    }
