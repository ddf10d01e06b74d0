"""A new editor walks the admin (an Approver, not a superuser) and meets no developer's word."""

import re

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from reversion.models import Version

from partnership.models import Page

from .helpers import sign_in

DEVELOPER_WORDS = ("object", "objects", "slug", "revert", "reverted", "preposition")
PATTERN = re.compile(r"\b(" + "|".join(DEVELOPER_WORDS) + r")\b", re.IGNORECASE)


def screens():
    """Every screen an editor reaches from the home page: each list and add form, and for a page
    its form, history, an earlier version, deleted items and the delete page."""
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        opts = model._meta
        for view in ("changelist", "add"):
            try:
                urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}"))
            except NoReverseMatch:
                pass
    page = Page.objects.published().first()
    version = Version.objects.get_for_object(page).first()
    urls += [
        reverse("admin:partnership_page_change", args=[page.pk]),
        reverse("admin:partnership_page_history", args=[page.pk]),
        reverse("admin:partnership_page_recoverlist"),
        reverse("admin:partnership_page_delete", args=[page.pk]),
    ]
    if version:
        urls.append(reverse("admin:partnership_page_revision", args=[page.pk, version.pk]))
    return urls


def test_a_new_editor_meets_no_developer_word_on_any_screen(page, django_user_model):
    sign_in(page, django_user_model)
    # A saved version to restore: save a page once in its form.
    first = Page.objects.published().first()
    page.goto(reverse("admin:partnership_page_change", args=[first.pk]))
    page.get_by_role("button", name="Save and continue editing").click()
    found = []
    for url in screens():
        page.goto(url)
        if page.url.endswith("/login/") or "/login/?" in page.url:
            continue
        text = page.locator("body").inner_text()
        for match in PATTERN.finditer(text):
            around = " ".join(text[max(0, match.start() - 40) : match.end() + 40].split())
            found.append(f"{url}: “{match.group(0)}” in “…{around}…”")
    assert found == []
