"""How warta's log lines look and which ones are worth a warning (docs/operations.md, "Logs").

``JsonFormatter`` writes each record as one JSON object on one line (``WARTA_LOG_FORMAT=json``),
with the fields the access log adds (``warta/web/access_log.py``) and a traceback as one string;
``TextFormatter`` writes the same as readable text. ``ClientErrorsAreInfo`` sits on Django's
``django.request`` logger, which calls every 4xx answer a warning: a missing image, an autosave
of a form not yet complete, a bot's guess at an address. The access log has each of those
requests already, so they are INFO there; 5xx stay errors, with their traceback.

Both formatters run once for every request (the access line): the time of day is worked out once
a second, and JSON is written by one encoder made once (decision 0018).
How the lines reach standard error: warta/web/log_batches.py.
"""

import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

# The attributes every LogRecord has; anything else on a record was given as ``extra``.
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}
# Django's request logger adds ``request``; the request object is not for a log line.
_NOT_EXTRA = _STANDARD | {"request"}
_ENCODER = json.JSONEncoder(default=str, ensure_ascii=False)


def _extra(record: logging.LogRecord) -> dict[str, Any]:
    return {
        key: value
        for key, value in record.__dict__.items()
        if key not in _NOT_EXTRA and key[:1] != "_"
    }


class _EachSecond:
    """``text(second)`` for a whole second since the epoch, worked out once a second."""

    def __init__(self, text: Callable[[int], str]) -> None:
        self.text = text
        self.last: tuple[int, str] = (-1, "")  # one tuple, replaced whole: safe across threads

    def __call__(self, second: int) -> str:
        last = self.last
        if last[0] != second:
            last = self.last = (second, self.text(second))
        return last[1]


def _iso_second(second: int) -> str:
    return (
        datetime.fromtimestamp(second, tz=UTC).isoformat(timespec="seconds").removesuffix("+00:00")
    )


class JsonFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__()
        self._second = _EachSecond(_iso_second)

    def format(self, record: logging.LogRecord) -> str:
        # As datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds"): the time
        # rounded to the microsecond, then cut to the millisecond.
        micros = round(record.created * 1_000_000)
        line: dict[str, Any] = {
            "time": f"{self._second(micros // 1_000_000)}.{micros // 1000 % 1000:03d}+00:00",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line |= _extra(record)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exception"] = record.exc_text
        return _ENCODER.encode(line)


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")
        self._second = _EachSecond(
            lambda second: time.strftime(self.default_time_format, self.converter(second))
        )

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        """As logging.Formatter's (local time, milliseconds after a comma)."""
        if datefmt:
            return super().formatTime(record, datefmt)
        return f"{self._second(int(record.created))},{int(record.msecs):03d}"


class ClientErrorsAreInfo(logging.Filter):
    """Django's 4xx lines at INFO, kept only when the log is that detailed."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if not isinstance(status, int) or not 400 <= status < 500:
            return True
        if record.levelno > logging.INFO:
            record.levelno, record.levelname = logging.INFO, logging.getLevelName(logging.INFO)
        return logging.getLogger(record.name).isEnabledFor(record.levelno)
