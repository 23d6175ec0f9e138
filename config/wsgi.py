"""The WSGI application: Django behind warta's own page cache (warta/web/page_cache.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_wsgi_application()

from warta.web.page_cache import PageCache  # noqa: E402 - needs the settings configured above

application = PageCache(django_application)
