"""Wagtail's own jobs (the django-tasks backport) still do their work beside our worker's
(decision 0013; warta/worker/tests/test_worker.py has the rest of the pair)."""

import pytest

pytestmark = pytest.mark.django_db


def test_wagtails_jobs_still_do_their_work(django_capture_on_commit_callbacks):
    """The reference index Wagtail keeps through its own jobs fills as an article is saved."""
    from wagtail.models import ReferenceIndex

    from warta.newsroom.tests.factories import ArticleFactory, NewsImageFactory

    with django_capture_on_commit_callbacks(execute=True):
        image = NewsImageFactory()
        article = ArticleFactory(hero_image=image, hero_alt="A harbour at dawn")
        article.save()

    assert ReferenceIndex.objects.filter(object_id=str(article.pk)).exists()
