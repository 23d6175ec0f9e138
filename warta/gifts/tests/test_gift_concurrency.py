"""The allowance and the browser cap hold under real concurrency: many HTTP requests at once
against a live server, each on its own database connection (SQLite and PostgreSQL alike)."""

import json
import threading
import urllib.error
import urllib.request
from collections import Counter
from http.cookiejar import CookieJar

import pytest
from django.conf import settings
from django.test import Client

from warta.gifts.models import Gift, GiftBrowser
from warta.gifts.tests.factories import premium_article, subscriber

pytestmark = pytest.mark.django_db(transaction=True)


def _session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _all_at_once(count: int, work) -> list:
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(i: int) -> None:
        barrier.wait()
        results[i] = work(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _post_gift(base_url: str, session: str, article_id: int) -> tuple[int, dict]:
    csrf = "c" * 32
    request = urllib.request.Request(
        f"{base_url}/gift/article/{article_id}/",
        data=f"csrfmiddlewaretoken={csrf}".encode(),
        method="POST",
        headers={
            "Accept": "application/json",
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; csrftoken={csrf}",
            "Referer": base_url + "/",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


@pytest.mark.parametrize("allowance", [5, 3])
def test_fifty_simultaneous_gifts_of_different_articles_stop_at_the_allowance(
    live_server, allowance
):
    gifter = subscriber(gifts=allowance)
    articles = [premium_article() for _ in range(50)]
    session = _session_cookie(gifter)

    results = _all_at_once(50, lambda i: _post_gift(live_server.url, session, articles[i].pk))

    statuses = Counter(status for status, _ in results)
    assert statuses == {201: allowance, 409: 50 - allowance}
    refusals = {body["error"] for status, body in results if status == 409}
    assert refusals == {"You have used all your gift articles for this month."}
    assert Gift.objects.filter(gifter=gifter).count() == allowance
    assert sorted(Gift.objects.values_list("slot", flat=True)) == list(range(1, allowance + 1))


def test_ten_simultaneous_gifts_of_one_article_make_one_link(live_server):
    gifter = subscriber(gifts=5)
    article = premium_article()
    session = _session_cookie(gifter)

    results = _all_at_once(10, lambda i: _post_gift(live_server.url, session, article.pk))

    assert {status for status, _ in results} <= {200, 201}
    assert Counter(status for status, _ in results)[201] == 1
    assert len({body["url"] for _, body in results}) == 1
    assert Gift.objects.count() == 1


def test_thirty_simultaneous_first_opens_admit_exactly_the_browser_cap(live_server, settings):
    settings.WARTA_GIFT_MAX_BROWSERS = 10
    gifter = subscriber(gifts=5)
    article = premium_article()
    made = Client()
    made.force_login(gifter)
    link = made.post(f"/gift/article/{article.pk}/", HTTP_ACCEPT="application/json").json()["url"]
    local_link = live_server.url + link.split(settings.WARTA_BASE_URL, 1)[1]

    def first_open(_: int) -> int:
        # A fresh browser each time: its own cookie jar, no redirects followed.
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect()
        )
        try:
            with opener.open(local_link, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    statuses = _all_at_once(30, first_open)

    assert Counter(statuses) == {302: 10, 200: 20}
    assert GiftBrowser.objects.count() == 10
    assert sorted(GiftBrowser.objects.values_list("seat", flat=True)) == list(range(1, 11))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
