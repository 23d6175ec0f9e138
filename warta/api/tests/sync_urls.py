"""A URL configuration for the sync's tests until ``v1.py`` mounts its router: the site's own,
with ``/api/v1/sync`` served by an API made like ``v1.api`` (its answers and its problems)."""

from django.urls import path

from config.urls import urlpatterns as site_patterns
from warta.api.sync_endpoints import sync_router
from warta.api.v1 import ContentApi, api

sync_api = ContentApi(title="sync under test", version="1", urls_namespace="sync-test")
sync_api.add_router("/", sync_router())
for raised, handler in api._exception_handlers.items():
    sync_api.add_exception_handler(raised, handler)

urlpatterns = [path("api/v1/", sync_api.urls), *site_patterns]
