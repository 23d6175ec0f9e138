"""The back office's user screens change what a reader's cached facts say (their roles, hence
newsroom rights; their account): forget those facts and the cached user once the edit commits.

A group's own permissions edited there do the same for its members (accounts/group_admin.py).
"""

from wagtail import hooks

from .reader_cache import reader_cache_forget
from .user_cache import user_cache_forget


@hooks.register("after_create_user")
@hooks.register("after_edit_user")
@hooks.register("after_delete_user")
def reader_forget(request, user):
    reader_cache_forget(user.pk)
    user_cache_forget(user.pk)
