"""In real Chromium: an editor adds an event and a visitor takes it to their calendar; a
7-minute briefing prints on two sides of A4 with its links written out."""

import datetime
import re
from pathlib import Path

from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from events.models import Event

from .helpers import sign_in


def test_an_editor_adds_an_event_and_a_visitor_downloads_its_calendar_file(
    page, django_user_model, tmp_path
):
    # The partnership's first event: the admin's home page says how to add it.
    Event.objects.all().delete()
    sign_in(page, django_user_model)
    page.goto("/admin/")
    page.get_by_role("link", name="Add an event").click()
    page.get_by_label("Title").press_sequentially("Level 3 neglect training")
    expect(page.get_by_label("Web address")).to_have_value("level-3-neglect-training")
    page.get_by_label("Summary").fill("Advanced training on working with neglect.")
    page.get_by_label("Level or kind").select_option("level_3")
    day = timezone.localdate() + datetime.timedelta(days=10)
    page.locator("#id_start_date").fill(day.strftime("%d/%m/%Y"))
    page.locator("#id_start_time").fill("09:30")
    page.locator("#id_end_time").fill("12:30")
    page.locator("#id_venue").fill("Council House, Manor Square")
    page.get_by_label("Booking link").fill("https://booking.example.org/neglect")
    page.get_by_label("Professionals").check()
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("is published")

    visitor = page.context.browser.new_context(base_url=page.url.split("/admin")[0])
    public = visitor.new_page()
    public.goto("/events/")
    public.get_by_role("link", name="Level 3 neglect training").click()
    expect(public.get_by_role("heading", level=1)).to_have_text("Level 3 neglect training")
    with public.expect_download() as download_info:
        public.get_by_role("link", name=re.compile("Add to calendar")).click()
    download = download_info.value
    assert download.suggested_filename == "level-3-neglect-training.ics"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    (entry,) = Calendar.from_ical(Path(saved).read_bytes()).walk("VEVENT")
    start = entry["DTSTART"].dt
    assert str(entry["SUMMARY"]) == "Level 3 neglect training"
    assert (start.date(), start.hour, start.minute) == (day, 9, 30)
    assert str(start.tzinfo) == "Europe/London"
    visitor.close()


def test_a_briefing_prints_on_two_a4_pages_with_its_links_written_out(page):
    page.goto("/learning/sample-neglect-briefing/")
    page.emulate_media(media="print")
    # Every link in the text is followed by its address on paper.
    after = page.evaluate(
        """() => [...document.querySelectorAll('.learning-item__body a')].map(
            (a) => getComputedStyle(a, '::after').content)"""
    )
    assert after and all("https://www.gov.uk/" in content for content in after)
    # Its headings print, and the page furniture of a screen does not.
    expect(page.get_by_role("heading", name="7. What to do")).to_be_visible()
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".learning-item__source")).to_be_visible()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert 1 <= pages <= 2, f"{pages} pages"
