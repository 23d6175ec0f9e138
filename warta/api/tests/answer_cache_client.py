"""A test client whose requests go through the API's cache of shared answers
(warta/api/answer_cache.py) in front of Django, as the servers run it."""

from django.core.handlers.wsgi import WSGIHandler

from warta.api.answer_cache import ApiAnswerCache
from warta.testing.wsgi_client import WsgiClient


class AnswerCacheClient(WsgiClient):
    application = ApiAnswerCache(WSGIHandler())
