"""Redirects from old web addresses to where their content is now."""

from functools import reduce
from operator import or_
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import Resolver404, resolve

from partnership.models import Content, ContentQuerySet, Page
from partnership.sections import PAGE_URL_NAME

MAX_ADDRESS_LENGTH = 500
# A chain longer than this is a mistake in the data, not a history of moves.
MAX_CHAIN = 20


def site_address(value):
    """An old address as the site receives it: "/about-us/?id=3", from a full URL or a path."""
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        value = parts.path or "/"
        if parts.query:
            value += f"?{parts.query}"
    return value if value.startswith("/") else f"/{value}"


class RedirectQuerySet(ContentQuerySet):
    def for_request(self, request):
        """The redirect for the address a visitor asked for, if any: the address with its query
        first, then without. Old sites often ignored case, so case is ignored here too."""
        # No redirect has an address that long, and PostgreSQL cannot be asked about a NUL.
        addresses = [
            address
            for address in (request.get_full_path(), request.path)
            if len(address) <= MAX_ADDRESS_LENGTH and "\x00" not in address
        ]
        if not addresses:
            return None
        query = reduce(or_, (Q(old_path__iexact=address) for address in addresses))
        found = {redirect.old_path.lower(): redirect for redirect in self.filter(query)}
        return next((found[a.lower()] for a in addresses if a.lower() in found), None)

    @transaction.atomic
    def record_moves(self, sender, moves, **kwargs):
        """``address_changed`` receiver: each old address of moved content now redirects to its
        new one, and redirects that led to the old address lead straight to the new one."""
        for old, new in moves:
            # The new address is a page again: a redirect from it would never be used.
            self.filter(old_path=new).delete()
            self.filter(new_path=old).update(new_path=new)
            self.update_or_create(old_path=old, defaults={"new_path": new, "automatic": True})


class Redirect(Content):
    """An old web address that sends visitors on (301, "moved permanently") to where its content
    is now."""

    old_path = models.CharField(
        "old address",
        max_length=MAX_ADDRESS_LENGTH,
        help_text="The address people or search engines still use, from this site or the "
        "partnership's old website, e.g. “/Children/Thresholds.aspx” or "
        "“https://old.example.org/about-us/”. Only the part after the domain is kept.",
    )
    new_path = models.CharField(
        "new address",
        max_length=MAX_ADDRESS_LENGTH,
        help_text="Where to send them: an address on this site, such as "
        "“/professionals/thresholds/”, or another site's full address starting with https://.",
    )
    automatic = models.BooleanField(
        "made by the site",
        default=False,
        editable=False,
        help_text="Made when a page moved or its web address changed.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RedirectQuerySet.as_manager()

    class Meta:
        ordering = ("old_path",)
        constraints = [
            models.UniqueConstraint(
                fields=("old_path",),
                name="redirect_unique_old_address",
                violation_error_message="There is already a redirect from this address.",
            ),
            models.CheckConstraint(
                condition=~Q(old_path=F("new_path")), name="redirect_not_to_itself"
            ),
        ]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Redirects that led here now lead straight on: one hop for visitors, never a chain.
        Redirect.objects.filter(new_path=self.old_path).exclude(pk=self.pk).update(
            new_path=self.new_path
        )

    def clean(self):
        if self.old_path:
            self.old_path = site_address(self.old_path)
            if message := self.answered_by_site(self.old_path):
                raise ValidationError({"old_path": message})
        if self.new_path:
            self.new_path = self.new_path.strip()
            parts = urlsplit(self.new_path)
            on_this_site = self.new_path.startswith("/") and not self.new_path.startswith("//")
            if not on_this_site and not (parts.scheme in ("http", "https") and parts.netloc):
                raise ValidationError(
                    {
                        "new_path": "Give an address on this site starting with “/”, or another "
                        "site's full address starting with https://."
                    }
                )
        if self.old_path and self.new_path:
            self.new_path = self.end_of_chain()

    def end_of_chain(self):
        """Where ``new_path`` finally leads through other redirects: stored instead, so a
        visitor is sent there in one step. A chain that comes back here is refused."""
        route, target = [self.old_path], self.new_path
        while target not in route:
            route.append(target)
            following = (
                Redirect.objects.exclude(pk=self.pk)
                .filter(old_path=target)
                .values_list("new_path", flat=True)
                .first()
            )
            if following is None or len(route) > MAX_CHAIN:
                return target
            target = following
        route.append(target)
        raise ValidationError(
            {
                "new_path": "This would send visitors round in a loop: "
                + " → ".join(route)
                + ". Choose the address where the content is now."
            }
        )

    @staticmethod
    def answered_by_site(address):
        """Why visitors to ``address`` would never reach a redirect, or "" if they would."""
        path = address.split("?", 1)[0]
        try:
            match = resolve(path)
        except Resolver404:
            return ""
        if match.url_name != PAGE_URL_NAME:
            return (
                f"“{path}” is one of the site's own pages, so visitors would never be redirected."
            )
        if Page.objects.published().filter(url_path=match.kwargs["url_path"]).exists():
            return (
                f"“{path}” is a published page, so visitors would see the page and never be "
                "redirected. Move or unpublish the page first."
            )
        return ""
