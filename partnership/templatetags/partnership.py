from django import template
from django.core.exceptions import DisallowedHost
from django.templatetags.static import static
from django.utils.safestring import mark_safe

from ..context_processors import LANGUAGE_PARAMETER
from ..models import Document, Page, PressStatement
from ..rich_text import render, render_with_contents, sanitise
from ..search import visible_text

register = template.Library()


@register.filter
def rich_text(html):
    """Render editor-written HTML, sanitised again so stored markup can never inject script, with
    library images in place of their references."""
    return mark_safe(render(html))  # noqa: S308 - sanitised by nh3 with the editor's allow-list


@register.simple_tag
def rich_text_with_contents(html):
    """``{"html", "contents"}``: a long body with an id on each main heading, and the list of
    them for a contents list."""
    body, contents = render_with_contents(html)
    return {"html": mark_safe(body), "contents": contents}  # noqa: S308 - sanitised by nh3


@register.filter
def plain_text(html):
    """Editor-written HTML as the words a reader sees, for meta descriptions."""
    return " ".join(visible_text(sanitise(html)).split())


@register.simple_tag(takes_context=True)
def highlighted(context, result, part):
    """A search result's title or excerpt with the searched-for words in <mark>."""
    terms = context.get("terms", [])
    return result.highlighted_title(terms) if part == "title" else result.excerpt(terms)


@register.inclusion_tag("includes/metadata.html", takes_context=True)
def metadata(context):
    """Canonical link, description and Open Graph tags for whatever the page shows."""
    request = context.get("request")
    site = context.get("site_settings")
    title = site.name if site else ""
    description = plain_text(site.introduction) if site else ""
    kind = "website"
    item = context.get("statement") or context.get("page") or context.get("publication")
    # Another app's page names its item here (an event, a briefing): a title and a summary.
    item = context.get("metadata_item") or item
    if isinstance(item, PressStatement | Page | Document) or "metadata_item" in context:
        title = item.title
        description = item.summary or plain_text(item.body)
        kind = "article"
    try:
        canonical = request.build_absolute_uri(request.path) if request else ""
    except DisallowedHost:
        # The 400 page for a request to a host the site does not serve: no absolute URLs.
        canonical = ""
    page_obj = context.get("page_obj")
    if canonical and page_obj is not None and page_obj.number > 1:
        canonical += f"?page={page_obj.number}"
    return {
        "site_name": site.name if site else "",
        "title": title,
        "description": description,
        "kind": kind,
        "canonical": canonical,
        "image": canonical and request.build_absolute_uri(static("img/icon-512.png")),
    }


@register.simple_tag(takes_context=True)
def language_url(context, language):
    """This page's address with the concern banner in ``language`` ("" for English)."""
    request = context["request"]
    query = request.GET.copy()
    query.pop(LANGUAGE_PARAMETER, None)
    if language:
        query[LANGUAGE_PARAMETER] = language
    return f"{request.path}?{query.urlencode()}" if query else request.path


@register.simple_tag(takes_context=True)
def nav_current(context, url):
    """``aria-current`` for a navigation link: "page" on its own page, "true" anywhere below it."""
    request = context.get("request")
    path = request.path if request else ""
    if path == url:
        return mark_safe(' aria-current="page"')
    if url != "/" and path.startswith(url):
        return mark_safe(' aria-current="true"')
    return ""
