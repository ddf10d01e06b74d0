"""
The partnership's content: every word the public reads comes from these models.

History survives change: partners and executive members are retired (``active``) rather than
deleted, a partner records the organisation that replaced it, and vision statements and priorities
are kept per business year so earlier years stay readable.
"""

import datetime
from functools import reduce
from itertools import groupby
from operator import or_

import reversion
from django.apps import apps
from django.conf import global_settings, settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Substr
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from .documents import DOCUMENT_TYPES, human_size
from .rich_text import RichTextField
from .sections import navigable_sections, section, shadowing_message
from .signals import address_changed, content_changed

PHONE_PATTERN = r"^\+?[0-9][0-9 ]*$"


def business_year_label(start_year):
    """Return "2021/2022" for 2021: the April-to-March year the partnership plans by."""
    return f"{start_year}/{start_year + 1}"


def current_business_year(today=None):
    """Return the start year of the business year (1 April to 31 March) containing ``today``."""
    today = today or timezone.localdate()
    return today.year if today.month >= 4 else today.year - 1


class Status(models.TextChoices):
    DRAFT = "draft", "Draft – not on the public site"
    PUBLISHED = "published", "Published"


class ContentQuerySet(models.QuerySet):
    """Bulk writes send no save or delete signals, so these announce the change themselves."""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        self._content_changed()
        return rows

    def bulk_create(self, *args, **kwargs):
        created = super().bulk_create(*args, **kwargs)
        self._content_changed()
        return created

    def bulk_update(self, *args, **kwargs):
        rows = super().bulk_update(*args, **kwargs)
        self._content_changed()
        return rows

    def _content_changed(self):
        content_changed.send(sender=self.model)

    def changes_after(self, now):
        """When what the public sees of these items next changes with no edit.

        A ``values_list`` queryset of datetimes after ``now``, or a list of such querysets (each
        one an index can serve) or of datetimes worked out in Python where SQL cannot (a line's
        next opening or closing), or None for content that only changes when edited. The page
        cache unions every content model's, so a model whose pages change with time (a scheduled
        item going live or leaving, an event ending, a line closing) says so here and its pages
        are made anew on the minute.
        """
        return None


class Content(models.Model):
    """A model the public site shows: every change to it, bulk ones too, makes pages anew."""

    objects = ContentQuerySet.as_manager()

    class Meta:
        abstract = True


def content_models():
    """Every model the public sees, in any app: the subclasses of ``Content``."""
    return [model for model in apps.get_models() if issubclass(model, Content)]


class ActiveQuerySet(ContentQuerySet):
    """Content that is retired (``active`` unticked) rather than deleted, to keep its history."""

    def active(self):
        """What the public sees today: items an editor has not retired."""
        return self.filter(active=True)

    def former(self):
        """Retired items, kept so the record of who did what survives."""
        return self.filter(active=False)


def live_q(now):
    """The one rule for what the public may see: published, with a publish date that has come
    and no unpublish date that has passed."""
    return Q(status=Status.PUBLISHED, publish_at__lte=now) & (
        Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now)
    )


def scheduled_q(now):
    """Published by an editor, but with a publish date still to come."""
    return Q(status=Status.PUBLISHED, publish_at__gt=now)


class PublishableQuerySet(ContentQuerySet):
    def published(self):
        """Items the public may see: published, with a publish date that has arrived and no
        unpublish date that has passed.

        Publication is decided at request time, so an item scheduled for the future goes live
        on the minute, and one scheduled to come off the site leaves on the minute, without a
        cron job.
        """
        return self.filter(live_q(timezone.now()))

    def published_with(self, item):
        """published() plus one item, draft or scheduled: what an editor's preview shows."""
        return self.filter(live_q(timezone.now()) | Q(pk=item.pk))

    def scheduled(self):
        """Items that will go live by themselves later."""
        return self.filter(scheduled_q(timezone.now()))

    def changes_after(self, now):
        # Two queries, each served by an index: going live, and leaving. Each item's next moment
        # is among them, and the page cache unions them with every other model's.
        published = self.filter(status=Status.PUBLISHED).order_by()
        return [
            published.filter(publish_at__gt=now).values_list("publish_at", flat=True),
            published.filter(unpublish_at__gt=now).values_list("unpublish_at", flat=True),
        ]


