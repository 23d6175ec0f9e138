"""A change makes stale only the pages that show it (decision 0017), in warta's own cache: its page,
the home page, its section, tags and authors, feeds, sitemaps and the stories that list it as
related. Every other page stays cached. (Varnish: test_varnish.py.)"""

from datetime import timedelta
from unittest.mock import patch

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from warta.newsroom.models import Article
from warta.newsroom.schedule import scheduled_publishing_run
from warta.newsroom.services import article_create, article_publish, article_unpublish
from warta.newsroom.tests.factories import AuthorFactory, SectionFactory, TagFactory, paragraphs
from warta.web.page_cache import HIT_HEADER
from warta.web.tests.page_cache_client import PageCacheClient as Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(production_caches, settings):
    """Two sections, two tags, two authors; the story under test in one of each, a story that
    lists it as related, and a story that shows nothing of it."""
    settings.WARTA_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]  # a Varnish: to see its purges
    world, sport = SectionFactory(slug="world"), SectionFactory(slug="sport")
    rupiah, football = TagFactory(slug="rupiah"), TagFactory(slug="football")
    ayu, budi = AuthorFactory(slug="ayu"), AuthorFactory(slug="budi")
    hour = timedelta(hours=1)

    def story(slug, section, tag, author, *, ago, related=()):
        return article_create(
            headline=f"Headline of {slug}",
            slug=slug,
            dek="A summary.",
            section=section,
            body=paragraphs(f"The body of {slug}."),
            tags=[tag],
            authors=[author],
            related=related,
            publish=True,
            published_at=timezone.now() - ago,
        )

    other = story("other-story", sport, football, budi, ago=3 * hour)
    subject = story("subject-story", world, rupiah, ayu, ago=2 * hour)
    lister = story("lister-story", sport, football, budi, ago=4 * hour, related=[subject])
    DBTaskResult.objects.all().delete()
    return {"subject": subject, "other": other, "lister": lister}


SHOW_THE_SUBJECT = (
    "/",
    "/world/",
    "/tag/rupiah/",
    "/author/ayu/",
    "/feeds/rss.xml",
    "/feeds/world/atom.xml",
    "/sitemap-news.xml",
)
SHOW_NOTHING_OF_IT = ("/sport/", "/tag/football/", "/author/budi/")


def _pages(stories: dict[str, Article]) -> dict[str, str]:
    urls = {url: url for url in (*SHOW_THE_SUBJECT, *SHOW_NOTHING_OF_IT)}
    for name, story in stories.items():
        urls[name] = story.get_absolute_url()
    return urls


def _warm(urls: dict[str, str]) -> None:
    for url in urls.values():
        assert Client().get(url).status_code == 200, url
        assert Client().get(url)[HIT_HEADER] == "hit", url


def _states(urls: dict[str, str]) -> dict[str, str]:
    return {name: Client().get(url)[HIT_HEADER] for name, url in urls.items()}


def _rendered_again(states: dict[str, str]) -> set[str]:
    return {name for name, state in states.items() if state != "hit"}


def _purged_keys() -> set[str]:
    jobs = DBTaskResult.objects.filter(task_path__endswith="purge_shared_cache")
    return {
        key
        for job in jobs
        for key in [*job.args_kwargs["kwargs"]["keys"], *job.args_kwargs["kwargs"]["hard_keys"]]
    }


LISTS_OF_THE_SUBJECT = ("/", "/world/", "/tag/rupiah/", "/author/ayu/")


def test_an_update_makes_stale_exactly_the_pages_that_show_the_story(newsroom):
    subject = newsroom["subject"]
    urls = _pages(newsroom)
    _warm(urls)

    subject.headline = "A new headline for the subject"
    subject.save_revision()
    article_publish(article=subject)

    states = _states(urls)
    # Its lists and the story that lists it as related stay in the cache: the story is in the
    # same lists, in the same place, and its card is filled in as the story stands each time a
    # page is answered (web/cards.py, web/card_pages.py). Its page, feeds and news sitemap,
    # which carry its headline themselves, are rendered again.
    in_place = set(SHOW_THE_SUBJECT) - set(LISTS_OF_THE_SUBJECT)
    assert _rendered_again(states) == {*in_place, "subject"}
    for name in (*SHOW_THE_SUBJECT, "subject", "lister"):
        assert "A new headline for the subject" in Client().get(urls[name]).content.decode(), name
    keys = _purged_keys()
    assert {f"article-{subject.pk}", "feeds", "feeds-world", "sitemaps"} <= keys
    assert not keys & {"home", "section-world", "tag-rupiah", "author-ayu", "all"}
    assert not keys & {"section-sport", "tag-football", "author-budi", "feeds-sport"}
    assert f"article-{newsroom['other'].pk}" not in keys
    # Varnish keeps whole pages: each list names the stories it shows, so the story's key
    # reaches them there too.
    for url in LISTS_OF_THE_SUBJECT:
        assert f"article-{subject.pk}" in Client().get(url)["Surrogate-Key"].split(), url


