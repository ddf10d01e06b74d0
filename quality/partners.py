"""
Replacing a partner prompts the rest: when an organisation is replaced (the CCG by the ICB), the
roles, executive members and published text that still name the old one.
"""

from django.db import models
from django.db.models import Q

from partnership.models import ExecutiveMember, Partner, RoleHolder

from .checks import checked_models, plain_text
from .models import words_pattern
from .reviews import admin_url


def still_named(partner):
    """What still names ``partner`` after it was replaced or left: {"roles", "members",
    "pages"}, each a list of {"title", "kind", "admin_url"}; None for a partner still serving."""
    if partner is None or partner.pk is None or (partner.active and not partner.replaced_by_id):
        return None

    def entry(item, note=""):
        return {
            "title": str(item) + note,
            "kind": str(item._meta.verbose_name).capitalize(),
            "admin_url": admin_url(item),
        }

    roles = [entry(holder) for holder in RoleHolder.objects.current().filter(partner=partner)]
    members = [entry(member) for member in ExecutiveMember.objects.active().filter(partner=partner)]
    pattern = words_pattern(partner.organisation)
    # The database finds the candidates by the name's longest word; the pattern decides.
    longest = max(partner.organisation.split(), key=len, default="")
    pages = []
    for model in checked_models():
        text_fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        query = Q(pk__in=[])
        for name in text_fields:
            query |= Q(**{f"{name}__icontains": longest})
        for item in model.objects.published().filter(query):
            if pattern.search(plain_text(item)):
                pages.append(entry(item))
    return {"roles": roles, "members": members, "pages": pages}


def replaced_partners():
    """Former partners something still names, for the admin home page."""
    found = []
    for partner in Partner.objects.filter(Q(active=False) | Q(replaced_by__isnull=False)):
        named = still_named(partner)
        count = sum(len(v) for v in named.values()) if named else 0
        if count:
            found.append({"title": str(partner), "url": admin_url(partner), "count": count})
    return found