class Publishable(Content):
    """Draft/published status and a publish date, shared by everything editors schedule."""

    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Drafts are never shown to the public. Choose “Published” when it is ready.",
    )
    publish_at = models.DateTimeField(
        "publish date",
        default=timezone.now,
        help_text=(
            "When it appears on the public site. Set a future date and time to publish it "
            "automatically then."
        ),
    )
    unpublish_at = models.DateTimeField(
        "unpublish date",
        null=True,
        blank=True,
        help_text=(
            "Optional. When it leaves the public site by itself: from lists, feeds, search and "
            "the sitemap, and its address says “page not found”. Leave empty to keep it."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField("last updated", auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_live(self):
        """The object-level twin of live_q(): published, its publish date come, its unpublish
        date (if any) not yet."""
        now = timezone.now()
        return (
            self.status == Status.PUBLISHED
            and self.publish_at <= now
            and not self.is_unpublished(now)
        )

    def is_unpublished(self, now=None):
        """Published once, and its unpublish date has passed."""
        return self.unpublish_at is not None and self.unpublish_at <= (now or timezone.now())

    def clean(self):
        if self.unpublish_at and self.publish_at and self.unpublish_at <= self.publish_at:
            raise ValidationError(
                {"unpublish_at": "The unpublish date must come after the publish date."}
            )

    @property
    def is_scheduled(self):
        """The object-level twin of scheduled_q()."""
        return self.status == Status.PUBLISHED and self.publish_at > timezone.now()


def months_from(day, months):
    """The same day ``months`` later (the month's last day where it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last_day in range(day.day, 27, -1):
        try:
            return day.replace(year=year, month=month, day=last_day)
        except ValueError:
            continue
    return day.replace(year=year, month=month, day=min(day.day, 28))


def review_in_12_months():
    """Pages and publications are checked once a year."""
    return months_from(timezone.localdate(), 12)


def review_in_6_months():
    """Contact details go stale sooner: they are checked twice a year."""
    return months_from(timezone.localdate(), 6)


def may_edit(user, model):
    """Whether ``user`` can edit ``model``'s items in the admin: who may own them."""
    opts = model._meta
    return bool(
        user
        and user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    )


class Reviewed(models.Model):
    """Content someone owns and checks by a date, so it stays right after it is published.

    Confirming a review (``confirm_review()``) is the only thing that moves "last reviewed" on:
    an edit, an import or a migration never does, so visitors read the date a person checked.
    """

    # How long a review lasts; the default "review by" date of a new item.
    REVIEW_MONTHS = 12

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who keeps it right: they are reminded by e-mail when it is due for review. "
        "Left empty on a new item, it is you.",
    )
    review_by = models.DateField(
        "review by",
        default=review_in_12_months,
        help_text="When it must next be checked. Its owner is e-mailed on that day, and it is "
        "listed as overdue on the admin home page after it.",
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="When someone last checked it is still right. Shown to visitors as “Last "
        "reviewed”; edits alone do not change it. Tick “I have checked it” to set it to today.",
    )

    class Meta:
        abstract = True

    def confirm_review(self, today=None):
        """Someone has checked it today: visitors see that date, and the next review is due a
        full period later."""
        today = today or timezone.localdate()
        self.last_reviewed = today
        self.review_by = months_from(today, self.REVIEW_MONTHS)

    @property
    def review_overdue(self):
        return self.review_by < timezone.localdate()

    def clean_fields(self, exclude=None):
        # In clean_fields, not clean(): the models that mix this in have clean()s of their own.
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        exclude = exclude or ()
        today = timezone.localdate()
        if (
            "review_by" not in exclude
            and "review_by" not in errors
            and self._state.adding
            and self.review_by
            and self.review_by < today
        ):
            errors["review_by"] = ["The review date has passed: choose today or a later date."]
        if (
            "last_reviewed" not in exclude
            and "last_reviewed" not in errors
            and self.last_reviewed
            and self.last_reviewed > today
        ):
            errors["last_reviewed"] = [
                "A review cannot have happened yet: choose today or earlier."
            ]
        if (
            "owner" not in exclude
            and "owner" not in errors
            and self.owner_id
            and not may_edit(self.owner, type(self))
        ):
            errors["owner"] = [
                f"{self.owner.get_full_name() or self.owner.get_username()} cannot edit "
                f"{self._meta.verbose_name_plural}: choose someone who can."
            ]
        if errors:
            raise ValidationError(errors)


class KeepsOldAddresses(models.Model):
    """Published content whose web address changes says so, so links to the old one keep working
    (a statement whose publish date moves to another year, a document given a new slug)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        before = (
            type(self).objects.filter(pk=self.pk, status=Status.PUBLISHED).first()
            if self.pk
            else None
        )
        super().save(*args, **kwargs)
        if before and (old := before.get_absolute_url()) != (new := self.get_absolute_url()):
            address_changed.send(sender=type(self), moves=[(old, new)])


# The accessibility regulations require the statement to say how to report a problem.
NO_CONTACT_MESSAGE = (
    "The accessibility statement must tell visitors how to contact you about a problem. Give a "
    "contact e-mail or a published contact page in Site settings before publishing it."
)


CONTACT_PAGE_NEEDED = (
    "The accessibility statement gives this page as the way to contact you about a problem. Give "
    "a contact e-mail, or choose another published contact page, in Site settings first."
)


def page_link(**kwargs):
    """A setting that names one editorial page; deleting the page empties the setting."""
    return models.ForeignKey(
        "Page", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", **kwargs
    )


class SiteSettingsQuerySet(ContentQuerySet):
    def current(self):
        """The partnership this installation serves, or an unsaved blank one before content
        is loaded.

        Everything that needs the partnership's identity or settings asks here, so serving
        several partnerships from one installation (by hostname, say) is a change in this one
        place.
        """
        return self.first() or self.model()


class SiteSettings(Content):
    """The partnership's identity and introduction: one row for the whole site."""

    name = models.CharField(
        max_length=200,
        help_text="The partnership's full name, e.g. “Anytown Local Safeguarding Children "
        "Partnership”. Shown in the header and in every page title.",
    )
    short_name = models.CharField(
        max_length=60,
        help_text="A short form used in sentences, e.g. “Anytown LSCP”.",
    )
    area = models.CharField(
        max_length=100,
        help_text="The local area the partnership covers, e.g. “Anytown”.",
    )
    introduction_heading = models.CharField(
        max_length=200,
        help_text="The main heading of the home page.",
    )
    introduction = RichTextField(
        help_text="The opening text of the home page: what the partnership is and why it exists.",
    )
    partners_introduction = models.CharField(
        max_length=300,
        blank=True,
        help_text="The sentence that introduces the list of safeguarding partners, e.g. "
        "“The three named Safeguarding Partners for Anytown are:”.",
    )
    executive_introduction = RichTextField(
        blank=True,
        help_text="What the executive group is and how the partnership works with other "
        "organisations. Shown on the home page and above the executive group.",
    )
    contact_email = models.EmailField(
        blank=True,
        help_text="A general enquiries address shown in the footer of every page. The "
        "accessibility statement cannot be published without this or a contact page.",
    )
    contact_page = page_link(
        help_text="Optional. A page saying how to contact the partnership, linked from the footer "
        "of every page. Enough on its own for the accessibility statement once it is published.",
    )
    owner = models.CharField(
        "who runs the website",
        max_length=200,
        blank=True,
        help_text="Shown in the footer: “This website is run by …”. Leave empty if the "
        "partnership runs it itself.",
    )
    accessibility_statement = page_link(
        help_text="The page that is the accessibility statement. The footer says when it was "
        "last reviewed, and it cannot be published until visitors have a way to contact you.",
    )
    staying_safe_page = page_link(
        verbose_name="staying safe online page",
        help_text="The page explaining private browsing and clearing history, linked beside "
        "“Exit this page” on every page.",
    )
    logo = models.ForeignKey(
        "images.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="site_logos",
        help_text="Optional. The partnership's logo from the image library, shown in the header "
        "beside the partnership's name.",
    )
    quick_exit_url = models.URLField(
        "quick exit address",
        default="https://www.bbc.co.uk/weather",
        help_text="Where the “Exit this page” button takes visitors: a neutral site that gives "
        "nothing away. Must start with https://.",
    )
    updated_at = models.DateTimeField("last updated", auto_now=True)

    objects = SiteSettingsQuerySet.as_manager()

    class Meta:
        ordering = ("id",)
        verbose_name = "site settings"
        verbose_name_plural = "site settings"
        constraints = [
            # One row per installation: a unique index on a constant admits a single row.
            models.UniqueConstraint(models.Value(1), name="site_settings_single_row"),
            models.CheckConstraint(
                condition=Q(quick_exit_url__startswith="https://"),
                name="site_settings_quick_exit_https",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # There is only ever one row: saving a new one replaces the settings in force.
        if self.pk is None:
            self.pk = type(self).objects.current().pk
        super().save(*args, **kwargs)

    def clean(self):
        if self.quick_exit_url and not self.quick_exit_url.startswith("https://"):
            raise ValidationError(
                {"quick_exit_url": "Use a secure address that starts with https://."}
            )
        statement = self.accessibility_statement
        if statement and statement.status == Status.PUBLISHED and not self.has_contact:
            raise ValidationError({"contact_email": NO_CONTACT_MESSAGE})

    @property
    def has_contact(self):
        """Whether visitors have a way to reach the partnership: an e-mail or a live page."""
        return bool(self.contact_email or (self.contact_page and self.contact_page.is_live))

    def statement_relies_on(self, page):
        """Whether the published accessibility statement's only contact is ``page``."""
        statement = self.accessibility_statement
        return (
            page.pk is not None
            and self.contact_page_id == page.pk
            and not self.contact_email
            and statement is not None
            and statement.status == Status.PUBLISHED
        )


class PartnerQuerySet(ActiveQuerySet):
    def statutory(self):
        """The named safeguarding partners who hold the duty today."""
        return self.active().filter(kind=Partner.Kind.STATUTORY)


class Partner(Content):
    """A safeguarding partner organisation, statutory or otherwise."""

    class Kind(models.TextChoices):
        STATUTORY = "statutory", "Named statutory safeguarding partner"
        RELEVANT_AGENCY = "relevant_agency", "Relevant agency"
        EDUCATION = "education", "Education partner"

    organisation = models.CharField(
        max_length=200,
        help_text="The organisation's full name, e.g. “Anytown Police”.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.STATUTORY)
    website = models.URLField(blank=True)
    logo = models.ForeignKey(
        "images.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partner_logos",
        help_text="Optional. The organisation's logo from the image library, shown on the "
        "partners page.",
    )
    description = models.TextField(
        blank=True, help_text="Optional. One or two sentences about the organisation's part."
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")
    active = models.BooleanField(
        default=True,
        help_text="Untick when the organisation stops being a partner. It stays in the records "
        "under “History” instead of being deleted.",
    )
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced",
        help_text="For a former partner, the organisation that took over its duty.",
    )
    left_on = models.DateField(
        null=True, blank=True, help_text="For a former partner, when it stopped being a partner."
    )

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ("-active", "order", "organisation")
        constraints = [
            models.UniqueConstraint(fields=("organisation",), name="partner_unique_organisation"),
            models.CheckConstraint(
                condition=~Q(replaced_by=models.F("id")),
                name="partner_not_replaced_by_itself",
            ),
        ]

    def __str__(self):
        return self.organisation

    def clean(self):
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            raise ValidationError({"replaced_by": "A partner cannot be replaced by itself."})
        if self.active and (self.replaced_by_id or self.left_on):
            raise ValidationError(
                {"active": "Untick “active” for a partner that has been replaced or has left."}
            )


class RoleQuerySet(ContentQuerySet):
    """Role holders over time. Their dates are days, so the page cache's midnight renewal
    (``next_change()``) moves a holder into the history on the day their term ends."""

    def current(self):
        """Who holds each role today: started (or no start recorded) and not yet ended."""
        today = timezone.localdate()
        return self.filter(
            Q(started_on__isnull=True) | Q(started_on__lte=today),
            Q(ended_on__isnull=True) | Q(ended_on__gt=today),
        )

    def leaders(self):
        """The lead safeguarding partners, the chair and the independent scrutineer: who leads
        and scrutinises, for the home page."""
        roles = (RoleHolder.Role.LEAD, RoleHolder.Role.CHAIR, RoleHolder.Role.SCRUTINEER)
        return (
            self.filter(role__in=roles)
            .select_related("partner")
            .order_by("role", "partner__order", "order")
        )

    def earlier(self):
        """Terms that have ended, for the history: most recently ended first."""
        return self.filter(ended_on__lte=timezone.localdate()).order_by("-ended_on", "order")

    def overlapping(self, holder):
        """Other terms of ``holder``'s single-holder role whose dates overlap its own."""
        if holder.role not in RoleHolder.SINGLE_HOLDER:
            return self.none()
        same_role = self.filter(role=holder.role).exclude(pk=holder.pk)
        if holder.role in RoleHolder.ONE_PER_PARTNER:
            same_role = same_role.filter(partner=holder.partner_id)
        # Two terms overlap unless one ends on or before the day the other starts.
        if holder.started_on:
            same_role = same_role.exclude(ended_on__lte=holder.started_on)
        if holder.ended_on:
            same_role = same_role.exclude(started_on__gte=holder.ended_on)
        return same_role


class SafeguardingRole(models.TextChoices):
    LEAD = "lead", "Lead Safeguarding Partner"
    DELEGATED = "delegated", "Delegated Safeguarding Partner"
    CHAIR = "chair", "Partnership chair"
    SCRUTINEER = "scrutineer", "Independent scrutineer"
    RELEVANT_AGENCY = "relevant_agency", "Relevant agency"
    EDUCATION = "education", "Education"


# Working Together 2023: each statutory partner has one lead and one delegated safeguarding
# partner; the partnership one chair and one independent scrutineer at a time.
ONE_PER_PARTNER = (SafeguardingRole.LEAD, SafeguardingRole.DELEGATED)
ONE_FOR_THE_PARTNERSHIP = (SafeguardingRole.CHAIR, SafeguardingRole.SCRUTINEER)


class RoleHolder(Content):
    """One term in a role the law or the arrangements give: who held it, from when, until when."""

    Role = SafeguardingRole
    ONE_PER_PARTNER = ONE_PER_PARTNER
    SINGLE_HOLDER = (*ONE_PER_PARTNER, *ONE_FOR_THE_PARTNERSHIP)

    class Preposition(models.TextChoices):
        OF = "of", "of"
        FOR = "for", "for"

    role = models.CharField(max_length=20, choices=Role.choices)
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_holders",
        verbose_name="organisation",
        help_text="The partner organisation the role belongs to. Required for lead and "
        "delegated safeguarding partners; for a relevant agency or education, the organisation.",
    )
    title = models.CharField(
        max_length=150,
        help_text="The title of the post, e.g. “Chief Constable” or “Independent Scrutineer”.",
    )
    title_preposition = models.CharField(
        "word before the organisation",
        max_length=3,
        choices=Preposition.choices,
        default=Preposition.OF,
        help_text="The word between title and organisation: “Chief Constable of Anytown "
        "Police”, “Accountable Officer for … Group”.",
    )
    name = models.CharField(
        max_length=150,
        blank=True,
        help_text="Optional. The person's name, e.g. “Jo Bloggs”. Leave empty to show only "
        "the post.",
    )
    started_on = models.DateField(
        "start date",
        null=True,
        blank=True,
        help_text="The first day in the role. Leave empty only if nobody knows it.",
    )
    ended_on = models.DateField(
        "end date",
        null=True,
        blank=True,
        help_text="The day the term ended, when the next holder could start. Leave empty while "
        "they hold it: once the date has passed, the term moves to the partners page's history.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ("order", "started_on", "id")
        verbose_name = "role holder"
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gt=F("started_on")),
                name="role_holder_ends_after_it_starts",
                violation_error_message="A term must end after it starts.",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=ONE_PER_PARTNER) | Q(partner__isnull=False),
                name="role_holder_partner_role_has_partner",
                violation_error_message="Choose the partner organisation this role belongs to.",
            ),
            # The database's half of "one holder at a time": one open-ended term per role.
            # clean() checks overlapping dates too.
            models.UniqueConstraint(
                fields=("role", "partner"),
                condition=Q(ended_on__isnull=True, role__in=ONE_PER_PARTNER),
                name="role_holder_one_current_per_partner",
                violation_error_message="This organisation already has a holder of this role with "
                "no end date.",
            ),
            models.UniqueConstraint(
                fields=("role",),
                condition=Q(ended_on__isnull=True, role__in=ONE_FOR_THE_PARTNERSHIP),
                name="role_holder_one_current_chair_or_scrutineer",
                violation_error_message="The partnership already has a holder of this role with "
                "no end date.",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.holder}"

    @property
    def post(self):
        """The post as the public reads it: "Chief Constable of Anytown Police"."""
        if self.partner_id:
            return f"{self.title} {self.title_preposition} {self.partner.organisation}"
        return self.title

    @property
    def title_is_role(self):
        """Whether the title only repeats the role ("Independent Scrutineer")."""
        return self.title.casefold() == self.get_role_display().casefold()

    @property
    def is_current(self):
        """The object-level twin of ``RoleQuerySet.current()``."""
        today = timezone.localdate()
        started = self.started_on is None or self.started_on <= today
        return started and (self.ended_on is None or self.ended_on > today)

    @property
    def holder(self):
        """The post, with the person's name where it is known."""
        return f"{self.name}, {self.post}" if self.name else self.post

    def overlaps(self, other):
        """Whether ``other`` is a term of the same single-holder role with overlapping dates
        (the in-memory twin of ``RoleQuerySet.overlapping()``, for forms checked together)."""
        if self.role not in self.SINGLE_HOLDER or (other.role, other.partner_id) != (
            self.role,
            self.partner_id if self.role in self.ONE_PER_PARTNER else other.partner_id,
        ):
            return False
        ends_first = other.ended_on and self.started_on and other.ended_on <= self.started_on
        starts_after = self.ended_on and other.started_on and other.started_on >= self.ended_on
        return not (ends_first or starts_after)

    def clean(self):
        if self.started_on and self.ended_on and self.ended_on <= self.started_on:
            raise ValidationError({"ended_on": "The end date must be after the start date."})
        if self.role in self.ONE_PER_PARTNER and not self.partner_id:
            raise ValidationError(
                {"partner": "Choose the partner organisation whose lead or delegate this is."}
            )
        if not getattr(self, "overlaps_checked_elsewhere", False):
            if clash := RoleHolder.objects.overlapping(self).select_related("partner").first():
                raise ValidationError({"started_on": self.overlap_message(clash)})

    def overlap_message(self, other):
        return (
            f"“{other.name or other.title}” holds this role for some of these dates: end that "
            "term on or before this start date."
        )


class ExecutiveMember(Content):
    """A seat on the executive group, optionally held on behalf of a partner."""

    role = models.CharField(
        max_length=200,
        help_text="The seat, e.g. “Senior officer delegate” or “Local schools' representative”.",
    )
    name = models.CharField(
        max_length=150, blank=True, help_text="Optional. The person who currently holds the seat."
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="executive_members",
        help_text="The organisation they represent. Leave empty for seats such as the schools' "
        "representative.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")
    active = models.BooleanField(
        default=True, help_text="Untick when the seat ends; it stays in the records."
    )

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ("order", "id")
        verbose_name = "executive group member"

    def __str__(self):
        parts = [self.role]
        if self.partner_id:
            parts.append(str(self.partner))
        if self.name:
            parts.append(self.name)
        return ", ".join(parts)


class VisionStatementQuerySet(PublishableQuerySet):
    def in_force(self):
        """Visions that have taken effect by today, newest first: the first is the current one.

        Applied on top of published() (or published_with() in a preview), never instead of it.
        """
        return self.filter(in_force_from__lte=timezone.localdate()).order_by("-in_force_from")


class VisionStatement(Publishable):
    """The partnership's vision, with its outcomes and working principles, from a given date."""

    statement = models.TextField(
        help_text="The vision in a sentence or two. Shown as the lead on the vision page."
    )
    in_force_from = models.DateField(
        help_text="When this vision took effect. The newest published one is shown as current; "
        "earlier ones stay on the vision page as history."
    )
    outcomes_introduction = models.CharField(
        max_length=300,
        blank=True,
        help_text="The sentence before the outcomes, e.g. “In working to safeguard children … "
        "the Partnership will strive to ensure all children:”.",
    )
    principles_introduction = models.CharField(
        max_length=300,
        blank=True,
        help_text="The sentence before the working principles, e.g. “Our ‘Working Together’ as "
        "a Partnership is underpinned by:”.",
    )

    objects = VisionStatementQuerySet.as_manager()

    class Meta:
        ordering = ("-in_force_from",)
        constraints = [
            models.UniqueConstraint(fields=("in_force_from",), name="vision_unique_in_force_from"),
        ]

    def __str__(self):
        return f"Vision from {self.in_force_from:%-d %B %Y}"


class VisionPoint(Content):
    """One line of a vision's list, in the order editors give."""

    text = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ("order", "id")

    def __str__(self):
        return self.text


class VisionOutcome(VisionPoint):
    """One outcome the partnership strives to ensure for all children."""

    vision = models.ForeignKey(VisionStatement, on_delete=models.CASCADE, related_name="outcomes")


class WorkingPrinciple(VisionPoint):
    """One principle that underpins how the partners work together."""

    vision = models.ForeignKey(VisionStatement, on_delete=models.CASCADE, related_name="principles")


class PriorityQuerySet(PublishableQuerySet):
    def by_business_year(self):
        """The priorities grouped as [(“2021/2022”, [priority, …]), …], newest year first."""
        return [
            (business_year_label(year), list(items))
            for year, items in groupby(self.order_by("-year", "order", "id"), key=lambda p: p.year)
        ]


class Priority(Publishable):
    """A key priority for one business year."""

    title = models.CharField(max_length=300, help_text="The priority in one sentence.")
    description = models.TextField(
        blank=True, help_text="Optional. A short explanation shown under the priority."
    )
    year = models.PositiveSmallIntegerField(
        "business year",
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="The first year of the April-to-March business year: 2021 for 2021/2022.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ("-year", "order", "id")
        verbose_name_plural = "priorities"
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="priority_year_in_range"
            ),
        ]

    def __str__(self):
        return f"{self.business_year}: {self.title}"

    @property
    def business_year(self):
        return business_year_label(self.year)


class PressStatement(KeepsOldAddresses, Publishable):
    """A statement the partnership makes to the press and public."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        "web address",
        max_length=100,
        help_text="The last part of the web address. Filled in from the title; use lower case "
        "letters, numbers and hyphens.",
    )
    summary = models.CharField(
        max_length=300,
        help_text="Shown in lists and search results. Keep under 300 characters.",
    )
    body = RichTextField(help_text="The statement in full.")
    lead_image = models.ForeignKey(
        "images.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text="Optional. A picture from the image library shown at the top, with its "
        "caption and credit.",
    )
    spokesperson_name = models.CharField(
        max_length=150, blank=True, help_text="Who the statement is from, e.g. “Steve Cullen”."
    )
    spokesperson_role = models.CharField(
        max_length=150, blank=True, help_text="Their role, e.g. “Independent Scrutineer”."
    )

    class Meta:
        ordering = ("-publish_at", "-id")
        get_latest_by = "publish_at"
        indexes = [
            # The public lists read published statements newest first: an index in that order
            # keeps the home and statements pages (and their later pages) fast at any size.
            models.Index(
                fields=("status", "-publish_at", "-id"), name="statement_publication_order"
            ),
            # The few with an unpublish date, for the page cache's next scheduled change.
            models.Index(
                fields=("unpublish_at",),
                condition=Q(unpublish_at__isnull=False),
                name="statement_unpublish_at",
            ),
        ]
        constraints = [
            # Global rather than per-year: stricter, and an address never changes meaning when
            # a statement's publish date moves into another year.
            models.UniqueConstraint(
                fields=("slug",),
                name="statement_unique_slug",
                violation_error_code="unique",
                violation_error_message="Another press statement already uses this web address. "
                "Change the slug, for example by adding the month.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        local = timezone.localtime(self.publish_at)
        return reverse(
            "partnership:statement-detail", kwargs={"year": local.year, "slug": self.slug}
        )

    @property
    def spokesperson(self):
        return ", ".join(part for part in (self.spokesperson_name, self.spokesperson_role) if part)


def a_year_after(day):
    """The same date a year later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


class Readers(models.TextChoices):
    """Who a publication or a contact is for: the groups the site's visitors fall into."""

    PUBLIC = "public", "The public, parents and carers"
    PROFESSIONALS = "professionals", "Professionals"
    CHILDREN = "children", "Children and young people"


class ForReaders(models.Model):
    """Content marked for one or more groups of readers (``Readers``), one tick box each."""

    # The boolean field that records each group of readers.
    READER_FIELDS = {
        Readers.PUBLIC: "for_public",
        Readers.PROFESSIONALS: "for_professionals",
        Readers.CHILDREN: "for_children",
    }

    for_public = models.BooleanField(Readers.PUBLIC.label, default=False)
    for_professionals = models.BooleanField(Readers.PROFESSIONALS.label, default=False)
    for_children = models.BooleanField(Readers.CHILDREN.label, default=False)

    class Meta:
        abstract = True

    @property
    def readers(self):
        return [
            label for value, label in Readers.choices if getattr(self, self.READER_FIELDS[value])
        ]


def for_readers_q(readers):
    """Content meant for one group of readers (a ``Readers`` value)."""
    return Q(**{ForReaders.READER_FIELDS[readers]: True})


class DocumentQuerySet(PublishableQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        # save() keeps the date lists sort by; bulk writes skip it, so it is set here too.
        objs = list(objs)
        for document in objs:
            document.published_on = document.publication_date
        return super().bulk_create(objs, *args, **kwargs)

    def by_publication_date(self):
        """Newest first by the date the publication carries, or else the day it went online."""
        return self.order_by("-published_on", "-publish_at", "title")

    def listed(self):
        """What the publications list and search show: published, and not archived.

        A practice review leaves the lists the day after its "archive after" date, a date
        rule the page cache's midnight renewal keeps on time; its own address still answers.
        """
        return self.published().filter(
            Q(archive_after__isnull=True) | Q(archive_after__gte=timezone.localdate())
        )

    def latest_of(self, kind):
        """The newest listed publication of one type: the stable “latest” address's target."""
        return self.listed().filter(kind=kind).by_publication_date().first()

    def latest_of_each(self, *kinds):
        """The newest listed publication of each of ``kinds``, in one query, in that order."""
        newest = {
            kind: Subquery(self.listed().filter(kind=kind).by_publication_date().values("pk")[:1])
            for kind in kinds
        }
        found = {d.kind: d for d in self.filter(reduce(or_, (Q(pk=q) for q in newest.values())))}
        return [found[kind] for kind in kinds if kind in found]

    def years(self):
        """The years from the newest publication back to the oldest, for the list's filter.

        Every year in between, from one MIN and MAX that the listing index answers reading a
        row or two: a DISTINCT of each year would read every publication.
        """
        found = self.aggregate(first=models.Min("published_on"), last=models.Max("published_on"))
        if found["first"] is None:
            return []
        return list(range(found["last"].year, found["first"].year - 1, -1))

    def in_year(self, year):
        """Publications dated in ``year`` (by their own date, or the day they went online)."""
        return self.filter(published_on__year=year)

    def for_readers(self, readers):
        """Publications meant for one group of readers (``Readers``)."""
        return self.filter(for_readers_q(readers))

    def yearly_report_overdue(self):
        """The latest published yearly report if it is more than 12 months old, the newest
        placeholder (an unsaved Document) if there has never been one, or None if it is up to
        date. Working Together 2023 asks for a report every 12 months."""
        latest = self.published().filter(kind=Document.Kind.YEARLY_REPORT).by_publication_date()
        latest = latest.first()
        if latest is None:
            return Document(kind=Document.Kind.YEARLY_REPORT)
        if a_year_after(latest.publication_date) < timezone.localdate():
            return latest
        return None


class Document(KeepsOldAddresses, ForReaders, Reviewed, Publishable):
    """A publication: the arrangements, a yearly report, a practice review, a briefing…"""

    class Kind(models.TextChoices):
        ARRANGEMENTS = "arrangements", "Safeguarding arrangements"
        YEARLY_REPORT = "yearly_report", "Yearly report"
        REVIEW = "review", "Child safeguarding practice review"
        THRESHOLD = "threshold", "Threshold document"
        SCRUTINY_REPORT = "scrutiny_report", "Independent scrutiny report"
        BRIEFING = "briefing", "7-minute briefing"
        NEWSLETTER = "newsletter", "Newsletter"
        POLICY = "policy", "Policy or procedure"
        OTHER = "other", "Other"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        "web address",
        max_length=100,
        help_text="The last part of the publication's web address. Filled in from the title.",
    )
    kind = models.CharField(
        "type",
        max_length=20,
        choices=Kind.choices,
        default=Kind.OTHER,
        help_text="Yearly reports and practice reviews carry rules: a yearly report is expected "
        "every 12 months, and a review can be archived 12 months after it was published.",
    )
    summary = models.CharField(
        max_length=300, blank=True, help_text="Optional. Shown in lists and search results."
    )
    dated = models.DateField(
        "publication date",
        null=True,
        blank=True,
        help_text="The date the publication carries: when it was approved or first published. "
        "Required for yearly reports and practice reviews. Leave empty if you do not know it.",
    )
    period_start = models.DateField(
        "reporting period from",
        null=True,
        blank=True,
        help_text="Optional. The first day of the period it reports on, e.g. 1 April 2023.",
    )
    period_end = models.DateField(
        "reporting period to",
        null=True,
        blank=True,
        help_text="The last day of that period, e.g. 31 March 2024.",
    )
    body = RichTextField(
        "web version",
        blank=True,
        help_text="The publication as a web page, with headings (they make its contents list). "
        "A web page is easier to read with a screen reader, on a phone or enlarged than a PDF: "
        "give one whenever you can, with or without a file.",
    )
    file = models.FileField(
        upload_to="documents/%Y/",
        blank=True,
        help_text="Upload the document, or give a link to it below (one or the other).",
    )
    external_url = models.URLField(
        "link to the document",
        blank=True,
        help_text="Where the document is published elsewhere, if it is not uploaded here.",
    )
    # Recorded from the upload's content when it is checked, so the list never re-reads files.
    file_type = models.CharField(
        max_length=10,
        blank=True,
        editable=False,
        choices=[(key, t.label) for key, t in DOCUMENT_TYPES.items()],
    )
    file_size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    # Kept by save(), so lists sort and filter on one indexed column.
    published_on = models.DateField(
        editable=False,
        help_text="The date lists sort and filter by: the publication date, or else the day it "
        "went online.",
    )
    page_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    child_name = models.CharField(
        "child's published name or pseudonym",
        max_length=100,
        blank=True,
        help_text="For a practice review: the name or pseudonym the review was published under, "
        "e.g. “Child T”. Leave empty for a thematic review.",
    )
    learning_summary = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="summarised_reviews",
        limit_choices_to=~Q(kind="review"),
        help_text="For a practice review: the publication that sums up its learning, such as a "
        "7-minute briefing. It stays linked after the review is archived.",
    )
    archive_after = models.DateField(
        null=True,
        blank=True,
        help_text="For a practice review: the last day it is listed, at least 12 months after "
        "its publication date. After it the review leaves the lists and search; its address "
        "still says where it is now and links its learning summary.",
    )
    archive_location = models.URLField(
        "where the archived review is",
        blank=True,
        help_text="For an archived review, where readers can find it, e.g. the NSPCC national "
        "case review repository.",
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ("-published_on", "-publish_at", "title")
        verbose_name = "publication"
        indexes = [
            # Scheduled publications, for the page cache's next change.
            models.Index(fields=("status", "-publish_at"), name="document_publication_order"),
            # The list, newest first; and the newest of one type (the home page, "latest").
            models.Index(
                fields=("status", "-published_on", "-publish_at"), name="document_listing_order"
            ),
            models.Index(
                fields=("kind", "status", "-published_on", "-publish_at"),
                name="document_type_order",
            ),
            models.Index(
                fields=("unpublish_at",),
                condition=Q(unpublish_at__isnull=False),
                name="document_unpublish_at",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=("slug",), name="document_unique_slug"),
            models.CheckConstraint(
                condition=Q(file="") | Q(external_url=""),
                name="document_file_or_link",
                violation_error_message="Upload a file or give a link, not both.",
            ),
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(external_url="") | ~Q(body=""),
                name="document_has_a_version",
                violation_error_message="Give the publication a web version, a file or a link.",
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True, period_end__isnull=True)
                | Q(period_end__gt=F("period_start")),
                name="document_period_in_order",
                violation_error_message="A reporting period needs both dates, the end after the "
                "start.",
            ),
            # The database's half of the archiving rule; clean() adds "12 months after".
            models.CheckConstraint(
                condition=Q(archive_after__isnull=True)
                | Q(kind="review", archive_after__gt=F("dated")),
                name="document_archive_review_after_publication",
                violation_error_message="Only a dated practice review can be archived, after its "
                "publication date.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.published_on = self.publication_date
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("partnership:publication-detail", kwargs={"slug": self.slug})

    @property
    def download_url(self):
        """Where the file is sent from (or the link is followed): the address documents always
        had, so links made before publications had pages still open the file."""
        return reverse("partnership:document-download", kwargs={"slug": self.slug})

    @property
    def type_slug(self):
        return type_slug(self.kind)

    @property
    def publication_date(self):
        """The date the publication carries, or else the day it went online."""
        return self.dated or timezone.localdate(self.publish_at)

    @property
    def is_archived(self):
        """The object-level twin of ``listed()``'s archive rule."""
        return bool(self.archive_after and self.archive_after < timezone.localdate())

    @property
    def has_file(self):
        return bool(self.file or self.external_url)

    @property
    def file_details(self):
        """What a visitor should know before opening it: "PDF, 240 KB, 12 pages"."""
        if not self.file or not self.file_type:
            return ""
        parts = [self.get_file_type_display()]
        if self.file_size is not None:
            parts.append(human_size(self.file_size))
        if self.page_count:
            parts.append(f"{self.page_count} page{pluralize(self.page_count)}")
        return ", ".join(parts)

    def clean(self):
        super().clean()
        if not self.file:
            self.file_type, self.file_size, self.page_count = "", None, None
        errors = {}
        if self.file and self.external_url:
            errors["external_url"] = "Upload a file or give a link to the document, not both."
        elif not (self.file or self.external_url or self.body):
            errors["body"] = "Give the publication a web version, upload a file or give a link."
        if self.kind in (self.Kind.YEARLY_REPORT, self.Kind.REVIEW) and not self.dated:
            errors["dated"] = (
                f"A {self.get_kind_display().lower()} needs its publication date: the yearly "
                "report and archiving rules count from it."
            )
        if bool(self.period_start) != bool(self.period_end):
            errors["period_end"] = "Give both dates of the reporting period, or neither."
        elif self.period_start and self.period_end <= self.period_start:
            errors["period_end"] = "The reporting period must end after it starts."
        if self.archive_after:
            if self.kind != self.Kind.REVIEW:
                errors["archive_after"] = "Only practice reviews are archived."
            elif self.dated and self.archive_after < a_year_after(self.dated):
                errors["archive_after"] = (
                    "A practice review stays listed for at least 12 months after it is "
                    f"published: choose {a_year_after(self.dated):%-d %B %Y} or later."
                )
        if errors:
            raise ValidationError(errors)


def type_slug(kind):
    """A publication type as it appears in addresses: "yearly-report"."""
    return kind.replace("_", "-")


def kind_from_slug(slug):
    """The publication type an address names, or None for one that does not exist."""
    kind = (slug or "").replace("-", "_")
    return kind if kind in Document.Kind.values else None


def spoken_digits(number):
    """A number as a screen reader should say it, digit by digit in its groups:
    "0 1 2 1, 7 8 8, 4 3 0 0" rather than "seven hundred and eighty-eight"."""
    return ", ".join(" ".join(group) for group in number.split())


class ConcernContactQuerySet(ActiveQuerySet):
    def for_readers(self, readers):
        """Active contacts for one group of readers, most urgent first."""
        return self.active().filter(for_readers_q(readers)).order_by("urgency", "order", "id")

    def with_open_now(self):
        """The contacts, each with ``open_now`` (True, False, or None for a line with no hours
        given), in three queries whatever the number of contacts.

        A page showing it changes when a line opens or closes: ``OpeningHours.objects
        .changes_after()`` tells the page cache when.
        """
        contacts = list(self.prefetch_related("opening_hours"))
        now = timezone.now()
        holiday = BankHoliday.objects.filter(date=timezone.localdate(now)).exists()
        for contact in contacts:
            contact.open_now = contact.is_open_at(now, holiday)
        return contacts


class ConcernContact(ForReaders, Reviewed, Content):
    """A way to report a concern about a child: who answers, for whom, how urgent, and when."""

    class Urgency(models.TextChoices):
        # Stored so that alphabetical order is also the order of urgency.
        EMERGENCY = "1_emergency", "Emergency"
        URGENT = "2_urgent", "Urgent"
        ADVICE = "3_advice", "Advice"

    class Channel(models.TextChoices):
        PHONE = "phone", "Phone"
        TEXT = "text", "Text message"
        WEB_FORM = "web_form", "Web form"
        EMAIL = "email", "E-mail"

    class BankHolidays(models.TextChoices):
        CLOSED = "closed", "Closed on bank holidays"
        OPEN = "open", "Open all day on bank holidays"
        USUAL = "usual", "Usual hours on bank holidays"

    label = models.CharField(
        max_length=200, help_text="Who answers, e.g. “Multi-Agency Safeguarding Hub (MASH)”."
    )
    description = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional. When to use it, e.g. “If a child is in immediate danger”.",
    )
    urgency = models.CharField(
        max_length=15,
        choices=Urgency.choices,
        default=Urgency.URGENT,
        help_text="Emergency: a child is in danger now. Urgent: a worry to report today. Advice: "
        "someone to talk to. Listed in this order.",
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.PHONE)
    phone_number = models.CharField(
        max_length=30,
        blank=True,
        validators=[
            RegexValidator(PHONE_PATTERN, "Use digits and spaces only, e.g. 0121 788 4300.")
        ],
        help_text="For a phone or text line, as people should dial it, e.g. “0121 788 4300”. "
        "Digits and spaces only: the spaces group the digits as they are read out.",
    )
    web_address = models.URLField(
        blank=True, help_text="For a web form: its address, starting https://."
    )
    email = models.EmailField("e-mail address", blank=True, help_text="For an e-mail address.")
    always_open = models.BooleanField(
        "open at all times",
        default=False,
        help_text="Tick for a line answered 24 hours a day, every day. Otherwise give its "
        "opening hours below.",
    )
    on_bank_holidays = models.CharField(
        max_length=10,
        choices=BankHolidays.choices,
        default=BankHolidays.CLOSED,
        help_text="What happens on the bank holidays listed under “Bank holidays”.",
    )
    hours = models.CharField(
        "note about hours",
        max_length=200,
        blank=True,
        help_text="Optional. Anything the times do not say, e.g. “Outside the MASH's office "
        "hours”.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")
    active = models.BooleanField(default=True, help_text="Untick to stop showing this contact.")

    # Numbers and hours change more often than pages: checked twice a year.
    REVIEW_MONTHS = 6
    review_by = models.DateField(
        "review by",
        default=review_in_6_months,
        help_text="When the number and hours must next be checked (every 6 months). Its owner "
        "is e-mailed on that day, and it is listed as overdue on the admin home page after it.",
    )

    objects = ConcernContactQuerySet.as_manager()

    # Which field holds the address for each channel.
    CHANNEL_FIELDS = {
        Channel.PHONE: "phone_number",
        Channel.TEXT: "phone_number",
        Channel.WEB_FORM: "web_address",
        Channel.EMAIL: "email",
    }

    class Meta:
        ordering = ("order", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(phone_number="") | Q(phone_number__regex=PHONE_PATTERN),
                name="concern_contact_phone_digits",
                violation_error_message="Use digits and spaces only in the phone number.",
            ),
            models.CheckConstraint(
                condition=Q(channel__in=("phone", "text"), phone_number__gt="")
                | Q(channel="web_form", web_address__gt="")
                | Q(channel="email", email__gt=""),
                name="concern_contact_has_its_channels_address",
                violation_error_message="Give the number or address for this way of contacting.",
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.address}"

    @property
    def address(self):
        """The number or address the public uses."""
        return getattr(self, self.CHANNEL_FIELDS[self.channel])

    @property
    def href(self):
        """The link that calls, texts, opens the form or writes the e-mail."""
        digits = self.phone_number.replace(" ", "")
        return {
            self.Channel.PHONE: f"tel:{digits}",
            self.Channel.TEXT: f"sms:{digits}",
            self.Channel.WEB_FORM: self.web_address,
            self.Channel.EMAIL: f"mailto:{self.email}",
        }[self.channel]

    @property
    def spoken_address(self):
        """What a screen reader should say: phone numbers digit by digit."""
        if self.channel in (self.Channel.PHONE, self.Channel.TEXT):
            return spoken_digits(self.phone_number)
        return self.address

    def hours_by_days(self):
        """The opening hours as people write them, days with the same hours together:
        [("Monday to Thursday", "8:45am to 5:20pm"), ("Friday", "8:45am to 4:30pm")]."""
        by_day = {}
        for stretch in self.opening_hours.all():
            by_day.setdefault(stretch.weekday, []).append(stretch.text)
        groups = []
        for weekday in sorted(by_day):
            text = " and ".join(by_day[weekday])
            if groups and groups[-1][2] == text and groups[-1][1] == weekday - 1:
                groups[-1][1] = weekday
            else:
                groups.append([weekday, weekday, text])
        return [
            (
                Weekday(first).label
                if first == last
                else f"{Weekday(first).label} to {Weekday(last).label}",
                text,
            )
            for first, last, text in groups
        ]

    @property
    def hours_summary(self):
        """All the opening hours in one line, for the banner."""
        return ", ".join(f"{days} {text}" for days, text in self.hours_by_days())

    def is_open_at(self, moment, holiday=False):
        """Whether the line is answered at ``moment`` (a bank holiday if ``holiday``): True,
        False, or None if it has no hours."""
        if self.always_open:
            return True
        local = timezone.localtime(moment)
        if holiday and self.on_bank_holidays != self.BankHolidays.USUAL:
            return self.on_bank_holidays == self.BankHolidays.OPEN
        hours = list(self.opening_hours.all())
        if not hours:
            return None
        return any(h.covers(local.weekday(), local.time()) for h in hours)

    def clean(self):
        field = self.CHANNEL_FIELDS.get(self.channel)
        if field and not getattr(self, field):
            label = self._meta.get_field(field).verbose_name
            raise ValidationError(
                {field: f"Give the {label} for this {self.get_channel_display().lower()} contact."}
            )


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


