"""Replacing a partner prompts the rest: the roles, executive members and published text that
still name the old organisation."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from .factories import (
    ExecutiveMemberFactory,
    PageFactory,
    PartnerFactory,
    PressStatementFactory,
    RoleHolderFactory,
)

pytestmark = pytest.mark.django_db


def words(response):
    return " ".join(strip_tags(response.text).split())


@pytest.fixture
def replaced():
    ccg = PartnerFactory(organisation="Birmingham and Solihull CCG")
    icb = PartnerFactory(organisation="Birmingham and Solihull ICB")
    RoleHolderFactory(partner=ccg, title="Accountable Officer", name="A. Person")
    RoleHolderFactory(
        partner=ccg,
        title="Chief Nurse",
        role="delegated",
        ended_on=datetime.date(2022, 6, 30),
        started_on=datetime.date(2020, 1, 1),
    )
    ExecutiveMemberFactory(partner=ccg, role="Designated Nurse")
    ExecutiveMemberFactory(partner=ccg, role="Former GP lead", active=False)
    PageFactory(title="Health partners", body="<p>The Birmingham and Solihull CCG funds it.</p>")
    PressStatementFactory(title="ICB starts", body="<p>The ICB replaces the CCG.</p>")
    PageFactory(title="Draft", status="draft", body="<p>Birmingham and Solihull CCG</p>")
    ccg.active, ccg.replaced_by, ccg.left_on = False, icb, datetime.date(2022, 7, 1)
    ccg.save()
    return ccg


def test_the_replaced_partners_form_lists_what_still_names_it(editor_client, replaced):
    text = words(editor_client.get(reverse("admin:partnership_partner_change", args=[replaced.pk])))
    named = text.split("Still naming Birmingham and Solihull CCG")[1]
    assert "Birmingham and Solihull ICB took over" in named
    roles = named.split("Roles held now")[1].split("Executive group members")[0]
    assert "Accountable Officer" in roles and "Chief Nurse" not in roles
    members = named.split("Executive group members")[1].split("Published text")[0]
    assert "Designated Nurse" in members and "Former GP lead" not in members
    pages = named.split("Published text")[1]
    assert "Health partners (Page)" in pages
    assert "ICB starts" not in pages and "Draft" not in pages


def test_the_admin_home_lists_former_partners_still_named(editor_client, replaced):
    text = words(editor_client.get(reverse("admin:index")))
    assert "Former partners still named" in text
    assert "Named in 3 places" in text


def test_a_serving_partner_shows_nothing(editor_client):
    partner = PartnerFactory(organisation="West Midlands Police")
    PageFactory(body="<p>West Midlands Police</p>")
    text = words(editor_client.get(reverse("admin:partnership_partner_change", args=[partner.pk])))
    assert "Still naming" not in text
    assert "Former partners still named" not in words(editor_client.get(reverse("admin:index")))


def test_once_all_is_changed_it_says_so(editor_client):
    old = PartnerFactory(organisation="Old Trust", active=False)
    text = words(editor_client.get(reverse("admin:partnership_partner_change", args=[old.pk])))
    assert "Nothing published, no current role and no executive member names it any more." in text
