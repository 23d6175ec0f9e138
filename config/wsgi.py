"""The WSGI application: Django behind warta's own page cache (warta/web/page_cache.py) and the
API's cache of shared answers (warta/api/answer_cache.py), with one access log line per request
written outside them all (warta/web/access_log.py)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_wsgi_application()

from warta.api.answer_cache import ApiAnswerCache  # noqa: E402 - needs the settings above
from warta.web.access_log import AccessLog  # noqa: E402
from warta.web.page_cache import PageCache  # noqa: E402

# The page cache passes /api/ by; the API's own cache keeps its shared answers.
application = AccessLog(PageCache(ApiAnswerCache(django_application)))

# What is loaded by now (Django, Wagtail, warta, their modules and settings) lives as long as the
# process: the collector's full passes need not walk it. In a warm worker a full pass took about
# 110 ms with it, 2 ms without, and stalled every request queued on the worker (the subscriber's
# p99, docs/performance.md). Objects made later are collected as before.
gc.freeze()