MIDNIGHT = datetime.time(0, 0)


def clock(time):
    """A time of day as people write it: "8:45am", "5pm", "midnight"."""
    if time in (MIDNIGHT, datetime.time.max):
        return "midnight"
    minutes = f":{time.minute:02d}" if time.minute else ""
    return f"{time.hour % 12 or 12}{minutes}{'am' if time.hour < 12 else 'pm'}"


class OpeningHoursQuerySet(ContentQuerySet):
    def changes_after(self, now):
        """The next moment any active line opens or closes, so "open now" is never stale.

        Worked out here rather than in SQL: a week of a few lines' hours is a handful of rows.
        Bank holidays change at midnight, when the page cache renews anyway.
        """
        local = timezone.localtime(now)
        rows = self.filter(contact__active=True, contact__always_open=False).values_list(
            "weekday", "opens", "closes"
        )
        moments = []
        for weekday, opens, closes in rows:
            days_ahead = (weekday - local.weekday()) % 7
            for week in (0, 7):
                day = local.date() + datetime.timedelta(days=days_ahead + week)
                # Midnight needs nothing: the page cache renews then anyway.
                for time in {opens, closes} - {MIDNIGHT}:
                    moment = timezone.make_aware(datetime.datetime.combine(day, time))
                    if moment > now:
                        moments.append(moment)
        return [min(moments)] if moments else []


