"""A test client whose requests go through the WSGI application as servers run it: warta's page
cache (warta/web/page_cache.py) in front of Django. Django's own test client calls Django's
handler directly and would never see the cache."""

from django.core.handlers.wsgi import WSGIHandler

from warta.testing.wsgi_client import WsgiClient
from warta.web.page_cache import PageCache


class PageCacheClient(WsgiClient):
    application = PageCache(WSGIHandler())
