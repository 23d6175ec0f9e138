"""warta's settings with one URL configuration of its own (bench/plain_django/urls.py) and the
folder of the saved page (BENCH_PLAIN_TEMPLATES)."""

import os

from config.settings import *  # noqa: F403 - the same settings, the same middleware
from config.settings import TEMPLATES

ROOT_URLCONF = "bench.plain_django.urls"
TEMPLATES = [{**TEMPLATES[0], "DIRS": [os.environ["BENCH_PLAIN_TEMPLATES"]]}, *TEMPLATES[1:]]