class OpeningHours(Content):
    """One stretch of time on one day of the week when a line is answered."""

    contact = models.ForeignKey(
        ConcernContact, on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField("day", choices=Weekday.choices)
    opens = models.TimeField(help_text="e.g. 08:45.")
    closes = models.TimeField(
        help_text="e.g. 17:20. Use 00:00 for midnight at the end of the day; for a line open "
        "overnight, give the hours after midnight as a row for the next day."
    )

    objects = OpeningHoursQuerySet.as_manager()

    class Meta:
        ordering = ("weekday", "opens")
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours"
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")) | Q(closes=MIDNIGHT),
                name="opening_hours_close_after_opening",
                violation_error_message="A line must close after it opens.",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M} to {self.closes:%H:%M}"

    @property
    def text(self):
        """ "8:45am to 5:20pm", or "all day"."""
        if self.opens == MIDNIGHT and self.closes == MIDNIGHT:
            return "all day"
        return f"{clock(self.opens)} to {clock(self.closes)}"

    @property
    def ends(self):
        """When the stretch ends, as a time of day that sorts: midnight after everything."""
        return datetime.time.max if self.closes == MIDNIGHT else self.closes

    def overlap_message(self, other):
        return f"These hours overlap {other}. Change one of them, or join them into one row."

    def covers(self, weekday, time):
        return weekday == self.weekday and self.opens <= time < self.ends

    def overlaps(self, other):
        return self.weekday == other.weekday and self.opens < other.ends and other.opens < self.ends

    def clean(self):
        if self.opens is None or self.closes is None:
            return
        if self.ends <= self.opens:
            raise ValidationError(
                {"closes": "The line must close after it opens (00:00 means midnight)."}
            )
        if self.contact_id and not getattr(self, "overlaps_checked_elsewhere", False):
            same_day = OpeningHours.objects.filter(contact=self.contact_id, weekday=self.weekday)
            if clash := next((h for h in same_day.exclude(pk=self.pk) if self.overlaps(h)), None):
                raise ValidationError({"opens": self.overlap_message(clash)})


