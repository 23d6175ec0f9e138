"""Scheduling a story in the back office while no background worker runs says so."""

from datetime import timedelta

import pytest
from django.utils import timezone

from warta.newsroom.models import Article
from warta.newsroom.tests.test_admin_workflow import (  # the admin's own form, as it posts it
    _form,
    _form_errors,
    _messages,
    _url,
    editor,  # noqa: F401 - fixtures
    section,  # noqa: F401
    workflow,  # noqa: F401
)
from warta.worker.models import WorkerBeat

pytestmark = pytest.mark.django_db


def _schedule(client, user, desk):
    client.force_login(user)
    go_live_at = timezone.localtime() + timedelta(hours=1)
    data = {
        **_form(desk, headline="Port tariffs to rise next week"),
        "go_live_at": go_live_at.strftime("%Y-%m-%d %H:%M"),
        "action-publish": "Publish",
    }
    response = client.post(_url("add"), data)
    assert response.status_code == 302, _form_errors(response)
    article = Article.objects.get(headline="Port tariffs to rise next week")
    assert article.live is False and article.latest_revision.approved_go_live_at is not None
    return response


def test_scheduling_with_no_worker_warns_the_editor(client, editor, section):  # noqa: F811
    messages = _messages(_schedule(client, editor, section))

    assert any("the background worker has never been seen" in m for m in messages), messages


def test_scheduling_with_a_running_worker_says_nothing_more(client, editor, section):  # noqa: F811
    WorkerBeat.objects.create(name="heartbeat", last_seen=timezone.now())

    messages = _messages(_schedule(client, editor, section))

    assert not any("background worker" in m for m in messages), messages
