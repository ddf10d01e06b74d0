"""
Load the partnership's initial content from a JSON file.

Idempotent and respectful of editors: each item is recorded once it has been loaded, and an
item already recorded, or already present under the same natural key, is left exactly as it is.
So running the command again changes nothing, and an editor's later change or deletion stands.
"""

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.dateparse import parse_datetime

from partnership.models import (
    ConcernContact,
    Document,
    ExecutiveMember,
    InitialContentRecord,
    NavigationLink,
    OpeningHours,
    Page,
    Partner,
    PressStatement,
    Priority,
    RoleHolder,
    SiteSettings,
    Status,
    VisionStatement,
)


class Command(BaseCommand):
    help = "Load the initial content (default: DJANGO_INITIAL_CONTENT) without overwriting edits."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=settings.INITIAL_CONTENT)

    def handle(self, path, **options):
        try:
            content = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read initial content from {path}: {error}") from error
        self.created = 0
        with transaction.atomic():
            self.load(content)
        self.stdout.write(f"Initial content: {self.created} new item(s) loaded from {path}.")

    def seed(self, key, exists, create):
        """Create one item unless it was loaded before or an item with its key already exists."""
        if InitialContentRecord.objects.filter(key=key).exists():
            return
        if not exists():
            create()
            self.created += 1
        InitialContentRecord.objects.create(key=key)

    def load(self, content):
        site = dict(content.get("site_settings") or {})
        # Pages the settings point to, by address: linked once the pages exist.
        page_links = {field: site.pop(field) for field in PAGE_LINKS if field in site}
        if site:
            self.seed(
                "site-settings",
                SiteSettings.objects.exists,
                lambda: save(SiteSettings(**site)),
            )
        for item in content.get("partners", []):
            # A former partner names the organisation that replaced it, listed before it.
            replaced_by = Partner.objects.filter(organisation=item.get("replaced_by")).first()
            self.seed(
                f"partner:{item['organisation']}",
                Partner.objects.filter(organisation=item["organisation"]).exists,
                lambda item=item, replaced_by=replaced_by: save(
                    Partner(**item | {"replaced_by": replaced_by})
                ),
            )
        for item in content.get("role_holders", []):
            partner = Partner.objects.filter(organisation=item["partner"]).first()
            if item["partner"] and not partner:
                continue  # An editor has since renamed or deleted the organisation.
            fields = item | {"partner": partner}
            self.seed(
                f"role:{item['role']}:{item['partner'] or ''}:{item['title']}",
                RoleHolder.objects.filter(
                    role=item["role"], partner=partner, title=item["title"]
                ).exists,
                lambda fields=fields: save(RoleHolder(**fields)),
            )
        for item in content.get("executive_members", []):
            partner = item["partner"] and Partner.objects.get(organisation=item["partner"])
            fields = item | {"partner": partner or None}
            self.seed(
                f"executive-member:{item['role']}:{item['partner'] or ''}",
                ExecutiveMember.objects.filter(role=item["role"], partner=partner or None).exists,
                lambda fields=fields: save(ExecutiveMember(**fields)),
            )
        for item in content.get("vision_statements", []):
            self.seed(
                f"vision:{item['in_force_from']}",
                VisionStatement.objects.filter(in_force_from=item["in_force_from"]).exists,
                lambda item=item: create_vision(**item),
            )
        for item in content.get("priorities", []):
            self.seed(
                f"priority:{item['year']}:{item['title']}",
                Priority.objects.filter(year=item["year"], title=item["title"]).exists,
                lambda item=item: save(Priority(status=Status.PUBLISHED, **item)),
            )
        for model, section in ((Document, "documents"), (PressStatement, "press_statements")):
            for item in content.get(section, []):
                self.seed(
                    f"{section}:{item['slug']}",
                    model.objects.filter(slug=item["slug"]).exists,
                    lambda model=model, item=item: save(model(**published(item))),
                )
        # The learning library's topics, from the partnership's priorities. Found by name rather
        # than imported: the learning app is built on this one, never the other way round.
        if apps.is_installed("learning"):
            topic_model = apps.get_model("learning", "Topic")
            for item in content.get("learning_topics", []):
                self.seed(
                    f"learning-topic:{item['slug']}",
                    topic_model.objects.filter(slug=item["slug"]).exists,
                    lambda item=item: save(topic_model(**item)),
                )
        for item in content.get("concern_contacts", []):
            self.seed(
                f"concern-contact:{item['phone_number']}",
                ConcernContact.objects.filter(phone_number=item["phone_number"]).exists,
                lambda item=item: create_contact(**item),
            )
        for item in content.get("pages", []):
            self.seed_page(item, parent=None)
        site = SiteSettings.objects.current()
        for order, item in enumerate(content.get("navigation", []), start=1):
            page = Page.objects.filter(url_path=item.get("page", "")).first()
            if item.get("page") and not page:
                continue  # An editor has since moved or deleted the page: leave the link out.
            self.seed(
                f"navigation:{item.get('page') or item['section']}",
                NavigationLink.objects.filter(page=page, section=item.get("section", "")).exists,
                lambda item=item, page=page, order=order: save(
                    NavigationLink(site=site, order=order, **item | {"page": page})
                ),
            )
        if page_links:
            self.seed("site-settings:pages", lambda: False, lambda: link_pages(page_links))

    def seed_page(self, item, parent):
        """A page, inside ``parent``, then the pages inside it (``children``)."""
        fields = {name: value for name, value in item.items() if name != "children"}
        address = f"{parent.url_path}/{fields['slug']}" if parent else fields["slug"]
        self.seed(
            f"page:{address}",
            Page.objects.filter(url_path=address).exists,
            lambda: place_page(Page(**published(fields)), parent),
        )
        if page := Page.objects.filter(url_path=address).first():
            for child in item.get("children", []):
                self.seed_page(child, page)


