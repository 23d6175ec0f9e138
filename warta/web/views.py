"""Public pages. Thin: they ask selectors for data and render templates."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from warta.access.rules import GiftState
from warta.newsroom.models import Article, Author, Section, Tag
from warta.newsroom.selectors import (
    ArticleRef,
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

from .article_context import article_page_context, gift_page_context
from .article_shells import article_ref_for_page, article_shell, reader_kind
from .cache_policy import with_surrogate_keys
from .gift_access import gift_from_cookie, gift_link_exchange
from .personal import fill
from .reader_access import article_access

SEARCH_QUERY_MAX = 200


def _with_query(request: HttpRequest, path: str) -> str:
    """Keep the query (a gift token, say) when redirecting an old URL to the current one."""
    query = request.GET.urlencode()
    return f"{path}?{query}" if query else path


def no_referrer(response: HttpResponse) -> HttpResponse:
    """Pages reached with a gift token in the URL must not pass it on in Referer headers."""
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    top = front_page_top_stories()
    response = render(
        request,
        "web/home.html",
        {
            "lead": top[0] if top else None,
            "top_stories": top[1:],
            "sections": section_latest_articles(exclude=[a.pk for a in top]),
            "canonical_url": settings.WARTA_BASE_URL + "/",
        },
    )
    return with_surrogate_keys(response, "home")


def _full_article(ref: ArticleRef) -> Article:
    """The article behind ``ref``, to render its page (unpublished a moment ago: gone)."""
    article = ref.loaded or article_get_published(slug=ref.slug)
    if article is None:
        raise Http404("No such article.")
    return article


def _article_response(
    request: HttpRequest, template: str, article: ArticleRef, *, gift_token: str | None = None
) -> HttpResponse:
    now = timezone.now()
    gift_state: GiftState | None
    if gift_token is not None:
        redirect, opening = gift_link_exchange(request, article=article, token=gift_token, now=now)
        if redirect is not None:
            return no_referrer(redirect)
        gift_state, gift = opening.state, opening.gift
    else:
        gift_state, gift = gift_from_cookie(request, article=article, now=now)
    if gift_state is not None:
        request.warta_personal = True  # type: ignore[attr-defined]  # see cache_policy
    decision = article_access(request, article=article, now=now, gift=gift_state)
    bits = gift_page_context(request, article=article, decision=decision, gift=gift, now=now)
    offer = bits["gift_offer"]
    signed_in = request.user.is_authenticated
    shell = article_shell(
        request,
        template,
        kind=reader_kind(
            decision=decision,
            signed_in=signed_in,
            gift_reader=bits["noindex"],
            can_gift=bool(offer and offer["can_gift"]),
        ),
        signed_in=signed_in,
        context=lambda: {
            **article_page_context(
                article=_full_article(article), request=request, decision=decision
            ),
            "noindex": bits["noindex"],
            # The gifting control as every reader of this kind sees it: no count, which is a bit.
            "gift_offer": offer and {k: v for k, v in offer.items() if k != "allowance"},
        },
    )
    response = HttpResponse(fill(shell, request, {"article": article, **bits}))
    with_surrogate_keys(response, f"article-{article.pk}", f"section-{article.section_slug}")
    return no_referrer(response) if gift_token is not None else response


@require_safe
def article_detail(
    request: HttpRequest, section: str, year: str, month: str, day: str, slug: str
) -> HttpResponse:
    article = article_ref_for_page(slug=slug)
    if article is None:
        old = article_get_by_old_slug(slug=slug)
        if old is None:
            raise Http404("No such article.")
        return HttpResponsePermanentRedirect(_with_query(request, old.get_absolute_url()))
    if request.path != article.get_absolute_url():
        # Section or date in the URL do not match (the section changed, or a mistyped date).
        return HttpResponsePermanentRedirect(_with_query(request, article.get_absolute_url()))
    return _article_response(
        request, "web/article.html", article, gift_token=request.GET.get("gift")
    )


@require_safe
def article_print(
    request: HttpRequest, section: str, year: str, month: str, day: str, slug: str
) -> HttpResponse:
    """A printer-friendly page: the same rule, the same body, no site furniture."""
    article = article_ref_for_page(slug=slug)
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
    response = _listing(
        request,
        "web/section.html",
        article_list_for_section(section=obj),
        section=obj,
        canonical_url=settings.WARTA_BASE_URL + obj.get_absolute_url(),
    )
    return with_surrogate_keys(response, f"section-{obj.slug}")


@require_safe
def tag_page(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    response = _listing(request, "web/tag.html", article_list_for_tag(tag=tag), tag=tag)
    return with_surrogate_keys(response, f"tag-{tag.slug}")


@require_safe
def author_page(request: HttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    response = _listing(
        request, "web/author.html", article_list_for_author(author=author), author=author
    )
    return with_surrogate_keys(response, f"author-{author.slug}")


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
