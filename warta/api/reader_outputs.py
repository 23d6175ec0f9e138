"""What an article read hands back to the device besides the article: its new gift grants, and
the signed source its sign-up will be credited to (``accounts.attribution``)."""

from django.http import HttpResponse

from warta.accounts.attribution import HEADER as SOURCE_HEADER
from warta.accounts.attribution import attribution_signed

from .app_grants import grants_set_header
from .article_reads import ArticleRead
from .http_caching import answered
from .resources import ArticleResource


def read_answered(response: HttpResponse, read: ArticleRead) -> ArticleResource:
    if read.grants_to_keep is not None:
        grants_set_header(response, read.grants_to_keep)
    if read.source_to_keep is not None:
        response[SOURCE_HEADER] = attribution_signed(read.source_to_keep)
    return answered(response, read.answer)
