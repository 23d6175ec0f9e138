"""Every cache warta keeps, in one table: its key, where it lives, how long, and what forgets it.

The modules that read and write a cache take their keys from here (``Cache.key``), so the table
cannot drift from the code; tests/test_cache_table.py checks that no other module makes a cache
key of its own. Two rules hold for all of them:

- Whatever forgets an entry runs after the write transaction commits (``transaction.on_commit``),
  never inside it: a request between the write and the commit would cache the old data again.
- Purging a shared cache in front of warta (Varnish) never blocks a request, nor a transaction:
  it runs after the commit, in the background (newsroom/content_version.py).

"Shared" is the Django cache (Redis in production, one process's memory in the demo); "local" is
the per-process store in front of it (warta/local_cache.py), which keeps an entry for at most its
lifetime in the shared cache and, for entries that change under their key, about a second.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Cache:
    name: str
    prefix: str  # every key starts with it; the parts follow, joined by ":"
    parts: str  # what the key is made of, after the prefix
    where: str
    lifetime: str
    forgotten_by: str

    def key(self, *parts: object) -> str:
        return self.prefix + ":".join(str(part) for part in parts)


PAGES = Cache(
    name="Anonymous pages (warta/web/page_cache.py)",
    prefix="warta:page:",
    parts="a hash of scheme, host, path and query",
    where="shared and local (warta/newsroom/fresh_cache.py)",
    lifetime="fresh for WARTA_PAGE_CACHE_SECONDS (300 s), then served while one process renders "
    "it anew for WARTA_PAGE_STALE_SECONDS (30 s)",
    forgotten_by="stale once a change names one of the page's keys (newsroom/content_changes.py): "
    "a publication, update, unpublication or kill names the article's pages, its lists and the "
    "newest-story lists; the few back-office edits that change every page name all",
)
API_ANSWERS = Cache(
    name="The API's shared answers to anonymous apps (warta/api/answer_cache.py)",
    prefix="warta:api-answer:",
    parts="a hash of scheme, host, path and query",
    where="shared and local (warta/newsroom/fresh_cache.py)",
    lifetime="WARTA_PAGE_CACHE_SECONDS (300 s)",
    forgotten_by="stale once a change names one of the answer's keys (its Surrogate-Key), as pages",
)
PAGE_RENDERS = Cache(
    name="A stale page being rendered anew by one process (warta/web/page_cache.py)",
    prefix="warta:page-render:",
    parts="the page's hash",
    where="shared",
    lifetime="web.page_cache.RENDER_HELD_SECONDS (10 s)",
    forgotten_by="the render, once its page is stored",
)
ARTICLE_SHELLS = Cache(
    name="Article shells: a page per kind of reader (warta/web/article_shells.py)",
    prefix="warta:shell:",
    parts="host, template, path, every field of reading.ShellKind",
    where="shared and local (warta/newsroom/fresh_cache.py)",
    lifetime="WARTA_FRAGMENT_CACHE_SECONDS (300 s)",
    forgotten_by="stale once a change names the article or one of its related stories",
)
CARDS = Cache(
    name="A story's card in lists (warta/web/cards.py)",
    prefix="warta:card:",
    parts="article id, the card's variant (level, lead, section, dek)",
    where="shared and local (warta/newsroom/fresh_cache.py)",
    lifetime="WARTA_FRAGMENT_CACHE_SECONDS (300 s)",
    forgotten_by="stale once a change names the article",
)
FEED_ENTRIES = Cache(
    name="What a feed says of a story (warta/web/feed_entries.py)",
    prefix="warta:feed-entry:",
    parts="article id",
    where="shared and local (warta/newsroom/fresh_cache.py)",
    lifetime="WARTA_FRAGMENT_CACHE_SECONDS (300 s)",
    forgotten_by="stale once a change names the article",
)
API_ARTICLES = Cache(
    name="An article as the API answers it, whole and teaser (warta/api/article_reads.py)",
    prefix="warta:api-article:",
    parts="article id",
    where="shared and local (warta/newsroom/fresh_cache.py)",
    lifetime="WARTA_FRAGMENT_CACHE_SECONDS (300 s)",
    forgotten_by="stale once a change names the article",
)
ARTICLE_REFS = Cache(
    name="What deciding access needs of a live article (web/article_shells.article_ref_for_page)",
    prefix="warta:article:",
    parts="slug",
    where="shared and local (warta/newsroom/fresh_cache.py)",
    lifetime="WARTA_FRAGMENT_CACHE_SECONDS (300 s)",
    forgotten_by="stale once a change names the article",
)
READER_FACTS = Cache(
    name="A signed-in reader's facts: subscription, gifts used this month, rights "
    "(warta/reading/facts.py)",
    prefix="warta:reader-facts:",
    parts="user id",
    where="shared, and local for WARTA_READER_TRUST_SECONDS (1 s)",
    lifetime="WARTA_READER_FACTS_SECONDS (60 s); a new month makes them stale at once",
    forgotten_by="accounts.reader_cache.reader_cache_forget: subscription services and webhooks, "
    "gifts made, back-office edits of subscriptions, plans, gifts, users and groups",
)
USER_ROWS = Cache(
    name="A signed-in reader's user row (warta/accounts/user_cache.py)",
    prefix="warta:user:",
    parts="user id",
    where="shared, and local for WARTA_READER_TRUST_SECONDS (1 s)",
    lifetime="WARTA_USER_CACHE_SECONDS (300 s)",
    forgotten_by="User.save and User.delete (accounts.user_cache.user_cache_forget)",
)
CONTENT_CHANGES = Cache(
    name="What this process read of the log of content changes (warta/newsroom/content_changes.py)",
    prefix="(process memory: the database table newsroom_contentchange is the truth)",
    parts="(none: a key's newest change number)",
    where="local; read again after WARTA_CONTENT_CHANGES_SECONDS (1 s)",
    lifetime="the page lifetime and its stale time, plus a minute; rows are deleted after a day",
    forgotten_by="(a log: rows are added by content_changed() after the commit of what changed)",
)
FEEDBACK_RATES = Cache(
    name="Reader feedback sent per window (warta/feedback/guards.py)",
    prefix="warta:feedback-rate:",
    parts="who sent it, the window's start",
    where="shared",
    lifetime="the window, plus 5 s",
    forgotten_by="expiry only: a count, not a copy of data",
)
SEARCH_RATES = Cache(
    name="Searches per minute (warta/reading/search_rate.py)",
    prefix="warta:search-rate:",
    parts="who searched, the window's start",
    where="shared",
    lifetime="the window (60 s), plus 5 s",
    forgotten_by="expiry only: a count, not a copy of data",
)
API_RATES = Cache(
    name="API requests per minute (warta/api/rate_limits.py)",
    prefix="warta:api-rate:",
    parts="the policy (token or address), a hash of the token or address, the window's start",
    where="shared",
    lifetime="the window (60 s), plus 5 s",
    forgotten_by="expiry only: a count, not a copy of data",
)

TABLE: tuple[Cache, ...] = (
    PAGES,
    PAGE_RENDERS,
    API_ANSWERS,
    ARTICLE_SHELLS,
    CARDS,
    FEED_ENTRIES,
    ARTICLE_REFS,
    API_ARTICLES,
    READER_FACTS,
    USER_ROWS,
    CONTENT_CHANGES,
    FEEDBACK_RATES,
    SEARCH_RATES,
    API_RATES,
)
# Not ours, listed so that nothing is missed: sessions (Django's cached_db engine in production:
# written through on every change), allauth's and axes' throttling counters (their own keys),
# Wagtail's renditions cache. Varnish in front keeps anonymous pages for SHARED_MAX_AGE (60 s,
# web/cache_policy.py) and is purged by the same keys after every change (newsroom/tasks.py).
