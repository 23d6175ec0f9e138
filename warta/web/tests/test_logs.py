"""warta's logs: one access line per request, written outside the page cache; JSON on request;
no warning for what is not wrong (a missing image, an autosave of a form not yet valid), and
errors still errors, with their traceback."""

import io
import json
import logging
from datetime import timedelta

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.utils import timezone

from warta.newsroom.tests.factories import ArticleFactory, SectionFactory
from warta.newsroom.tests.test_admin_workflow import _form, _url
from warta.web.access_log import AccessLog
from warta.web.logs import ClientErrorsAreInfo, JsonFormatter, TextFormatter
from warta.web.page_cache import PageCache
from warta.web.tests.page_cache_client import PageCacheClient

pytestmark = pytest.mark.django_db


class ServerClient(PageCacheClient):
    """Requests through the application as config/wsgi.py builds it."""

    application = AccessLog(PageCache(WSGIHandler()))


def _access(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "warta.access"]


def _warnings_from_django(caplog) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name.startswith("django.request") and r.levelno >= logging.WARNING
    ]


@pytest.fixture
def access_log(settings, caplog):
    settings.WARTA_ACCESS_LOG = True
    caplog.set_level(logging.INFO, logger="warta.access")
    return caplog


def test_each_request_is_one_line_also_when_the_page_cache_answers(settings, access_log):
    settings.WARTA_PAGE_CACHE_SECONDS = 60
    article = ArticleFactory(first_published_at=timezone.now() - timedelta(hours=1))
    client = ServerClient()

    client.get(article.get_absolute_url())
    client.get(article.get_absolute_url(), HTTP_USER_AGENT="reader/1.0")

    first, second = _access(access_log)
    assert (first.path, first.status, first.cache) == (article.get_absolute_url(), 200, "miss")
    assert (second.status, second.cache, second.user_agent) == (200, "hit", "reader/1.0")
    assert second.bytes > 1000
    assert second.duration_ms >= 0
    assert second.method == "GET"
    assert f'"GET {article.get_absolute_url()}" 200' in second.getMessage()


def test_a_gift_links_token_is_not_written_down(access_log):
    ServerClient().get("/world/2020/01/01/x.html?gift=secret-token-123&utm_source=mail")

    (line,) = _access(access_log)
    assert "secret-token-123" not in line.getMessage()
    assert line.query == "gift=-&utm_source=mail"


def test_the_access_log_is_off_unless_asked(settings, caplog):
    settings.WARTA_ACCESS_LOG = False
    caplog.set_level(logging.INFO, logger="warta.access")

    ServerClient().get("/")

    assert _access(caplog) == []


def test_a_missing_image_is_no_warning(client, caplog):
    caplog.set_level(logging.INFO)

    response = client.get("/media/images/no-such-picture.fill-480x270.jpg")

    assert response.status_code == 404
    assert _warnings_from_django(caplog) == []


def test_an_autosave_of_a_form_not_yet_valid_is_no_warning(admin_client, caplog):
    section = SectionFactory(name="Business", slug="business")
    article = ArticleFactory(section=section)
    caplog.set_level(logging.INFO)

    # What Wagtail's autosave posts while the headline is still too long to save.
    response = admin_client.post(
        _url("edit", article.pk), _form(section, headline="x" * 400), HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 400
    assert response.json()["error_code"] == "validation_error"
    assert _warnings_from_django(caplog) == []


def _record(level: int, status: int | None, exc_info=None) -> logging.LogRecord:
    record = logging.LogRecord(
        "django.request", level, __file__, 1, "%s: %s", ("Answer", "/x"), exc_info
    )
    if status is not None:
        record.status_code = status
    return record


def test_client_errors_are_info_and_kept_only_when_the_log_is_that_detailed():
    logger = logging.getLogger("django.request")
    before = logger.level
    try:
        logger.setLevel(logging.WARNING)
        quiet = _record(logging.WARNING, 404)
        assert ClientErrorsAreInfo().filter(quiet) is False
        logger.setLevel(logging.INFO)
        detailed = _record(logging.WARNING, 400)
        assert ClientErrorsAreInfo().filter(detailed) is True
        assert detailed.levelname == "INFO"
        logger.setLevel(logging.WARNING)
        server_error = _record(logging.ERROR, 500)
        assert ClientErrorsAreInfo().filter(server_error) is True
        assert server_error.levelname == "ERROR"
    finally:
        logger.setLevel(before)


def test_an_error_in_json_is_one_line_with_its_traceback():
    try:
        raise RuntimeError("the database went away")
    except RuntimeError:
        import sys

        record = _record(logging.ERROR, 500, sys.exc_info())
    record.request = object()  # Django's request logger adds the request: not for the line

    line = JsonFormatter().format(record)

    assert "\n" not in line
    data = json.loads(line)
    assert (data["level"], data["logger"], data["status_code"]) == ("ERROR", "django.request", 500)
    assert data["message"] == "Answer: /x"
    assert "RuntimeError: the database went away" in data["exception"]
    assert "request" not in data
    assert data["time"].endswith("+00:00")


def test_the_json_format_is_what_the_settings_give_the_console(settings):
    from django.utils.log import configure_logging

    stream = io.StringIO()
    logging_settings = {**settings.LOGGING}
    logging_settings["handlers"] = {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": stream,
        }
    }
    configure_logging(settings.LOGGING_CONFIG, logging_settings)
    try:
        logging.getLogger("warta.access").info("hello", extra={"status": 200})
    finally:
        configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)

    data = json.loads(stream.getvalue())
    assert (data["logger"], data["message"], data["status"]) == ("warta.access", "hello", 200)
    assert isinstance(TextFormatter().format(logging.makeLogRecord({"msg": "x"})), str)
