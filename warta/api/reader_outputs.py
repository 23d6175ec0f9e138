"""What an article read hands back to the device besides the article: its new gift grants."""

from django.http import HttpResponse

from .app_grants import grants_set_header
from .article_reads import ArticleRead
from .http_caching import answered
from .resources import ArticleResource


def read_answered(response: HttpResponse, read: ArticleRead) -> ArticleResource:
    if read.grants_to_keep is not None:
        grants_set_header(response, read.grants_to_keep)
    return answered(response, read.answer)