class BankHoliday(Content):
    """A day when lines follow their bank holiday rule instead of their usual hours."""

    date = models.DateField(
        help_text="e.g. 25 December 2026. Each line follows its own bank holiday rule that day."
    )
    name = models.CharField(max_length=100, help_text="e.g. “Christmas Day”.")

    class Meta:
        ordering = ("date",)
        constraints = [
            models.UniqueConstraint(
                fields=("date",),
                name="bank_holiday_unique_date",
                violation_error_message="This day is already a bank holiday.",
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.date:%-d %B %Y}"


# Pages nest as deep as editors need; each address is its ancestors' slugs and its own.
PAGE_ADDRESS_MAX_LENGTH = 1000


class PageQuerySet(MP_NodeQuerySet, PublishableQuerySet):
    """Pages in the tree, which the public sees only where every page above them is live too."""

    def published(self):
        """Live pages under live pages only: a draft section hides everything inside it, and a
        scheduled one reveals its pages when it goes live."""
        now = timezone.now()
        hidden_above = Page.objects.exclude(live_q(now)).filter(
            depth__lt=OuterRef("depth"),
            path=Substr(OuterRef("path"), 1, F("depth") * Page.steplen),
        )
        return self.filter(live_q(now), ~Exists(hidden_above))

    def published_with(self, item):
        return self.filter(Q(pk__in=self.published().values("pk")) | Q(pk=item.pk))

    def children_of(self, page):
        """The pages directly inside ``page``, in the editor's order."""
        return self.filter(path__startswith=page.path, depth=page.depth + 1)

    def top_level(self):
        """The site's sections: pages at the top of the tree."""
        return self.filter(depth=1)

    def with_section_title(self):
        """Each page with ``section_title``: the title of the top-level page it is in (its own,
        for a section), in the same query."""
        section = Page.objects.filter(path=Substr(OuterRef("path"), 1, Page.steplen))
        return self.annotate(section_title=Subquery(section.values("title")[:1]))


class PageManager(MP_NodeManager.from_queryset(PageQuerySet)):
    def get_queryset(self):
        # treebeard's manager builds its own queryset class; ours adds the publication rules.
        return self._queryset_class(self.model, using=self._db).order_by("path")


@reversion.register(exclude=("path", "depth", "numchild"))
class Page(MP_Node, Reviewed, Publishable):
    """An editorial page in the site's tree: a section, or a page inside one."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        "web address",
        max_length=100,
        help_text="The last part of the page's web address, after the address of the page it "
        "sits inside. Filled in from the title; use lower case letters, numbers and hyphens.",
    )
    url_path = models.CharField(
        max_length=PAGE_ADDRESS_MAX_LENGTH,
        editable=False,
        help_text="The page's whole address without its slashes, e.g. “professionals/thresholds”: "
        "kept in step with the tree on every save and move.",
    )
    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="Optional. One or two sentences shown under the page's title in its section "
        "and in search results.",
    )
    body = RichTextField()
    lead_image = models.ForeignKey(
        "images.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pages",
        help_text="Optional. A picture from the image library shown at the top, with its "
        "caption and credit.",
    )
    show_in_footer = models.BooleanField(
        default=False,
        help_text="Tick to link the page from the footer of every page, as for the "
        "accessibility statement and privacy notice.",
    )

    objects = PageManager()

    # treebeard's bookkeeping of where a page sits: not part of its history (django-reversion
    # leaves them out), so restoring an old version never moves it (see keep_place_in_tree).
    PLACE_FIELDS = ("path", "depth", "numchild")

    class Meta:
        ordering = ("path",)
        constraints = [
            models.UniqueConstraint(
                fields=("url_path",),
                name="page_unique_address",
                violation_error_message="Another page already has this web address.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.path:
            # A new page given no place goes last at the top level; add_root() saves it.
            Page.objects.add_root(instance=self)
            return
        before = Page.objects.filter(pk=self.pk).values_list("url_path", "status").first()
        parent = self.parent
        self.url_path = self.address_under(parent)
        super().save(*args, **kwargs)
        if before and before[0] != self.url_path:
            moved = self._move_pages_inside(before[0])
            if before[1] == Status.PUBLISHED:
                moved.insert(0, (before[0], self.url_path))
            if moved:
                address_changed.send(
                    sender=Page, moves=[(f"/{old}/", f"/{new}/") for old, new in moved]
                )

    def get_absolute_url(self):
        return reverse("partnership:page", kwargs={"url_path": self.url_path})

    def address_under(self, parent):
        """The page's address if it sat inside ``parent`` (None: at the top level)."""
        return f"{parent.url_path}/{self.slug}" if parent else self.slug

    @property
    def parent(self):
        """The page this one sits inside, or None for a section at the top level."""
        return Page.objects.get_parent(self) if self.depth > 1 else None

    def ancestor_paths(self):
        """The tree paths of the pages above this one, from the top."""
        return [self.path[: self.steplen * depth] for depth in range(1, self.depth)]

    def clean(self):
        super().clean()
        # Where the page will sit: the admin form sets intended_parent when an editor places or
        # moves it; otherwise where it is now.
        parent = getattr(self, "intended_parent", self.parent if self.path else None)
        if parent is None and (message := shadowing_message(self.slug)):
            # Not a database constraint: the addresses the site answers change with its URLs
            # and DJANGO_ADMIN_URL; checks.py reports sections made before an address was taken.
            raise ValidationError({"slug": message})
        address = self.address_under(parent)
        if len(address) > PAGE_ADDRESS_MAX_LENGTH:
            raise ValidationError(
                {
                    "slug": "The web address would be too long. Shorten this page's web address or "
                    "those of the pages it sits inside."
                }
            )
        if Page.objects.filter(url_path=address).exclude(pk=self.pk).exists():
            where = f"inside “{parent}”" if parent else "at the top level"
            raise ValidationError(
                {
                    "slug": f"Another page {where} already uses “{self.slug}”. Choose another web "
                    "address."
                }
            )
        site = SiteSettings.objects.current()
        if self.pk and self.status == Status.PUBLISHED:
            if site.accessibility_statement_id == self.pk and not site.has_contact:
                raise ValidationError({"status": NO_CONTACT_MESSAGE})
        # Taking the only contact page off the site (now, or at an unpublish date) would leave
        # the published statement pointing nowhere.
        if site.statement_relies_on(self):
            if self.status != Status.PUBLISHED:
                raise ValidationError({"status": CONTACT_PAGE_NEEDED})
            if self.unpublish_at:
                raise ValidationError({"unpublish_at": CONTACT_PAGE_NEEDED})

    def _move_pages_inside(self, old_address):
        """Give every page inside this one its new address, after a move or a new slug.

        Returns the (old, new) addresses of the published ones, whose old links must keep working.
        """
        inside = list(
            Page.objects.filter(path__startswith=self.path, depth__gt=self.depth).only(
                "url_path", "status"
            )
        )
        moved = []
        for page in inside:
            new = self.url_path + page.url_path[len(old_address) :]
            if page.status == Status.PUBLISHED:
                moved.append((page.url_path, new))
            page.url_path = new
        Page.objects.bulk_update(inside, ["url_path"])
        return moved

    def _save_table(self, raw=False, *args, **kwargs):
        if raw:
            # Here rather than in a pre_save receiver: django-reversion mutes every model signal
            # while it shows an earlier version, and its raw save calls Model.save_base itself.
            type(self).keep_place_in_tree(self)
        return super()._save_table(raw, *args, **kwargs)

    @classmethod
    def keep_place_in_tree(cls, instance):
        """A page restored by a raw save keeps where it is now in the tree.

        django-reversion restores with raw saves of the saved fields, which leave out the tree's
        bookkeeping (``PLACE_FIELDS``). A page that still exists keeps its place; a deleted page
        brought back goes last inside the page its address was under, if that is still there,
        or else last at the top level, under a new address if its old one has been taken.
        """
        current = cls.objects.filter(pk=instance.pk).values(*cls.PLACE_FIELDS, "url_path").first()
        if current:
            for name, value in current.items():
                setattr(instance, name, value)
            return
        parent_address = instance.url_path.rpartition("/")[0] if instance.url_path else ""
        parent = cls.objects.filter(url_path=parent_address).first() if parent_address else None
        if parent:
            last = cls.objects.get_last_child(parent)
            instance.path = (
                last._inc_path() if last else cls._get_path(parent.path, parent.depth + 1, 1)
            )
            instance.depth = parent.depth + 1
            cls.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
        else:
            last = cls.objects.get_last_root_node()
            instance.path = last._inc_path() if last else cls._get_path(None, 1, 1)
            instance.depth = 1
        instance.numchild = 0
        instance.url_path = instance.address_under(parent)
        while cls.objects.filter(url_path=instance.url_path).exists():
            instance.slug = f"{instance.slug}-restored"
            instance.url_path = instance.address_under(parent)


def navigable_section_choices():
    return [(s.url_name, s.label) for s in navigable_sections()]


class NavigationLinkQuerySet(ContentQuerySet):
    def shown(self):
        """The links the header shows: fixed sections, and pages the public can see."""
        sections = [s.url_name for s in navigable_sections()]
        return self.filter(
            Q(page__isnull=True, section__in=sections)
            | Q(page__in=Page.objects.published().values("pk"))
        ).select_related("page")


class NavigationLink(Content):
    """One link in the header's main navigation, in the order editors give."""

    # What the header holds on one line at 1280 px, and still reads as a menu on a phone.
    MAXIMUM = 8

    site = models.ForeignKey(
        SiteSettings, on_delete=models.CASCADE, related_name="navigation_links"
    )
    page = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="navigation_links",
        help_text="A page of the site, usually a section at the top level, such as “For "
        "professionals”. Choose a page or one of the site's fixed pages, not both.",
    )
    section = models.CharField(
        "fixed page",
        max_length=50,
        blank=True,
        choices=navigable_section_choices,
        help_text="One of the site's own pages, such as the press statements.",
    )
    label = models.CharField(
        max_length=40,
        blank=True,
        help_text="Optional. A shorter name for the link, e.g. “Professionals” for “For "
        "professionals”. Leave empty to use the page's own title.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    objects = NavigationLinkQuerySet.as_manager()

    class Meta:
        ordering = ("order", "id")
        verbose_name = "navigation link"
        constraints = [
            models.CheckConstraint(
                condition=(Q(page__isnull=False) & Q(section=""))
                | (Q(page__isnull=True) & ~Q(section="")),
                name="navigation_link_page_or_section",
                violation_error_message="Choose a page or a fixed page for the link, not both.",
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def text(self):
        if self.label:
            return self.label
        return self.page.title if self.page_id else section(self.section).label

    @property
    def url(self):
        return self.page.get_absolute_url() if self.page_id else section(self.section).url

    def clean(self):
        if bool(self.page_id) == bool(self.section):
            raise ValidationError(
                {"page": "Choose a page or one of the fixed pages for this link, not both."}
            )


def translation_languages():
    """The languages a banner can be translated into, by name: Django's list and a few more
    that English local areas often need."""
    extra = [("gu", "Gujarati"), ("ps", "Pashto"), ("so", "Somali"), ("ti", "Tigrinya")]
    languages = [(code, name) for code, name in global_settings.LANGUAGES if code != "en"]
    return sorted(languages + extra, key=lambda choice: choice[1])


class BannerTranslationQuerySet(ContentQuerySet):
    def active(self):
        """Translations visitors may choose, each with its contacts' words."""
        return self.filter(active=True).prefetch_related("contacts")


class BannerTranslation(Content):
    """The concern banner's words and the staying-safe advice in another language."""

    language = models.CharField(
        max_length=10,
        choices=translation_languages,
        help_text="The language these words are in.",
    )
    language_name = models.CharField(
        max_length=60,
        help_text="The language's name written in that language, as its readers look for it, "
        "e.g. “polski”, “اردو”, “ਪੰਜਾਬੀ”. Visitors choose their language from these names.",
    )
    heading = models.CharField(
        max_length=100, help_text="“Worried about a child?” in this language."
    )
    all_numbers = models.CharField(
        max_length=100, help_text="“All numbers” in this language: opens the list on phones."
    )
    staying_safe = models.TextField(
        max_length=600,
        help_text="A few sentences on leaving the site safely: that “Exit this page” does not "
        "clear the browsing history, and how to browse privately.",
    )
    active = models.BooleanField(default=True, help_text="Untick to stop offering this language.")

    objects = BannerTranslationQuerySet.as_manager()

    class Meta:
        ordering = ("language_name",)
        constraints = [
            models.UniqueConstraint(
                fields=("language",), name="banner_translation_one_per_language"
            ),
            models.CheckConstraint(
                condition=~Q(language=""), name="banner_translation_has_language"
            ),
        ]

    def __str__(self):
        return f"{self.get_language_display()} ({self.language_name})"

    @property
    def right_to_left(self):
        return self.language.split("-")[0] in {"ar", "ckb", "fa", "he", "ps", "ug", "ur"}


class ContactTranslation(Content):
    """One concern contact's words in a banner translation; its number never changes."""

    translation = models.ForeignKey(
        BannerTranslation, on_delete=models.CASCADE, related_name="contacts"
    )
    contact = models.ForeignKey(
        ConcernContact, on_delete=models.CASCADE, related_name="translations"
    )
    label = models.CharField(max_length=200, help_text="Who answers, in this language.")
    description = models.CharField(max_length=200, blank=True)
    hours = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("contact__order", "contact_id")
        constraints = [
            models.UniqueConstraint(
                fields=("translation", "contact"), name="contact_translation_once_per_language"
            ),
        ]

    def __str__(self):
        return f"{self.contact.phone_number}: {self.label}"


class InitialContentRecord(models.Model):
    """A note that one item of initial content was loaded, so loading again never redoes it."""

    key = models.CharField(max_length=255, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("key",)

    def __str__(self):
        return self.key
