"""warta's logs: one access line per request, written outside the page cache, with every field
and a gift link's token blanked, made in batches yet in order and on time; JSON on request; no
warning for what is not wrong (a missing image, an autosave of a form not yet valid), and errors
still errors, with their traceback, written at once. (How batches are written:
test_log_batches.py.)"""

import io
import json
import logging
import time
from datetime import timedelta

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.utils import timezone

from warta.newsroom.tests.factories import ArticleFactory, SectionFactory
from warta.newsroom.tests.test_admin_workflow import _form, _url
from warta.web import access_log
from warta.web.access_log import AccessLog
from warta.web.logs import ClientErrorsAreInfo, JsonFormatter, TextFormatter
from warta.web.page_cache import PageCache
from warta.web.tests.page_cache_client import PageCacheClient

pytestmark = pytest.mark.django_db


class ServerClient(PageCacheClient):
    """Requests through the application as config/wsgi.py builds it."""

    application = AccessLog(PageCache(WSGIHandler()))


def _access(caplog) -> list[logging.LogRecord]:
    access_log.flush()  # lines are made a batch of requests at a time
    return [r for r in caplog.records if r.name == "warta.access"]


def _warnings_from_django(caplog) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name.startswith("django.request") and r.levelno >= logging.WARNING
    ]


@pytest.fixture
def access_lines(settings, caplog):
    settings.WARTA_ACCESS_LOG = True
    caplog.set_level(logging.INFO, logger="warta.access")
    yield caplog
    access_log.flush()  # nothing of this test's requests left for the next one


@pytest.fixture
def console(settings):
    """The console as the settings make it (its handler and formatter), writing to a string."""
    from django.utils.log import configure_logging

    stream = io.StringIO()

    def configure(log_format: str = "text") -> io.StringIO:
        logging_settings = {**settings.LOGGING}
        logging_settings["handlers"] = {
            "console": {**settings.LOGGING["handlers"]["console"], "formatter": log_format}
            | {"stream": stream}
        }
        configure_logging(settings.LOGGING_CONFIG, logging_settings)
        return stream

    yield configure
    access_log.flush()
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)


def _lines(stream: io.StringIO) -> list[str]:
    return stream.getvalue().splitlines()


def test_each_request_is_one_line_also_when_the_page_cache_answers(settings, access_lines):
    settings.WARTA_PAGE_CACHE_SECONDS = 60
    article = ArticleFactory(first_published_at=timezone.now() - timedelta(hours=1))
    client = ServerClient()

    client.get(article.get_absolute_url())
    client.get(article.get_absolute_url(), HTTP_USER_AGENT="reader/1.0")

    first, second = _access(access_lines)
    assert (first.path, first.status, first.cache) == (article.get_absolute_url(), 200, "miss")
    assert (second.status, second.cache, second.user_agent) == (200, "hit", "reader/1.0")
    assert second.bytes > 1000
    assert second.duration_ms >= 0
    assert second.method == "GET"
    assert f'"GET {article.get_absolute_url()}" 200' in second.getMessage()


def test_a_gift_links_token_is_not_written_down(access_lines):
    ServerClient().get("/world/2020/01/01/x.html?gift=secret-token-123&utm_source=mail")

    (line,) = _access(access_lines)
    assert "secret-token-123" not in line.getMessage()
    assert line.query == "gift=-&utm_source=mail"


def _hit(settings) -> tuple[str, bytes]:
    """An article, asked for until warta's page cache answers it; the body of that answer."""
    settings.WARTA_PAGE_CACHE_SECONDS = 60
    path = ArticleFactory(first_published_at=timezone.now() - timedelta(hours=1)).get_absolute_url()
    client = ServerClient()
    for _ in range(3):
        response = client.get(
            path,
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR="198.51.100.7",
            HTTP_USER_AGENT="reader/2.0",
            HTTP_HOST="testserver",
        )
    assert response["X-Warta-Cache"] == "hit"
    return path, response.content


def test_a_body_given_whole_is_handed_on_as_it_is(access_lines):
    # A list goes to granian's fast path (sent in one go); any other iterable is walked from Rust.
    whole = [b"<p>", b"whole</p>"]

    def page(environ, start_response):
        start_response("200 OK", [("Content-Length", "12")])
        return whole

    assert AccessLog(page)({"PATH_INFO": "/p"}, lambda *args: None) is whole
    (line,) = _access(access_lines)
    assert (line.path, line.status, line.bytes) == ("/p", 200, 12)


