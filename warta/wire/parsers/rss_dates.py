"""The dates of RSS and Atom feeds, read from their raw text with their offset kept.

feedparser's own date parsing answers naive UTC ``struct_time`` values and loses the offset the
agency sent, so the RSS parser reads the raw strings here instead:

- RFC 822 / RFC 5322 dates (RSS ``pubDate``): ``Thu, 08 Jan 2026 15:09:00 +0700``. The offset may
  also be written ``+07:00`` (Superdesk rejected those); ``GMT``/``UT``/``Z`` and the US zone names
  are read by the standard library, and Indonesia's ``WIB``/``WITA``/``WIT`` here. ``-0000`` is
  UTC (RFC 5322: the time is UTC, the sender's own zone unknown).
- ISO 8601 dates (Atom, ``dc:date``): ``2026-01-08T15:09:00+07:00``, ``Z``, or a date alone.
- Bahasa Indonesia month and day names (``Kamis, 08 Jan 2026``, ``Selasa, 3 Agustus 2026``:
  Jan Feb Mar Apr Mei Jun Jul Agu/Ags Sep Okt Nov Des, and Januari ... Desember; Senin ...
  Minggu), and Portuguese ones (``Seg, 24 Set 2018``: Fev Abr Mai Ago Set Out Dez, janeiro ...
  dezembro). The day name is dropped: RFC 822 makes it optional and the date says the day.

A date without a zone is read in the caller's ``default_zone`` and ``FeedDate.zone_assumed``
says so (the parser turns it into the item's warning). Text that is no date raises ValueError.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from email.utils import parsedate_to_datetime

_MONTHS = {
    # Bahasa Indonesia
    "januari": "Jan",
    "februari": "Feb",
    "maret": "Mar",
    "mei": "May",
    "juni": "Jun",
    "juli": "Jul",
    "agustus": "Aug",
    "agu": "Aug",
    "ags": "Aug",
    "agt": "Aug",
    "oktober": "Oct",
    "okt": "Oct",
    "desember": "Dec",
    "des": "Dec",
    "nopember": "Nov",
    "nop": "Nov",
    "pebruari": "Feb",
    "peb": "Feb",
    # Portuguese
    "janeiro": "Jan",
    "fevereiro": "Feb",
    "fev": "Feb",
    "março": "Mar",
    "marco": "Mar",
    "abril": "Apr",
    "abr": "Apr",
    "maio": "May",
    "mai": "May",
    "junho": "Jun",
    "julho": "Jul",
    "agosto": "Aug",
    "ago": "Aug",
    "setembro": "Sep",
    "set": "Sep",
    "outubro": "Oct",
    "out": "Oct",
    "novembro": "Nov",
    "dezembro": "Dec",
    "dez": "Dec",
    # English full names (parsedate reads only the three-letter forms)
    "january": "Jan",
    "february": "Feb",
    "march": "Mar",
    "april": "Apr",
    "june": "Jun",
    "july": "Jul",
    "august": "Aug",
    "september": "Sep",
    "sept": "Sep",
    "october": "Oct",
    "november": "Nov",
    "december": "Dec",
}

# Zones the standard library does not know, by their offset in minutes.
_ZONES = {"WIB": 7 * 60, "WITA": 8 * 60, "WIT": 9 * 60}

# A leading day name, in any language, followed by a comma: "Kamis, ", "Seg, ", "Thu, ".
_DAY_NAME = re.compile(r"^[^\W\d_][\w'.-]*\s*,\s*")
_WORD = re.compile(r"[^\W\d_]+")
_COLON_OFFSET = re.compile(r"([+-]\d{2}):(\d{2})$")
_ZONE_WORD = re.compile(r"\b(WIB|WITA|WIT)$", re.IGNORECASE)
_NEGATIVE_ZERO = re.compile(r"-0000$")


@dataclass(frozen=True)
class FeedDate:
    value: datetime  # aware
    zone_assumed: bool  # the text had no zone: read in the default zone


def _translate_months(text: str) -> str:
    return _WORD.sub(lambda m: _MONTHS.get(m.group(0).lower(), m.group(0)), text)


def _rfc822(text: str) -> datetime:
    text = _DAY_NAME.sub("", text)
    text = _translate_months(text)
    text = _COLON_OFFSET.sub(r"\1\2", text)
    zone = _ZONE_WORD.search(text)
    if zone:
        minutes = _ZONES[zone.group(1).upper()]
        text = text[: zone.start()] + f"+{minutes // 60:02d}{minutes % 60:02d}"
    parsed = parsedate_to_datetime(text)  # ValueError when it is no date
    if parsed.tzinfo is None and _NEGATIVE_ZERO.search(text):
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def parse_feed_date(raw: str, *, default_zone: tzinfo) -> FeedDate:
    """Read one raw date of a feed; ValueError when the text is no date."""
    text = raw.strip()
    if not text:
        raise ValueError("empty date")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = _rfc822(text)
        except (ValueError, TypeError, IndexError, OverflowError) as error:
            raise ValueError(f"not a date: {text!r}") from error
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        return FeedDate(parsed.replace(tzinfo=default_zone), zone_assumed=True)
    offset = parsed.utcoffset() or timedelta(0)
    if abs(offset) >= timedelta(hours=24):
        raise ValueError(f"not a date: {text!r}")
    return FeedDate(parsed, zone_assumed=False)
