"""Django's database sessions, read with one plain SQL statement.

Every request of a signed-in reader reads its session. Django's store builds that query with the
ORM each time, which costs ten times what the database takes to answer it; this store sends the
same statement directly (``SESSION_ENGINE = "warta.accounts.sessions"`` when there is no Redis).
Writing, expiring and clearing sessions are Django's own.
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        if not self.session_key:
            return None
        connection = connections[router.db_for_read(Session)]
        quote = connection.ops.quote_name
        # Fixed names quoted by the backend; the values go as parameters (ruff's S608, bandit's
        # B608: a bare nosec, since with B608 named bandit warns once per piece of the f-string).
        table, data, key, expiry = map(
            quote, (Session._meta.db_table, "session_data", "session_key", "expire_date")
        )
        sql = f"SELECT {data} FROM {table} WHERE {key} = %s AND {expiry} > %s"  # noqa: S608  # nosec
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None  # as Django's store: a fresh session will get a new key
            return None
        return Session(session_key=self.session_key, session_data=row[0])
