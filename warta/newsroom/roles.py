"""The newsroom's roles and its review workflow, set up idempotently.

Reporters write and submit articles for review; Editors publish, schedule and run the desk.
Wagtail creates the publish/lock permissions of snippet models after migrations, so this runs as
a command (``manage.py newsroom_setup``) after ``migrate`` rather than as a data migration.

Images are permitted per collection, and Wagtail checks them under ``wagtailimages``' own
codenames (``add_image``, ``choose_image``...) whatever the image model is: the library's
``newsroom.NewsImage`` adds nothing to that. Wagtail's first migrations also create an "Editors"
group with rights on the page tree, which warta does not use (docs/decisions/0001): the
newsroom's groups have none, so the admin shows them no page menus, reports or counts.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowContentType,
    WorkflowTask,
)

from .models import Article

REPORTERS = "Reporters"
EDITORS = "Editors"
WORKFLOW_NAME = "Newsroom review"

_ARTICLE_WRITE = ["add_article", "change_article", "lock_article"]
# Wagtail's image rights, held on the root collection (see the module docstring).
_IMAGES = ["add_image", "change_image", "choose_image"]
_EDITOR_IMAGES = [*_IMAGES, "delete_image"]
_EDITOR_EXTRA = [
    "publish_article",
    "delete_article",
    "unlock_article",
    "add_section",
    "change_section",
    "add_author",
    "change_author",
    "add_wiresource",
    "change_wiresource",
    "add_tag",
    "change_tag",
    "add_frontpage",
    "change_frontpage",
    # Reader feedback: editors triage it (nobody adds it by hand; deleting is for administrators).
    "view_feedback",
    "change_feedback",
]


def _permissions(codenames: list[str], *, app_label: str | None = None) -> list[Permission]:
    permissions = Permission.objects.filter(codename__in=codenames)
    if app_label is not None:
        permissions = permissions.filter(content_type__app_label=app_label)
    found = list(permissions)
    missing = set(codenames) - {p.codename for p in found}
    if missing:
        raise RuntimeError(f"Permissions missing (run migrate first): {sorted(missing)}")
    return found


@transaction.atomic
def newsroom_roles_ensure() -> Workflow:
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    reporters, _ = Group.objects.get_or_create(name=REPORTERS)
    reporters.permissions.add(admin_access, *_permissions(_ARTICLE_WRITE))
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(admin_access, *_permissions(_ARTICLE_WRITE + _EDITOR_EXTRA))

    # Images are permitted per collection: both roles work in the whole library.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for group, codenames in ((reporters, _IMAGES), (editors, _EDITOR_IMAGES)):
        for permission in _permissions(codenames, app_label="wagtailimages"):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )
    newsroom = (reporters, editors)
    # Earlier set-ups granted the image model's own codenames, which Wagtail never checks.
    GroupCollectionPermission.objects.filter(
        group__in=newsroom, permission__content_type__app_label="newsroom"
    ).delete()
    for group in newsroom:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="newsroom", codename__endswith="_newsimage"
            )
        )
    # No page tree in warta: no page rights (Wagtail's own "Editors" group comes with some).
    GroupPagePermission.objects.filter(group__in=newsroom).delete()

    task_ct = ContentType.objects.get_for_model(GroupApprovalTask)
    task, _ = GroupApprovalTask.objects.get_or_create(
        name="Editor approval", defaults={"content_type": task_ct, "active": True}
    )
    task.groups.add(editors)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(Article), defaults={"workflow": workflow}
    )
    return workflow


def user_is_newsroom_staff(user) -> bool:
    """Reporters, editors and administrators: they read every article whole."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.has_perm("newsroom.change_article")
