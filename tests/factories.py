"""Factories for every content model: published and live unless a test says otherwise."""

import datetime
import itertools

import factory
from django.utils import timezone

from events.models import Event
from images.bench import sample_upload
from images.models import Image
from learning.models import LearningItem, Topic
from partnership import models


class PublishedFactory(factory.django.DjangoModelFactory):
    status = models.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))


class SiteSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SiteSettings
        django_get_or_create = ("id",)

    id = 1
    name = "Example Local Safeguarding Children Partnership"
    short_name = "Example LSCP"
    area = "Example"
    introduction_heading = "About the partnership"
    introduction = "<p>We keep children safe.</p>"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Partner

    organisation = factory.Sequence(lambda n: f"Partner organisation {n}")
    order = factory.Sequence(int)


class RoleHolderFactory(factory.django.DjangoModelFactory):
    """A current lead safeguarding partner of a new partner organisation."""

    class Meta:
        model = models.RoleHolder

    role = models.RoleHolder.Role.LEAD
    partner = factory.SubFactory(PartnerFactory)
    title = "Chief Executive"


class ExecutiveMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ExecutiveMember

    role = "Senior officer delegate"
    partner = factory.SubFactory(PartnerFactory)


class VisionStatementFactory(PublishedFactory):
    class Meta:
        model = models.VisionStatement

    statement = factory.Sequence(lambda n: f"Vision number {n}")
    in_force_from = factory.Sequence(lambda n: datetime.date(2000 + n % 50, 4, 1))


class VisionOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.VisionOutcome

    vision = factory.SubFactory(VisionStatementFactory)
    text = factory.Sequence(lambda n: f"are safe, outcome {n}")


class WorkingPrincipleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.WorkingPrinciple

    vision = factory.SubFactory(VisionStatementFactory)
    text = factory.Sequence(lambda n: f"Principle {n}")


class PriorityFactory(PublishedFactory):
    class Meta:
        model = models.Priority

    title = factory.Sequence(lambda n: f"Priority {n}")
    year = 2024


class PressStatementFactory(PublishedFactory):
    class Meta:
        model = models.PressStatement

    title = factory.Sequence(lambda n: f"Statement {n}")
    slug = factory.Sequence(lambda n: f"statement-{n}")
    summary = "A summary of the statement."
    body = "<p>The body of the statement.</p>"


class DocumentFactory(PublishedFactory):
    class Meta:
        model = models.Document

    title = factory.Sequence(lambda n: f"Document {n}")
    slug = factory.Sequence(lambda n: f"document-{n}")
    kind = models.Document.Kind.YEARLY_REPORT
    dated = datetime.date(2024, 7, 1)
    external_url = "https://example.org/report.pdf"


class ConcernContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ConcernContact

    label = factory.Sequence(lambda n: f"Helpline {n}")
    phone_number = factory.Sequence(lambda n: f"0800 {n:04d}")
    for_public = True


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.OpeningHours

    contact = factory.SubFactory(ConcernContactFactory)
    weekday = 0
    opens = datetime.time(8, 45)
    closes = datetime.time(17, 20)


class BankHolidayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.BankHoliday

    date = datetime.date(2026, 12, 25)
    name = "Christmas Day"


class PageFactory(PublishedFactory):
    """A page at the top level, or inside ``parent=`` another page."""

    class Meta:
        model = models.Page

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    body = "<p>Page body.</p>"

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        page = model_class(*args, **kwargs)
        if parent:
            return model_class.objects.add_child(parent, instance=page)
        return model_class.objects.add_root(instance=page)


class BannerTranslationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.BannerTranslation
        django_get_or_create = ("language",)

    language = "pl"
    language_name = "polski"
    heading = "Martwisz się o dziecko?"
    all_numbers = "Wszystkie numery"
    staying_safe = "Wyjście z tej strony nie usuwa historii przeglądania."


class ContactTranslationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ContactTranslation

    translation = factory.SubFactory(BannerTranslationFactory)
    contact = factory.SubFactory(ConcernContactFactory)
    label = "Policja, pogotowie lub straż pożarna"


class ImageFactory(factory.django.DjangoModelFactory):
    """A library image, uploaded and checked as an editor's upload is, with its renditions."""

    class Meta:
        model = Image

    title = factory.Sequence(lambda n: f"Picture {n}")
    alt_text = "A parent reading a book with a young child"

    @classmethod
    def _create(cls, model_class, *args, size=(1000, 667), fmt="JPEG", **kwargs):
        image = model_class(*args, **kwargs)
        image.set_checked_upload(sample_upload(next(_sample_numbers), size, fmt))
        image.save()
        return image


_sample_numbers = itertools.count()


# One factory per model in the admin, by model name (tests/test_admin.py checks none is missing).
FACTORIES = {
    "sitesettings": SiteSettingsFactory,
    "partner": PartnerFactory,
    "roleholder": RoleHolderFactory,
    "executivemember": ExecutiveMemberFactory,
    "visionstatement": VisionStatementFactory,
    "priority": PriorityFactory,
    "pressstatement": PressStatementFactory,
    "document": DocumentFactory,
    "concerncontact": ConcernContactFactory,
    "bankholiday": BankHolidayFactory,
    "page": PageFactory,
    "bannertranslation": BannerTranslationFactory,
}


class EventFactory(PublishedFactory):
    """A published training event a month from now, 09:30 to 16:00, booked through a link."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Multi-agency training {n}")
    slug = factory.Sequence(lambda n: f"training-{n}")
    summary = "A day of multi-agency safeguarding training."
    description = "<p>What the day covers.</p>"
    level = "level_2"
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    start_time = datetime.time(9, 30)
    end_time = datetime.time(16, 0)
    venue = "Council House, Manor Square"
    booking = "link"
    booking_url = "https://booking.example.org/course/1"
    for_professionals = True


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class LearningItemFactory(PublishedFactory):
    """A published 7-minute briefing for professionals."""

    class Meta:
        model = LearningItem
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"7-minute briefing {n}")
    slug = factory.Sequence(lambda n: f"briefing-{n}")
    kind = "briefing"
    summary = "What every practitioner should know."
    body = "<h2>1. Background</h2><p>Why it matters.</p>"
    for_professionals = True

    @factory.post_generation
    def topics(self, create, topics, **kwargs):
        if create and topics:
            self.topics.add(*topics)