def test_a_line_has_every_field(settings, access_lines):
    path, body = _hit(settings)

    line = _access(access_lines)[-1]
    fields = {
        "method": "GET",
        "path": path,
        "query": "",
        "status": 200,
        "bytes": len(body),
        "cache": "hit",
        "remote_addr": "203.0.113.9",
        "forwarded_for": "198.51.100.7",
        "host": "testserver",
        "user_agent": "reader/2.0",
    }
    assert {name: getattr(line, name) for name in fields} == fields
    assert line.duration_ms >= 0
    assert line.levelno == logging.INFO
    assert line.getMessage() == f'203.0.113.9 "GET {path}" 200 {fields["bytes"]} ' + (
        f"{line.duration_ms}ms cache=hit"
    )


def test_the_fields_are_none_of_a_records_own_attributes(settings, access_lines):
    # The records are made without logger.makeRecord's check that extra fields overwrite nothing.
    _hit(settings)

    line = _access(access_lines)[-1]
    own = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}
    assert not {"method", "path", "query", "status", "bytes", "cache", "user_agent"} & own
    assert line.name == "warta.access"
    assert line.pathname == access_log.__file__


def test_a_line_is_dated_when_its_request_ended_not_when_it_was_made(settings, access_lines):
    _hit(settings)
    ended = time.time()
    time.sleep(0.3)

    line = _access(access_lines)[-1]
    assert ended - 1 < line.created <= ended
    assert int(line.msecs) == int(line.created * 1000) % 1000


def test_a_streamed_body_is_logged_when_the_server_closes_it(access_lines):
    def streaming(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        yield b"part one, "
        yield b"part two"

    body = AccessLog(streaming)(
        {"REQUEST_METHOD": "GET", "PATH_INFO": "/stream"}, lambda *args: None
    )
    assert _access(access_lines) == []
    assert b"".join(body) == b"part one, part two"
    body.close()

    (line,) = _access(access_lines)
    assert (line.path, line.status, line.bytes) == ("/stream", 200, 18)


def test_an_application_that_raises_is_logged_as_a_500(access_lines):
    def broken(environ, start_response):
        raise RuntimeError("no answer")

    with pytest.raises(RuntimeError):
        AccessLog(broken)({"REQUEST_METHOD": "POST", "PATH_INFO": "/x"}, lambda *args: None)

    (line,) = _access(access_lines)
    assert (line.method, line.status, line.bytes) == ("POST", 500, 0)


def test_the_console_writes_access_lines_within_a_second_without_a_flush(settings, console):
    settings.WARTA_ACCESS_LOG = True
    stream = console()
    path, _body = _hit(settings)
    noted = time.monotonic()

    while not any(f'"GET {path}"' in line for line in _lines(stream)):
        assert time.monotonic() - noted < 3, "no access line within 3 s"
        time.sleep(0.05)
    assert time.monotonic() - noted < 2.5
    line = [line for line in _lines(stream) if f'"GET {path}" 200' in line][-1]
    assert " INFO warta.access 203.0.113.9 " in line
    assert line.endswith("cache=hit")


def test_an_error_is_written_at_once_after_the_access_lines_before_it(settings, console):
    settings.WARTA_ACCESS_LOG = True
    stream = console("json")
    path, _body = _hit(settings)

    logging.getLogger("django.request").error("Internal Server Error: %s", "/boom")

    records = [json.loads(line) for line in _lines(stream)]  # no flush: written at once
    assert [r["path"] for r in records if r["logger"] == "warta.access"][-1] == path
    assert records[-1]["level"] == "ERROR"
    assert records[-1]["message"] == "Internal Server Error: /boom"
    access = [r for r in records if r["logger"] == "warta.access"][-1]
    assert (access["status"], access["cache"], access["user_agent"]) == (200, "hit", "reader/2.0")


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


def test_the_json_format_is_what_the_settings_give_the_console(console):
    stream = console("json")
    logging.getLogger("warta.access").info("hello", extra={"status": 200})
    logging.getLogger().handlers[0].flush()

    data = json.loads(stream.getvalue())
    assert (data["logger"], data["message"], data["status"]) == ("warta.access", "hello", 200)


def test_the_formatters_time_is_the_standard_one_worked_out_once_a_second():
    from datetime import UTC, datetime

    standard = logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    for created in (1_700_000_000.0, 1_700_000_000.999, 1_700_000_001.5, time.time()):
        record = logging.makeLogRecord({"msg": "x", "created": created})
        record.msecs = float(int(created * 1000) % 1000)
        assert TextFormatter().format(record) == standard.format(record)
        iso = datetime.fromtimestamp(created, tz=UTC).isoformat(timespec="milliseconds")
        assert json.loads(JsonFormatter().format(record))["time"] == iso