def test_an_update_that_moves_the_story_in_its_lists_renders_them_again(newsroom):
    subject = newsroom["subject"]
    urls = _pages(newsroom)
    _warm(urls)

    subject.tags.set([TagFactory(slug="inflation")])
    subject.save_revision()
    article_publish(article=subject)

    stale = _rendered_again(_states(urls))
    assert {"/", "/world/", "/tag/rupiah/", "/author/ayu/", "subject"} <= stale
    assert "Headline of subject-story" not in Client().get("/tag/rupiah/").content.decode()
    assert "Headline of subject-story" in Client().get("/tag/inflation/").content.decode()
    assert {"tag-rupiah", "tag-inflation", "section-world", "home"} <= _purged_keys()


def test_a_story_moved_to_another_section_leaves_the_old_front_and_joins_the_new(newsroom):
    subject = newsroom["subject"]
    urls = _pages(newsroom)
    _warm(urls)

    subject.section = newsroom["other"].section
    subject.save_revision()
    article_publish(article=subject)

    stale = _rendered_again(_states(urls))
    assert {"/world/", "/sport/"} <= stale
    assert "Headline of subject-story" in Client().get("/sport/").content.decode()
    assert "Headline of subject-story" not in Client().get("/world/").content.decode()
    assert {"section-world", "section-sport"} <= _purged_keys()


def test_a_kill_purges_every_page_that_showed_the_story(newsroom):
    subject = newsroom["subject"]
    urls = _pages(newsroom)
    _warm(urls)

    article_unpublish(article=subject)  # what a wire kill does

    states = _states(urls)
    assert _rendered_again(states) == {*SHOW_THE_SUBJECT, "subject"}
    assert Client().get(urls["subject"]).status_code == 404
    for name in (*SHOW_THE_SUBJECT, "lister"):
        assert "Headline of subject-story" not in Client().get(urls[name]).content.decode(), name
    assert {f"article-{subject.pk}", "home", "section-world", "tag-rupiah"} <= _purged_keys()


def test_an_embargo_released_by_the_worker_refreshes_its_lists_and_nothing_else(newsroom):
    world, rupiah = newsroom["subject"].section, newsroom["subject"].tags.first()
    embargoed = article_create(
        headline="The embargoed report",
        slug="embargoed-report",
        dek="Held until the minute.",
        section=world,
        body=paragraphs("Its body."),
        tags=[rupiah],
        publish=True,
        go_live_at=timezone.now() + timedelta(minutes=5),
    )
    assert not Article.objects.get(pk=embargoed.pk).live
    urls = _pages(newsroom)
    _warm(urls)
    DBTaskResult.objects.all().delete()

    later = timezone.now() + timedelta(minutes=6)
    with patch("django.utils.timezone.now", return_value=later):  # Wagtail reads the clock too
        assert scheduled_publishing_run(now=later).published == 1

    stale = _rendered_again(_states(urls))
    assert {"/", "/world/", "/tag/rupiah/", "/feeds/rss.xml"} <= stale
    assert not stale & {"/sport/", "/tag/football/", "/author/budi/", "other", "subject"}
    assert "The embargoed report" in Client().get("/world/").content.decode()
    assert {"home", "section-world", "tag-rupiah"} <= _purged_keys()


def test_editing_a_section_still_empties_every_page_and_says_so(newsroom, caplog):
    from django.test import Client as BackOffice

    from warta.accounts.models import User

    urls = _pages(newsroom)
    _warm(urls)
    sport = newsroom["other"].section
    staff = BackOffice()
    staff.force_login(User.objects.create_superuser("boss", "boss@example.org", "x"))

    with caplog.at_level("INFO", logger="warta.newsroom.content_changes"):
        staff.post(
            f"/admin/snippets/newsroom/section/edit/{sport.pk}/",
            {"name": "Sport and Games", "slug": "sport", "description": "", "position": "0"},
        )

    assert _rendered_again(_states(urls)) == set(urls)
    assert "Every cached page is stale: Section edited in the back office" in caplog.text
    assert "all" in _purged_keys()


def test_a_kill_or_access_raised_is_a_hard_purge_and_an_update_a_soft_one(newsroom):
    from warta.newsroom.models import AccessLevel

    subject, other = newsroom["subject"], newsroom["other"]
    subject.headline = "An update"
    subject.save_revision()
    article_publish(article=subject)
    jobs = DBTaskResult.objects.filter(task_path__endswith="purge_shared_cache")
    assert jobs.get().args_kwargs["kwargs"]["hard_keys"] == []
    jobs.delete()

    other.access_level = AccessLevel.PREMIUM
    other.save_revision()
    article_publish(article=other)
    assert f"article-{other.pk}" in jobs.get().args_kwargs["kwargs"]["hard_keys"]
    jobs.delete()

    article_unpublish(article=subject)
    assert f"article-{subject.pk}" in jobs.get().args_kwargs["kwargs"]["hard_keys"]


def test_the_back_office_unpublish_button_purges_the_pages_that_showed_the_story(newsroom):
    from django.test import Client as AdminClient

    from warta.accounts.models import User

    subject = newsroom["subject"]
    urls = _pages(newsroom)
    _warm(urls)
    editor = AdminClient()
    editor.force_login(User.objects.create_superuser("chief", "chief@example.org", "long-phrase"))

    response = editor.post(f"/admin/snippets/newsroom/article/unpublish/{subject.pk}/")

    assert response.status_code == 302
    assert Client().get(urls["subject"]).status_code == 404
    for name in SHOW_THE_SUBJECT:
        assert "Headline of subject-story" not in Client().get(urls[name]).content.decode(), name
    assert f"article-{subject.pk}" in _purged_keys()