def place_page(page, parent):
    """Validate as the admin would, then add the page to the tree inside ``parent``."""
    page.intended_parent = parent
    page.full_clean(exclude=[*Page.PLACE_FIELDS, "url_path"])
    if parent:
        return Page.objects.add_child(parent, instance=page)
    return Page.objects.add_root(instance=page)


# Site settings that name a page by its address, in the order they are linked: the contact page
# before the accessibility statement, which cannot be published without a way to contact us.
PAGE_LINKS = ("contact_page", "accessibility_statement", "staying_safe_page")


def link_pages(links):
    """Point the settings at their pages, leaving any link an editor has already made."""
    site = SiteSettings.objects.current()
    for field in PAGE_LINKS:
        address = links.get(field)
        if address and getattr(site, f"{field}_id") is None:
            setattr(site, field, Page.objects.filter(url_path=address).first())
    save(site)


def published(item):
    """Initial content is published unless it says otherwise (a draft for editors to finish),
    at its own date where it has one."""
    fields = {"status": Status.PUBLISHED} | item
    if "publish_at" in fields:
        fields["publish_at"] = parse_datetime(fields["publish_at"])
    return fields


def save(obj):
    """Validate as the admin would (rich text is sanitised here too), then save."""
    obj.full_clean()
    obj.save()
    return obj


def create_vision(outcomes, principles, **fields):
    vision = save(VisionStatement(status=Status.PUBLISHED, **fields))
    for order, text in enumerate(outcomes, start=1):
        vision.outcomes.create(text=text, order=order)
    for order, text in enumerate(principles, start=1):
        vision.principles.create(text=text, order=order)


def create_contact(opening_hours=(), **fields):
    contact = save(ConcernContact(**fields))
    for weekday, opens, closes in opening_hours:
        save(OpeningHours(contact=contact, weekday=weekday, opens=opens, closes=closes))
