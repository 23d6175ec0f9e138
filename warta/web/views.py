"""Public pages. Thin: they ask selectors for data and render templates."""

import time

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from warta.newsroom.content_keys import HOME, author_key, section_key, tag_key
from warta.newsroom.models import Author, Section, Tag
from warta.newsroom.selectors import (
    ArticleRef,
    article_get_by_old_slug,
    article_list_for_author,
    article_list_for_section,
    article_list_for_tag,
    article_search,
    front_page_top_story_ids,
    section_latest_article_ids,
)
from warta.reading.search_query import QUERY_CUT, SEARCH_QUERY_MAX, search_query_clean
from warta.reading.search_rate import TOO_MANY_SEARCHES, search_client, search_rate_count
from warta.reading.whole_text import levels_read_whole

from .article_shells import article_ref_for_page, article_shell
from .cache_policy import personal, with_surrogate_keys
from .card_pages import page_cards, with_card_keys
from .cards import CardList
from .page_cache import CARDS_HEADER, CARDS_LATER, PAGE_KEYS_HEADER
from .paging import list_page
from .personal import fill
from .reader_inputs import gift_link_redirect, reading_for_request, signed_in_user


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
    """The top stories, then each section's newest: their ids from the database, their cards
    from the cards kept (web/cards.py)."""
    top = front_page_top_story_ids()
    blocks = section_latest_article_ids(exclude=top)
    lists = [
        CardList(ids=tuple(top[:1]), level=2, is_lead=True, show_section=True),
        CardList(ids=tuple(top[1:]), level=3, show_section=True),
        *(CardList(ids=tuple(ids), level=3) for _, ids in blocks),
    ]
    lead, top_stories, *section_cards = page_cards(request, lists)
    sections = zip((section for section, _ in blocks), section_cards, strict=True)
    response = render(
        request,
        "web/home.html",
        {
            "lead": lead[0] if lead else None,
            "top_stories": top_stories,
            "sections": [(section, cards) for section, cards in sections if cards],
            "canonical_url": settings.WARTA_BASE_URL + "/",
        },
    )
    return with_card_keys(request, response, lists, HOME)


def _article_response(
    request: HttpRequest, template: str, article: ArticleRef, *, gift_token: str | None = None
) -> HttpResponse:
    reading = reading_for_request(
        request, article=article, now=timezone.now(), gift_token=gift_token
    )
    if reading.grants_to_keep is not None:
        return no_referrer(gift_link_redirect(article=article, reading=reading))
    shell = article_shell(request, template, article=article, kind=reading.shell)
    bits = {"gift_banner": reading.gift_banner, "gift_allowance": reading.allowance}
    # The page cache fills in the related stories' cards itself, each time it answers: a
    # story's update then leaves this page in the cache (decision 0017).
    cards_later = not reading.personal and bool(request.META.get(CARDS_LATER))
    response = HttpResponse(fill(shell.parts, request, bits, cards=not cards_later))
    if reading.personal:
        personal(response)  # it depends on a gift grant: for this reader only
    else:
        # The article and the stories it lists: not its section, whose new stories it does not
        # show (decision 0017).
        with_surrogate_keys(response, *shell.keys)
        if cards_later:
            response[CARDS_HEADER] = "1"
            response[PAGE_KEYS_HEADER] = shell.keys[0]
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


def _listing(
    request: HttpRequest, template: str, queryset, key: str, *, show_section: bool, **context
) -> HttpResponse:
    """A list page: the ids of its stories from the list's query, then their cards (kept per
    story, web/cards.py), or markers the page cache fills in (web/card_pages.py)."""
    ids = queryset.prefetch_related(None).values_list("pk", flat=True)
    page = list_page(request, ids, per_page=settings.WARTA_ARTICLES_PER_PAGE)
    lists = [
        CardList(ids=tuple(page.object_list), level=2, show_dek=True, show_section=show_section)
    ]
    [cards] = page_cards(request, lists)
    response = render(request, template, {"page": page, "cards": cards, **context})
    return with_card_keys(request, response, lists, key)


@require_safe
def section_front(request: HttpRequest, section: str) -> HttpResponse:
    obj = get_object_or_404(Section, slug=section)
    return _listing(
        request,
        "web/section.html",
        article_list_for_section(section=obj),
        section_key(obj.slug),
        show_section=False,
        section=obj,
        canonical_url=settings.WARTA_BASE_URL + obj.get_absolute_url(),
    )


@require_safe
def tag_page(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    return _listing(
        request,
        "web/tag.html",
        article_list_for_tag(tag=tag),
        tag_key(tag.slug),
        show_section=True,
        tag=tag,
    )


@require_safe
def author_page(request: HttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    return _listing(
        request,
        "web/author.html",
        article_list_for_author(author=author),
        author_key(author.slug),
        show_section=True,
        author=author,
    )


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Search what the reader may read: the whole text only of articles they may read whole."""
    query = search_query_clean(request.GET.get("q", ""))
    context: dict[str, object] = {"query": query.words, "results": [], "notice": ""}
    if query.cut:
        context["notice"] = QUERY_CUT.format(max=SEARCH_QUERY_MAX)
    if not query.words:
        list_page(request, [], per_page=1)  # no list: only its first page is there
        return render(request, "web/search.html", context)
    user = signed_in_user(request)
    client = search_client(request, user_id=user.pk if user is not None else None)
    rate = search_rate_count(client=client, now=time.time())
    if not rate.allowed:
        context["refusal"] = TOO_MANY_SEARCHES.format(seconds=rate.retry_after)
        response = render(request, "web/search.html", context, status=429)
        response["Retry-After"] = str(rate.retry_after)
        return personal(response)
    levels = levels_read_whole(user=user, now=timezone.now())
    results = article_search(query=query.words, levels_read_whole=levels)
    page = list_page(request, results, per_page=settings.WARTA_ARTICLES_PER_PAGE)
    context.update(page=page, results=page.object_list)
    return render(request, "web/search.html", context)


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
