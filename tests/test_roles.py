"""Roles with dated terms (Working Together 2023): who holds each role now, and who did before."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from partnership.models import Partner, RoleHolder

from .factories import PartnerFactory, RoleHolderFactory, SiteSettingsFactory
from .helpers import refused, violates_constraint

pytestmark = pytest.mark.django_db

LEAD = RoleHolder.Role.LEAD
ICB_DAY = datetime.date(2022, 7, 1)


class TestRules:
    def test_a_term_that_ends_before_it_starts_is_refused_beside_the_end_date(self):
        holder = RoleHolderFactory.build(
            partner=PartnerFactory(), started_on=ICB_DAY, ended_on=datetime.date(2022, 6, 30)
        )
        assert "after the start date" in refused(holder, "ended_on")
        violates_constraint(holder.save)

    def test_two_current_holders_of_one_lead_role_are_refused(self):
        first = RoleHolderFactory(title="Chief Constable")
        second = RoleHolderFactory.build(partner=first.partner, title="Acting Chief Constable")
        assert "holds this role for some of these dates" in refused(second, "started_on")
        violates_constraint(second.save)

    def test_terms_that_overlap_are_refused_even_with_end_dates(self):
        first = RoleHolderFactory(
            started_on=datetime.date(2019, 1, 1), ended_on=datetime.date(2023, 1, 1)
        )
        second = RoleHolderFactory.build(
            partner=first.partner, started_on=datetime.date(2022, 12, 1)
        )
        refused(second, "started_on")

    def test_the_next_holder_may_start_on_the_day_the_last_one_ended(self):
        first = RoleHolderFactory(ended_on=ICB_DAY)
        RoleHolderFactory.build(partner=first.partner, started_on=ICB_DAY).full_clean()

    def test_each_partner_has_its_own_lead_but_the_partnership_one_scrutineer(self):
        RoleHolderFactory()
        RoleHolderFactory().full_clean()
        RoleHolderFactory(role="scrutineer", partner=None, title="Independent Scrutineer")
        second = RoleHolderFactory.build(role="scrutineer", partner=None, title="Scrutineer")
        refused(second, "started_on")
        violates_constraint(second.save)

    def test_relevant_agencies_may_have_many_representatives(self):
        agency = PartnerFactory(kind=Partner.Kind.RELEVANT_AGENCY)
        RoleHolderFactory(role="relevant_agency", partner=agency, title="Head of Probation")
        RoleHolderFactory.build(
            role="relevant_agency", partner=agency, title="Deputy head"
        ).full_clean()

    def test_a_lead_safeguarding_partner_needs_an_organisation(self):
        holder = RoleHolderFactory.build(partner=None)
        assert "partner organisation" in refused(holder, "partner")
        violates_constraint(holder.save)

    def test_the_post_is_built_from_title_and_organisation(self):
        ccg = PartnerFactory(organisation="Birmingham and Solihull CCG")
        holder = RoleHolderFactory(
            partner=ccg, title="Accountable Officer", title_preposition="for"
        )
        assert holder.post == "Accountable Officer for Birmingham and Solihull CCG"


def role_rows(*rows, initial=0):
    """The partner form's inline rows of lead and delegated safeguarding partners."""
    data = {
        "role_holders-TOTAL_FORMS": str(len(rows)),
        "role_holders-INITIAL_FORMS": str(initial),
        "role_holders-MIN_NUM_FORMS": "0",
        "role_holders-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        row = {"role": "lead", "title_preposition": "of", "name": "", "ended_on": ""} | row
        data |= {f"role_holders-{n}-{key}": value for key, value in row.items()}
    return data


def partner_form(partner, **overrides):
    return {
        "organisation": partner.organisation,
        "kind": "statutory",
        "website": "",
        "description": "",
        "order": partner.order,
        "active": "on",
        "left_on": "",
        "replaced_by": "",
    } | overrides


class TestEditing:
    def test_editor_records_the_ccg_replaced_by_the_icb(self, editor_client, client):
        SiteSettingsFactory()
        ccg = PartnerFactory(organisation="Clinical Commissioning Group")
        officer = RoleHolderFactory(
            partner=ccg, title="Accountable Officer", title_preposition="for"
        )
        icb = PartnerFactory(organisation="Integrated Care Board")
        response = editor_client.post(
            reverse("admin:partnership_partner_change", args=[ccg.pk]),
            partner_form(ccg, active="", left_on="01/07/2022", replaced_by=icb.pk)
            | role_rows(
                {
                    "id": officer.pk,
                    "partner": ccg.pk,
                    "title": "Accountable Officer",
                    "title_preposition": "for",
                    "started_on": "",
                    "ended_on": "01/07/2022",
                },
                initial=1,
            ),
        )
        assert response.status_code == 302
        response = editor_client.post(
            reverse("admin:partnership_partner_change", args=[icb.pk]),
            partner_form(icb)
            | role_rows(
                {"partner": icb.pk, "title": "Chief Executive", "started_on": "01/07/2022"}
            ),
        )
        assert response.status_code == 302
        assert Partner.objects.filter(active=True).get() == icb
        page = client.get("/partners/")
        assertContains(page, "Chief Executive of Integrated Care Board")
        history = page.content.decode().split("<h2>History</h2>")[1]
        assert "Accountable Officer for Clinical Commissioning Group until 1 July 2022" in history
        assert "Clinical Commissioning Group, until 1 July 2022; replaced by Integrated" in history

    def test_handing_over_in_one_save_is_allowed(self, editor_client):
        police = PartnerFactory()
        old = RoleHolderFactory(partner=police, title="Chief Constable", name="A. Old")
        response = editor_client.post(
            reverse("admin:partnership_partner_change", args=[police.pk]),
            partner_form(police)
            | role_rows(
                {
                    "id": old.pk,
                    "partner": police.pk,
                    "title": "Chief Constable",
                    "name": "A. Old",
                    "started_on": "",
                    "ended_on": "01/02/2025",
                },
                {
                    "partner": police.pk,
                    "title": "Chief Constable",
                    "name": "B. New",
                    "started_on": "01/02/2025",
                },
                initial=1,
            ),
        )
        assert response.status_code == 302
        assert RoleHolder.objects.current().get().name == "B. New"

    def test_two_current_leads_in_one_save_are_refused_beside_the_field(self, editor_client):
        police = PartnerFactory()
        response = editor_client.post(
            reverse("admin:partnership_partner_change", args=[police.pk]),
            partner_form(police, description="Changed")
            | role_rows(
                {"partner": police.pk, "title": "Chief Constable", "started_on": "01/01/2024"},
                {"partner": police.pk, "title": "Deputy", "started_on": "01/06/2024"},
            ),
        )
        assert response.status_code == 200
        [formset] = response.context["inline_admin_formsets"]
        assert "holds this role for some of these dates" in str(
            formset.formset.forms[1].errors["started_on"]
        )
        assert not RoleHolder.objects.exists()
        police.refresh_from_db()
        assert police.description == "", "nothing of a refused save is kept"

    def test_an_end_before_the_start_is_refused_in_the_roles_own_form(self, editor_client):
        response = editor_client.post(
            reverse("admin:partnership_roleholder_add"),
            {
                "role": "chair",
                "partner": "",
                "title": "Independent Chair",
                "title_preposition": "of",
                "name": "",
                "order": 0,
                "started_on": "01/07/2022",
                "ended_on": "01/06/2022",
            },
        )
        assert response.status_code == 200
        assert "ended_on" in response.context["adminform"].form.errors
        assert not RoleHolder.objects.exists()


class TestPublicPages:
    def test_a_term_moves_to_the_history_at_midnight_through_the_page_cache(
        self, client, time_machine
    ):
        SiteSettingsFactory()
        time_machine.move_to(datetime.datetime(2025, 1, 31, 23, 30, tzinfo=datetime.UTC))
        police = PartnerFactory(organisation="Anytown Police")
        RoleHolderFactory(
            partner=police, title="Chief Constable", name="A. Old", ended_on="2025-02-01"
        )
        RoleHolderFactory(
            partner=police, title="Chief Constable", name="B. New", started_on="2025-02-01"
        )
        before = client.get("/partners/")
        assertContains(before, "<dd>A. Old, Chief Constable of Anytown Police</dd>")
        assertNotContains(before, "B. New")
        assert client.get("/partners/")["X-Page-Cache"] == "hit"
        time_machine.move_to(datetime.datetime(2025, 2, 1, 0, 0, 1, tzinfo=datetime.UTC))
        after = client.get("/partners/").content.decode()
        current, history = after.split("<h2>History</h2>")
        assert "B. New, Chief Constable of Anytown Police" in current
        assert "A. Old" not in current
        assert "A. Old, Chief Constable of Anytown Police until 1 February 2025" in history

    def test_home_page_says_who_leads_and_scrutinises(self, client):
        SiteSettingsFactory()
        RoleHolderFactory(partner=PartnerFactory(organisation="Anytown Council"))
        RoleHolderFactory(role="chair", partner=None, title="Independent Chair", name="C. Chair")
        RoleHolderFactory(
            role="scrutineer", partner=None, title="Independent Scrutineer", name="S. Scrutineer"
        )
        page = client.get("/")
        assertContains(
            page,
            '<li class="partner-list__item">Chief Executive of Anytown Council</li>',
            html=True,
        )
        assertContains(page, "Partnership chair: C. Chair, Independent Chair")
        assertContains(page, "Independent scrutineer: S. Scrutineer")

    def test_education_has_its_own_place_on_the_partners_page(self, client):
        SiteSettingsFactory()
        PartnerFactory(organisation="Anytown College", kind=Partner.Kind.EDUCATION)
        RoleHolderFactory(role="education", partner=None, title="Primary headteachers lead")
        education = client.get("/partners/").content.decode().split("<h2>Education</h2>")[1]
        assert "Anytown College" in education
        assert "Primary headteachers lead" in education
