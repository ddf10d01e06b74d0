import html
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from partnership.models import (
    ConcernContact,
    InitialContentRecord,
    Partner,
    PressStatement,
    RoleHolder,
    SiteSettings,
)

from .pages import CONTENT_PATHS

pytestmark = pytest.mark.django_db

# The documents the initial content was written from (their README says more).
SOURCES = settings.BASE_DIR / "partnership" / "initial_content" / "sources"
# Page chrome of the site the sources were copied from, not content.
CHROME = ("Toggle Contrast",)
INLINE_TAGS = r"a|strong|em|b|i|span|time|abbr"


def load():
    call_command("load_initial_content", verbosity=0, stdout=open("/dev/null", "w"))


def counts():
    return {
        model.__name__: list(model.objects.values())
        for model in (SiteSettings, Partner, PressStatement, ConcernContact)
    }


def normalise(text):
    return re.sub(r"\s+", " ", text).strip().casefold()


def visible_text(markup):
    """The text a reader sees: inline tags vanish, block tags become spaces."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    markup = re.sub(rf"</?(?:{INLINE_TAGS})\b[^>]*>", "", markup)
    return normalise(html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def source_sentences():
    for path in sorted(SOURCES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for chrome in CHROME:
            text = text.replace(chrome, "\n")
        text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
        for line in text.splitlines():
            line = line.strip().lstrip("•").strip()
            for sentence in re.split(r"(?<=[.?!])\s+", line):
                if sentence:
                    yield path.name, sentence


def test_loading_twice_changes_nothing():
    load()
    before = counts()
    load()
    assert counts() == before
    content = json.loads(Path(settings.INITIAL_CONTENT).read_text(encoding="utf-8"))
    pages = content.pop("pages")
    # The settings, then the pages they point to, linked once those pages exist: two records.
    items = 2 + sum(len(value) for value in content.values() if isinstance(value, list))
    assert InitialContentRecord.objects.count() == items + count_pages(pages)


def count_pages(pages):
    """Pages and the pages inside them (``children``), however deep."""
    return sum(1 + count_pages(page.get("children", [])) for page in pages)


def test_an_editors_change_is_never_overwritten():
    load()
    SiteSettings.objects.update(short_name="The partnership")
    RoleHolder.objects.filter(title="Accountable Officer").update(name="A. Person")
    load()
    assert SiteSettings.objects.current().short_name == "The partnership"
    assert RoleHolder.objects.get(title="Accountable Officer").name == "A. Person"


def test_an_editors_deletion_stands():
    load()
    ConcernContact.objects.filter(phone_number="101").delete()
    load()
    assert not ConcernContact.objects.filter(phone_number="101").exists()


def test_content_an_editor_made_first_is_kept():
    Partner.objects.create(organisation="West Midlands Police", description="Ours")
    load()
    assert Partner.objects.get(organisation="West Midlands Police").description == "Ours"


def test_a_missing_file_is_a_clear_error():
    with pytest.raises(CommandError, match="Cannot read initial content"):
        call_command("load_initial_content", "/no/such/file.json")


def test_banner_contacts_are_loaded():
    load()
    numbers = set(ConcernContact.objects.values_list("phone_number", flat=True))
    assert numbers == {"999", "0121 788 4300", "0121 605 6060", "101", "0808 800 5000", "0800 1111"}


def test_every_sentence_of_both_sources_is_on_the_public_site(client):
    load()
    paths = {*CONTENT_PATHS, *(s.get_absolute_url() for s in PressStatement.objects.all())}
    site_text = " ".join(visible_text(client.get(p).content.decode()) for p in paths)
    sentences = list(source_sentences())
    assert {name for name, _ in sentences} == {
        "000_c8f5385ad2aaecf7.txt",
        "002_21ab2ac342eda54e.txt",
    }
    missing = [
        f"{name}: {sentence}"
        for name, sentence in sentences
        if normalise(sentence) not in site_text
    ]
    assert missing == []
