"""How warta's log lines look and which ones are worth a warning (docs/operations.md, "Logs").

``JsonFormatter`` writes each record as one JSON object on one line (``WARTA_LOG_FORMAT=json``),
with the fields the access log adds (``warta/web/access_log.py``) and a traceback as one string;
``TextFormatter`` writes the same as readable text. ``ClientErrorsAreInfo`` sits on Django's
``django.request`` logger, which calls every 4xx answer a warning: a missing image, an autosave
of a form not yet complete, a bot's guess at an address. The access log has each of those
requests already, so they are INFO there; 5xx stay errors, with their traceback.
"""

import json
import logging
from datetime import UTC, datetime
from typing import Any

# The attributes every LogRecord has; anything else on a record was given as ``extra``.
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}
# Django's request logger adds these; the request object is not for a log line.
_DROPPED_EXTRA = frozenset({"request"})


def _extra(record: logging.LogRecord) -> dict[str, Any]:
    return {
        key: value
        for key, value in record.__dict__.items()
        if key not in _STANDARD and key not in _DROPPED_EXTRA and not key.startswith("_")
    }


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line |= _extra(record)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")


class ClientErrorsAreInfo(logging.Filter):
    """Django's 4xx lines at INFO, kept only when the log is that detailed."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if not isinstance(status, int) or not 400 <= status < 500:
            return True
        if record.levelno > logging.INFO:
            record.levelno, record.levelname = logging.INFO, logging.getLevelName(logging.INFO)
        return logging.getLogger(record.name).isEnabledFor(record.levelno)
