"""Public pages. Thin: they ask selectors for data and render templates."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from warta.newsroom.models import Author, Section, Tag
from warta.newsroom.selectors import (
    article_get_by_old_slug,
    article_get_published,
    article_list_for_author,
    article_list_for_section,
    article_list_for_tag,
    article_page,
    article_search,
    front_page_top_stories,
    section_latest_articles,
)

from .article_context import article_page_context
from .reader_access import article_access

SEARCH_QUERY_MAX = 200


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    top = front_page_top_stories()
    return render(
        request,
        "web/home.html",
        {
            "lead": top[0] if top else None,
            "top_stories": top[1:],
            "sections": section_latest_articles(exclude=[a.pk for a in top]),
            "canonical_url": settings.WARTA_BASE_URL + "/",
        },
    )


def _article_response(request: HttpRequest, template: str, article) -> HttpResponse:
    decision = article_access(request, article=article, now=timezone.now())
    context = article_page_context(article=article, request=request, decision=decision)
    return render(request, template, context)


@require_safe
def article_detail(
    request: HttpRequest, section: str, year: str, month: str, day: str, slug: str
) -> HttpResponse:
    article = article_get_published(slug=slug)
    if article is None:
        old = article_get_by_old_slug(slug=slug)
        if old is None:
            raise Http404("No such article.")
        return HttpResponsePermanentRedirect(old.get_absolute_url())
    if request.path != article.get_absolute_url():
        # Section or date in the URL do not match (the section changed, or a mistyped date).
        return HttpResponsePermanentRedirect(article.get_absolute_url())
    return _article_response(request, "web/article.html", article)


@require_safe
def article_print(
    request: HttpRequest, section: str, year: str, month: str, day: str, slug: str
) -> HttpResponse:
    """A printer-friendly page: the same rule, the same body, no site furniture."""
    article = article_get_published(slug=slug)
    if article is None:
        raise Http404("No such article.")
    if request.path != article.get_print_url():
        return HttpResponsePermanentRedirect(article.get_print_url())
    return _article_response(request, "web/article_print.html", article)


def _listing(request: HttpRequest, template: str, queryset, **context) -> HttpResponse:
    page = article_page(
        queryset=queryset,
        number=request.GET.get("page"),
        per_page=settings.WARTA_ARTICLES_PER_PAGE,
    )
    return render(request, template, {"page": page, **context})


@require_safe
def section_front(request: HttpRequest, section: str) -> HttpResponse:
    obj = get_object_or_404(Section, slug=section)
    return _listing(
        request,
        "web/section.html",
        article_list_for_section(section=obj),
        section=obj,
        canonical_url=settings.WARTA_BASE_URL + obj.get_absolute_url(),
    )


@require_safe
def tag_page(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    return _listing(request, "web/tag.html", article_list_for_tag(tag=tag), tag=tag)


@require_safe
def author_page(request: HttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    return _listing(
        request, "web/author.html", article_list_for_author(author=author), author=author
    )


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = " ".join(request.GET.get("q", "").split())[:SEARCH_QUERY_MAX]
    results = article_search(query=query) if query else []
    return render(request, "web/search.html", {"query": query, "results": results})


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /accounts/",
        "",
        f"Sitemap: {settings.WARTA_BASE_URL}/sitemap.xml",
        f"Sitemap: {settings.WARTA_BASE_URL}/sitemap-news.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
