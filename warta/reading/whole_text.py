"""Which articles' whole text a reader's search may look into: those of the access levels the
reader reads whole by the paywall rule (``decide_access``, as on the article page), without a
gift or the meter. A gift opens one article to one browser and the meter counts articles read,
so neither opens the text of the archive to search.
"""

from datetime import datetime

from warta.access.rules import ANONYMOUS, Level, decide_access
from warta.accounts.models import User

from .facts import reader_facts


def levels_read_whole(*, user: User | None, now: datetime) -> frozenset[Level]:
    """The levels whose articles ``user`` (None: signed out) may read whole at ``now``."""
    reader = reader_facts(user, now=now).reader() if user is not None else ANONYMOUS
    return frozenset(
        level for level in Level if decide_access(level=level, reader=reader, now=now).allowed
    )
