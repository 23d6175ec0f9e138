"""Staff triage feedback in the back office: list, filter, search, move along, export."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from openpyxl import load_workbook

from warta.accounts.models import User
from warta.feedback.models import Feedback, FeedbackStatus
from warta.feedback.tests.factories import FeedbackFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/feedback/feedback/"


@pytest.fixture
def staff_client(client):
    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "x"))
    return client


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_the_listing_shows_messages_escaped(staff_client):
    FeedbackFactory(message="<script>alert('staff')</script> and a long enough message here")

    response = staff_client.get(LIST)

    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert('staff')</script>" not in page
    assert "&lt;script&gt;alert(&#x27;staff&#x27;)&lt;/script&gt;" in page


def test_the_edit_and_inspect_views_show_messages_escaped(staff_client):
    feedback = FeedbackFactory(
        message="<img src=x onerror=alert(1)> the page froze on my phone today",
        reply_email="reader@example.org",
    )

    edit = staff_client.get(f"{LIST}edit/{feedback.pk}/").content.decode()
    inspect = staff_client.get(f"{LIST}inspect/{feedback.pk}/").content.decode()

    for page in (edit, inspect):
        assert "<img src=x onerror" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "reader@example.org" in inspect
    assert feedback.client_hash not in inspect


def test_staff_move_a_message_along_and_only_its_status_changes(staff_client):
    feedback = FeedbackFactory(reply_email="reader@example.org")
    url = f"{LIST}edit/{feedback.pk}/"

    response = staff_client.post(
        url, {"status": FeedbackStatus.IN_PROGRESS, "message": "rewritten by staff"}
    )

    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.IN_PROGRESS
    assert feedback.status_changed_at is not None
    assert feedback.message.startswith("Feedback number")  # read-only
    assert feedback.reply_email == "reader@example.org"


def test_an_unknown_status_is_refused(staff_client):
    feedback = FeedbackFactory()

    response = staff_client.post(f"{LIST}edit/{feedback.pk}/", {"status": "spam"})

    assert response.status_code == 200  # the form again, with its error
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.NEW


def test_nobody_adds_feedback_in_the_back_office(staff_client):
    assert staff_client.get(f"{LIST}add/").status_code in (302, 403)
    assert f'href="{LIST}add/"' not in staff_client.get(LIST).content.decode()
    assert not Feedback.objects.exists()


def test_staff_filter_by_status_and_date_and_search(staff_client):
    old = FeedbackFactory(message="Old complaint about the crossword puzzle being hard")
    old.created_at = timezone.now() - timedelta(days=40)
    old.save(update_fields=["created_at"])
    FeedbackFactory(message="The newsletter arrives twice every single morning", status="done")
    FeedbackFactory(message="Please add a dark mode for reading late at night")

    done = staff_client.get(LIST, {"status": "done"}).content.decode()
    recent = staff_client.get(
        LIST, {"created_at_from": (timezone.now() - timedelta(days=7)).date().isoformat()}
    ).content.decode()
    searched = staff_client.get(LIST, {"q": "dark mode"}).content.decode()

    assert "newsletter" in done and "dark mode" not in done
    assert "crossword" not in recent and "dark mode" in recent
    assert "dark mode" in searched and "newsletter" not in searched


def test_the_csv_export_has_the_rows_and_neutralises_formulas(staff_client):
    FeedbackFactory(message="=cmd|' /C calc'!A0 is what I typed, sorry", reply_email="@x.org")
    FeedbackFactory(message="+1 for the new layout, it reads so much better")
    FeedbackFactory(message="A plain message about the photo captions", status="in_progress")

    rows = _csv(staff_client.get(LIST, {"export": "csv"}))

    assert rows[0] == ["Received", "Status", "Message", "Reply e-mail", "Page"]
    messages = {row[2]: row for row in rows[1:]}
    assert "'=cmd|' /C calc'!A0 is what I typed, sorry" in messages
    assert "'+1 for the new layout, it reads so much better" in messages
    assert messages["A plain message about the photo captions"][1] == "In progress"
    assert messages["'=cmd|' /C calc'!A0 is what I typed, sorry"][3] == "'@x.org"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_csv_export_follows_the_filters(staff_client):
    FeedbackFactory(message="Done: the login page now remembers me properly", status="done")
    FeedbackFactory(message="New: the search does not find older stories")

    rows = _csv(staff_client.get(LIST, {"export": "csv", "status": "done"}))

    assert len(rows) == 2
    assert rows[1][2].startswith("Done:")


def test_the_xlsx_export_keeps_formulas_as_text(staff_client):
    FeedbackFactory(message='=HYPERLINK("http://evil.example","click") said the reader')

    response = staff_client.get(LIST, {"export": "xlsx"})

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = sheet.cell(row=2, column=3)
    assert cell.data_type == "s"
    assert cell.value.startswith("=HYPERLINK")


def _editor_with(*codenames: str) -> User:
    group, _ = Group.objects.get_or_create(name="Feedback triage")
    group.permissions.set(
        [
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
            *Permission.objects.filter(content_type__app_label="feedback", codename__in=codenames),
        ]
    )
    editor = User.objects.create_user("editor", "editor@example.org", "x")
    editor.groups.add(group)
    return editor


def test_staff_with_view_and_change_permissions_can_triage(client):
    feedback = FeedbackFactory()
    client.force_login(_editor_with("view_feedback", "change_feedback"))

    listing = client.get(LIST)
    changed = client.post(f"{LIST}edit/{feedback.pk}/", {"status": FeedbackStatus.DONE})

    assert listing.status_code == 200
    assert changed.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.DONE
    assert client.get(f"{LIST}delete/{feedback.pk}/").status_code in (302, 403)


def test_staff_without_feedback_permissions_do_not_see_it(client):
    client.force_login(_editor_with())

    assert client.get(LIST).status_code in (302, 403)
