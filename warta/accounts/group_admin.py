"""The back office's group screens (Wagtail's), forgetting what they change: a group's
permissions are its members' newsroom rights, kept in their cached facts (warta/cache_table.py).
Installed through ``WagtailUsersConfig`` (accounts/apps.py), Wagtail's documented way to
customise these views."""

from django.http import HttpResponseRedirect
from wagtail.users.views import groups

from .reader_cache import reader_cache_forget_many


def _member_ids(group) -> list[int]:
    return list(group.user_set.values_list("pk", flat=True))


class EditView(groups.EditView):
    def process_form(self):
        response = super().process_form()  # the group, then its permissions
        if isinstance(response, HttpResponseRedirect):
            reader_cache_forget_many(_member_ids(self.object))
        return response


class DeleteView(groups.DeleteView):
    def form_valid(self, form):
        members = _member_ids(self.object)
        response = super().form_valid(form)
        reader_cache_forget_many(members)
        return response


class GroupViewSet(groups.GroupViewSet):
    edit_view_class = EditView
    delete_view_class = DeleteView
