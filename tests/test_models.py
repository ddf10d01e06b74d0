import datetime

import pytest
from django.core.exceptions import ValidationError

from partnership.checks import pages_do_not_shadow_the_site
from partnership.models import (
    ConcernContact,
    Document,
    SiteSettings,
    Status,
    business_year_label,
    current_business_year,
)

from .factories import (
    FACTORIES,
    DocumentFactory,
    PageFactory,
    PartnerFactory,
    PressStatementFactory,
    PriorityFactory,
    SiteSettingsFactory,
)
from .helpers import violates_constraint

pytestmark = pytest.mark.django_db


GO_LIVE = datetime.datetime(2027, 3, 3, 9, 0, tzinfo=datetime.UTC)
SCHEDULABLE = {
    name: factory
    for name, factory in FACTORIES.items()
    if hasattr(factory._meta.model.objects, "published")
}


class TestPublished:
    @pytest.mark.parametrize("factory", SCHEDULABLE.values(), ids=SCHEDULABLE)
    def test_excludes_a_draft_and_a_future_item_and_includes_it_on_the_minute(
        self, time_machine, factory
    ):
        time_machine.move_to(GO_LIVE - datetime.timedelta(minutes=1), tick=False)
        objects = factory._meta.model.objects
        live = factory(publish_at=GO_LIVE - datetime.timedelta(days=1))
        factory(status=Status.DRAFT, publish_at=GO_LIVE - datetime.timedelta(days=1))
        scheduled = factory(publish_at=GO_LIVE)
        assert list(objects.published()) == [live]
        assert not scheduled.is_live
        assert scheduled.is_scheduled

        time_machine.move_to(GO_LIVE, tick=False)
        assert set(objects.published()) == {live, scheduled}
        assert scheduled.is_live
        assert not scheduled.is_scheduled


class TestSiteSettings:
    def test_there_is_only_ever_one_row(self):
        SiteSettingsFactory()
        second = SiteSettings(name="Another", short_name="A", area="B")
        second.save()
        assert SiteSettings.objects.count() == 1
        assert SiteSettings.objects.current().name == "Another"

    def test_the_database_refuses_a_second_row(self):
        SiteSettingsFactory()
        violates_constraint(
            lambda: SiteSettings.objects.bulk_create([SiteSettings(id=2, name="x", area="y")])
        )

    def test_quick_exit_must_be_https(self):
        settings = SiteSettings(quick_exit_url="http://example.org/")
        with pytest.raises(ValidationError) as error:
            settings.clean()
        assert "quick_exit_url" in error.value.message_dict
        violates_constraint(lambda: SiteSettingsFactory(quick_exit_url="http://example.org/"))

    def test_load_before_any_content_gives_an_empty_row(self):
        assert SiteSettings.objects.current().name == ""


class TestPartner:
    def test_a_replaced_partner_must_be_marked_inactive(self):
        icb = PartnerFactory(organisation="Integrated Care Board")
        ccg = PartnerFactory(organisation="Clinical Commissioning Group", replaced_by=icb)
        with pytest.raises(ValidationError) as error:
            ccg.full_clean()
        assert "active" in error.value.message_dict

    def test_a_partner_cannot_replace_itself(self):
        partner = PartnerFactory(active=False)
        partner.replaced_by = partner
        with pytest.raises(ValidationError):
            partner.full_clean()
        violates_constraint(partner.save)

    def test_organisations_are_unique(self):
        PartnerFactory(organisation="West Midlands Police")
        violates_constraint(lambda: PartnerFactory(organisation="West Midlands Police"))


class TestPriority:
    def test_business_year_label(self):
        assert PriorityFactory(year=2021).business_year == "2021/2022"
        assert business_year_label(2022) == "2022/2023"

    def test_business_year_starts_in_april(self):
        assert current_business_year(datetime.date(2022, 3, 31)) == 2021
        assert current_business_year(datetime.date(2022, 4, 1)) == 2022

    def test_year_out_of_range_is_refused(self):
        violates_constraint(lambda: PriorityFactory(year=1999))


class TestStatement:
    def test_slugs_are_unique(self):
        PressStatementFactory(slug="inspection")
        violates_constraint(lambda: PressStatementFactory(slug="inspection"))

    def test_url_carries_the_local_publication_year(self):
        # 23:30 on 31 December UTC is still 2026 in London.
        statement = PressStatementFactory(
            slug="new-year",
            publish_at=datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC),
        )
        assert statement.get_absolute_url() == "/statements/2026/new-year/"

    def test_spokesperson_joins_name_and_role(self):
        statement = PressStatementFactory.build(
            spokesperson_name="Steve Cullen", spokesperson_role="Independent Scrutineer"
        )
        assert statement.spokesperson == "Steve Cullen, Independent Scrutineer"


class TestDocument:
    def test_needs_a_file_or_a_link_but_not_both(self):
        with pytest.raises(ValidationError):
            Document(title="x", slug="x", external_url="").clean()
        violates_constraint(lambda: DocumentFactory(external_url=""))

    def test_slugs_are_unique(self):
        DocumentFactory(slug="report")
        violates_constraint(lambda: DocumentFactory(slug="report"))


class TestPage:
    @pytest.mark.parametrize("slug", ["statements", "admin", "search"])
    def test_cannot_take_a_path_the_site_uses(self, slug):
        with pytest.raises(ValidationError) as error:
            PageFactory.build(slug=slug).full_clean()
        assert "slug" in error.value.message_dict
        # A page made some other way (or before the address was the site's) fails the check.
        PageFactory(slug=slug)
        errors = pages_do_not_shadow_the_site(None, databases=["default"])
        assert [error.id for error in errors] == ["partnership.E002"]
        assert f"/{slug}/" in errors[0].msg

    def test_a_custom_admin_address_is_reserved_too(self, settings):
        settings.ADMIN_URL = "editing/"
        with pytest.raises(ValidationError) as error:
            PageFactory.build(slug="editing").full_clean()
        assert "already used by the site" in error.value.message_dict["slug"][0]


class TestConcernContact:
    def test_tel_link_has_no_spaces(self):
        assert ConcernContact(phone_number="0121 788 4300").href == "tel:01217884300"

    @pytest.mark.parametrize("number", ["call us", "0121-788", "<script>"])
    def test_phone_numbers_are_digits_and_spaces(self, number):
        contact = ConcernContact(label="x", phone_number=number)
        with pytest.raises(ValidationError) as error:
            contact.full_clean()
        assert "phone_number" in error.value.message_dict
        violates_constraint(contact.save)
