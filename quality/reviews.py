"""
Owners and review dates: what is due, and telling each owner once when an item falls due.

Every model that mixes in ``partnership.models.Reviewed`` takes part; only what the public can
see is counted (published pages and publications, contacts in use), since a draft is reviewed
when it is published.
"""

import datetime
import logging
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone

from partnership.models import Publishable, Reviewed

from .models import ReviewReminder

logger = logging.getLogger(__name__)

# "Due soon": within this many days.
DUE_SOON_DAYS = 30


def reviewed_models():
    return [m for m in apps.get_models() if issubclass(m, Reviewed)]


def in_service(model):
    """The items of ``model`` the public can see today."""
    if issubclass(model, Publishable):
        return model.objects.published()
    if hasattr(model.objects, "active"):
        return model.objects.active()
    return model.objects.all()


def admin_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def long_date(day):
    return formats.date_format(day, "j F Y")


@dataclass
class Due:
    """One item due for review, as the admin home page lists it."""

    item: object
    kind: str
    url: str
    review_by: datetime.date
    overdue: bool

    @property
    def title(self):
        return str(self.item)

    @property
    def owner_name(self):
        owner = self.item.owner
        return (owner.get_full_name() or owner.get_username()) if owner else "No owner"

    @property
    def note(self):
        day = long_date(self.review_by)
        return f"Overdue since {day}" if self.overdue else f"Due by {day}"


def due_for_review(today=None, days=DUE_SOON_DAYS, owner=None):
    """Items whose review date is past or within ``days``, overdue first, then soonest."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=days)
    due = []
    for model in reviewed_models():
        items = in_service(model).filter(review_by__lte=horizon).select_related("owner")
        if owner is not None:
            items = items.filter(owner=owner)
        kind = str(model._meta.verbose_name).capitalize()
        due += [
            Due(item, kind, admin_url(item), item.review_by, item.review_by < today)
            for item in items
        ]
    return sorted(due, key=lambda d: (d.review_by, d.title))


def reminder_text(item, today):
    day = long_date(item.review_by)
    when = "today" if item.review_by == today else f"on {day}"
    return (
        f"“{item}” was due for review {when}.\n\n"
        "Please read it through. If it is still right, open it, tick “I have checked it is "
        "still right” and save: visitors will see today's date as “Last reviewed”. If it "
        "needs changing, change it, or pass it to a colleague by changing its owner.\n\n"
        f"{settings.SITE_URL.rstrip('/')}{admin_url(item)}\n"
    )


def send_review_reminders(today=None):
    """E-mail the owner of each item that has fallen due and has not been e-mailed about this
    review date. Returns the number of e-mails sent.

    The reminder is recorded before the e-mail goes, in the same transaction: if the e-mail
    fails the record is rolled back, so the next run tries again; if two runs overlap, the
    unique constraint lets only one of them send.
    """
    today = today or timezone.localdate()
    sent = 0
    for model in reviewed_models():
        content_type = ContentType.objects.get_for_model(model)
        already = ReviewReminder.objects.filter(content_type=content_type).values_list(
            "object_id", "review_by"
        )
        reminded = set(already)
        items = (
            in_service(model)
            .filter(review_by__lte=today, owner__is_active=True)
            .exclude(owner__email="")
            .select_related("owner")
        )
        for item in items:
            if (str(item.pk), item.review_by) in reminded:
                continue
            try:
                with transaction.atomic():
                    ReviewReminder.objects.create(
                        content_type=content_type,
                        object_id=str(item.pk),
                        review_by=item.review_by,
                        sent_to=item.owner.email,
                    )
                    send_mail(
                        f"Due for review: {item}",
                        reminder_text(item, today),
                        settings.DEFAULT_FROM_EMAIL,
                        [item.owner.email],
                    )
            except IntegrityError:
                continue
            except Exception:
                logger.exception("Could not remind %s about “%s”.", item.owner.email, item)
                continue
            sent += 1
    return sent
