"""Search: every query gets an answer, a reader finds only what they may read, and each client
may search ``WARTA_SEARCH_PER_MINUTE`` times a minute."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from lxml import html as lxml_html

from warta.accounts.models import User
from warta.newsroom.models import AccessLevel
from warta.newsroom.roles import EDITORS, newsroom_roles_ensure
from warta.newsroom.tests.factories import ArticleFactory, paragraphs
from warta.subscriptions.models import Plan, Subscription, SubscriptionStatus

# With the caches off, and as production runs them (conftest.py: cache_mode).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]

TEASER_WORD = "quarrymen"  # in the teaser of every article below
HIDDEN_WORD = "zanzibarite"  # only after the teaser break
HIDDEN_SENTENCE = f"The withheld paragraph names {HIDDEN_WORD} twice: {HIDDEN_WORD}."


@pytest.fixture(autouse=True)
def _no_counts_from_other_tests():
    from django.core.cache import cache

    cache.clear()  # the rate limit's counts live in the cache, which tests otherwise share


def _article(headline: str, level: str):
    return ArticleFactory(
        headline=headline,
        access_level=level,
        dek="Stone from the hills.",
        first_published_at=timezone.now() - timedelta(hours=3),
        body=[
            *paragraphs(f"The {TEASER_WORD} went up the hill.", "Second teaser paragraph."),
            ("teaser_break", None),
            *paragraphs(HIDDEN_SENTENCE, "More withheld text."),
        ],
    )


@pytest.fixture
def articles():
    return {
        AccessLevel.FREE: _article("Free quarry story", AccessLevel.FREE),
        AccessLevel.REGISTERED: _article("Registered quarry story", AccessLevel.REGISTERED),
        AccessLevel.PREMIUM: _article("Premium quarry story", AccessLevel.PREMIUM),
    }


def _client(kind: str) -> Client:
    client = Client()
    if kind == "anonymous":
        return client
    user = User.objects.create_user(username=kind, email=f"{kind}@example.org")
    now = timezone.now()
    plan, _ = Plan.objects.get_or_create(
        slug="digital", defaults={"name": "Digital", "price": 55000, "gifts_per_month": 3}
    )
    if kind == "subscriber":
        Subscription.objects.create(
            user=user,
            plan=plan,
            status=SubscriptionStatus.ACTIVE,
            current_period_end=now + timedelta(days=20),
            provider="development",
        )
    elif kind == "lapsed":
        Subscription.objects.create(
            user=user,
            plan=plan,
            status=SubscriptionStatus.EXPIRED,
            current_period_end=now - timedelta(days=2),
            provider="development",
        )
    elif kind == "staff":
        newsroom_roles_ensure()
        from django.contrib.auth.models import Group

        user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


def _found(client: Client, query: str) -> list[str]:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200, response.status_code
    doc = lxml_html.fromstring(response.content.decode())
    return sorted(a.text_content() for a in doc.cssselect(".card-title a"))


# --- Only what the reader may read --------------------------------------------------------


@pytest.mark.parametrize("kind", ["anonymous", "registered", "lapsed", "subscriber", "staff"])
def test_a_word_in_the_teaser_is_found_by_everyone(kind, articles):
    assert _found(_client(kind), TEASER_WORD) == [
        "Free quarry story",
        "Premium quarry story",
        "Registered quarry story",
    ]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("anonymous", ["Free quarry story"]),
        ("registered", ["Free quarry story", "Registered quarry story"]),
        ("lapsed", ["Free quarry story", "Registered quarry story"]),
        ("subscriber", ["Free quarry story", "Premium quarry story", "Registered quarry story"]),
        ("staff", ["Free quarry story", "Premium quarry story", "Registered quarry story"]),
    ],
)
def test_a_word_behind_the_paywall_is_found_only_by_readers_who_may_read_it(
    kind, expected, articles
):
    assert _found(_client(kind), HIDDEN_WORD) == expected


def test_a_phrase_mixing_teaser_and_hidden_words_finds_no_premium_article_anonymously(articles):
    assert _found(_client("anonymous"), f"{TEASER_WORD} {HIDDEN_WORD}") == ["Free quarry story"]


def test_search_results_never_show_withheld_text(articles):
    for kind in ("anonymous", "registered", "subscriber"):
        page = _client(kind).get("/search/", {"q": TEASER_WORD}).content.decode()
        assert HIDDEN_WORD not in page, kind  # results show the summary, never the body


def test_an_edit_of_the_body_reaches_the_subscribers_index(articles):
    premium = articles[AccessLevel.PREMIUM]
    premium.body = [*paragraphs("Teaser one.", "Teaser two."), *paragraphs("Now about marmots.")]
    premium.save()

    subscriber = _client("subscriber")

    assert _found(subscriber, "marmots") == ["Premium quarry story"]
    assert "Premium quarry story" not in _found(subscriber, HIDDEN_WORD)
    assert _found(_client("anonymous"), "marmots") == []


def test_a_premium_article_made_free_is_found_by_its_whole_text(articles):
    premium = articles[AccessLevel.PREMIUM]
    premium.access_level = AccessLevel.FREE
    premium.save()

    assert "Premium quarry story" in _found(_client("anonymous"), HIDDEN_WORD)


def test_a_free_article_made_premium_is_found_by_its_whole_text_by_subscribers_only(articles):
    free = articles[AccessLevel.FREE]
    # A free article's whole text is its own entry: no second copy in the index.
    assert not _whole_text_entries(free)
    free.access_level = AccessLevel.PREMIUM
    free.save()

    assert _whole_text_entries(free) == 1
    assert "Free quarry story" in _found(_client("subscriber"), HIDDEN_WORD)
    assert "Free quarry story" not in _found(_client("anonymous"), HIDDEN_WORD)


def _whole_text_entries(article) -> int:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    from warta.newsroom.models import ArticleText

    kind = ContentType.objects.get_for_model(ArticleText)
    return IndexEntry.objects.filter(content_type=kind, object_id=str(article.pk)).count()


# --- Every query gets an answer -----------------------------------------------------------

NASTY_QUERIES = [
    '"',
    'a"b',
    '""',
    '"quarrymen',
    "quarrymen\"'",
    "\x00",
    "a\x00b",
    "quarry\x00men",
    "\x01\x02\x1f\x7f",
    "\t\n\r",
    "\u200b\u200e\ufeff",
    "'",
    "\\",
    "\\'\"",
    "%",
    "%%",
    "_",
    "AND",
    "OR",
    "NOT",
    "quarrymen AND",
    "OR quarrymen",
    "NOT quarrymen",
    "quarrymen NOT hill",
    "NEAR(quarrymen hill)",
    "quarrymen NEAR hill",
    "-",
    "-quarrymen",
    "+",
    "+quarrymen",
    "*",
    "quarry*",
    "*quarry",
    "(",
    ")",
    "()",
    "(quarrymen",
    "quarrymen)",
    "^quarrymen",
    ":",
    "headline:quarrymen",
    "body:quarrymen",
    "{quarrymen}",
    "[quarrymen]",
    "quarrymen & hill | !stone",
    "quarrymen <-> hill",
    "quarrymen:*",
    "'quarrymen':*",
    "!",
    "&",
    "|",
    "~",
    "$",
    "#",
    "@",
    ";",
    "; DROP TABLE newsroom_article; --",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "\U0001d562\U0001d566\U0001d552\U0001d563",  # mathematical letters
    "Ἀθῆναι",
    "北京 新闻",
    "مرحبا",
    "emoji 🪨⛏️👷🏽‍♀️",
    "e\u0301",
    "\ud7ff\ue000\uffff",
    "x" * 199,
    "x" * 200 + '"',
    "quarrymen " * 60,
    '"' * 500,
    "\x00" * 1000,
    "word " * 5000,
    "x" * 60_000,
]


@pytest.mark.parametrize("query", NASTY_QUERIES)
def test_every_query_gets_an_answer(query, articles):
    response = Client().get("/search/", {"q": query})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_quotes_and_nul_bytes_do_not_hide_the_words_around_them(articles):
    assert _found(Client(), '"quarrymen') == ["Free quarry story", "Premium quarry story",
                                              "Registered quarry story"]  # fmt: skip
    assert _found(Client(), f'{TEASER_WORD}"\x00') != []


def test_a_long_query_is_cut_with_a_message(articles):
    response = Client().get("/search/", {"q": TEASER_WORD + " " + "x" * 60_000})

    page = response.content.decode()
    assert response.status_code == 200
    assert "was cut to its first 200 characters" in page
    assert "x" * 201 not in page


# --- The rate limit ----------------------------------------------------------------------


def test_a_client_searching_too_often_is_asked_to_wait(settings, articles):
    settings.WARTA_SEARCH_PER_MINUTE = 3
    client = Client()

    answers = [client.get("/search/", {"q": f"{TEASER_WORD} {n}"}) for n in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert "Too many searches" in refused.content.decode()
    assert int(refused["Retry-After"]) >= 1
    assert "no-store" in refused["Cache-Control"]


def test_the_limit_counts_each_address_apart(settings, articles):
    settings.WARTA_SEARCH_PER_MINUTE = 1
    first = Client(REMOTE_ADDR="192.0.2.1")
    second = Client(REMOTE_ADDR="192.0.2.2")

    assert first.get("/search/", {"q": "a"}).status_code == 200
    assert first.get("/search/", {"q": "b"}).status_code == 429
    assert second.get("/search/", {"q": "c"}).status_code == 200


def test_the_limit_counts_a_signed_in_reader_by_account(settings, articles):
    settings.WARTA_SEARCH_PER_MINUTE = 1
    reader = _client("registered")
    anonymous_same_address = Client()

    assert reader.get("/search/", {"q": "a"}).status_code == 200
    assert reader.get("/search/", {"q": "b"}).status_code == 429
    assert anonymous_same_address.get("/search/", {"q": "c"}).status_code == 200


def test_the_empty_search_page_is_not_counted(settings, articles):
    settings.WARTA_SEARCH_PER_MINUTE = 1
    client = Client()

    assert [client.get("/search/").status_code for _ in range(3)] == [200, 200, 200]
    assert client.get("/search/", {"q": "a"}).status_code == 200
