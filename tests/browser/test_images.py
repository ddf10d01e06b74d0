"""Images in real Chromium: an editor uploads a picture and places it on a statement, and pages
with pictures pass axe in both themes at 320 and 1280 px without shifting as pictures load."""

import io

import pytest
from PIL import Image as PILImage
from PIL import ImageDraw
from playwright.sync_api import expect

from images.models import Image
from partnership.models import Partner, PressStatement, SiteSettings

from ..factories import ImageFactory, PageFactory
from .helpers import axe_violations, new_page, sign_in

STATEMENT = "/statements/2022/joint-targeted-area-inspection/"

# The sum of every layout shift since the page started loading (Cumulative Layout Shift).
LAYOUT_SHIFT_JS = """() => new Promise((resolve) => {
    let total = 0;
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) total += entry.value;
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 100);
})"""

IMAGES_LOADED_JS = """() => [...document.querySelectorAll("main img")].every(
    (img) => img.complete && img.naturalWidth > 0)"""


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def photo_file(tmp_path):
    picture = PILImage.new("RGB", (2000, 1200), (70, 130, 180))
    ImageDraw.Draw(picture).ellipse((500, 200, 1500, 1000), fill=(240, 180, 60))
    path = tmp_path / "conference.jpg"
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def test_an_editor_uploads_a_picture_and_puts_it_on_a_statement(
    page, live_site, outbound, django_user_model, media, tmp_path
):
    sign_in(page, django_user_model)

    # Upload to the library: without alternative text it is refused beside the field.
    page.goto("/admin/images/image/add/")
    page.get_by_label("Title").fill("Conference hall")
    page.get_by_label("Image file").set_input_files(photo_file(tmp_path))
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".errorlist")).to_contain_text("Describe what the picture shows")
    assert Image.objects.count() == 0
    page.get_by_label("Image file").set_input_files(photo_file(tmp_path))
    page.get_by_label("Alternative text").fill("Delegates listening to a talk in a hall")
    page.get_by_label("Caption").fill("The partnership's conference")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    expect(page.locator(".image-preview img")).to_be_visible()

    # The statement: the picture as its lead image, and again in its text, from the picker.
    statement = PressStatement.objects.get(slug="joint-targeted-area-inspection")
    page.goto(f"/admin/partnership/pressstatement/{statement.pk}/change/")
    page.locator("#id_lead_image + .select2").click()
    page.locator(".select2-search__field").fill("Conference")
    page.locator(".select2-results__option", has_text="Conference hall").click()
    page.locator("[contenteditable=true].ProseMirror p").first.click()
    page.keyboard.press("End")
    page.locator(".prose-menubar__button[title=figure]").click()
    with page.context.expect_page() as picker_opened:
        page.get_by_role("button", name="Browse...").click()
    picker = picker_opened.value
    # The picker hands the choice back from its script: wait until the script has run.
    picker.wait_for_load_state()
    picker.get_by_role("button", name="Conference hall").click()
    dialog = page.locator("dialog[open]")
    expect(dialog.get_by_label("Alternative Text")).to_have_value(
        "Delegates listening to a talk in a hall"
    )
    dialog.get_by_role("button", name="Insert").click()
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("is published")

    # The public page: both pictures, loaded, described, and nothing moved as they arrived.
    public = new_page(
        page.context.browser, live_site, outbound, viewport={"width": 390, "height": 844}
    )
    public.goto(STATEMENT)
    pictures = public.locator("main picture img")
    expect(pictures).to_have_count(2)
    for index in range(2):
        img = pictures.nth(index)
        assert img.get_attribute("alt") == "Delegates listening to a talk in a hall"
        assert (img.get_attribute("width"), img.get_attribute("height")) == ("1920", "1152")
    assert pictures.nth(0).get_attribute("loading") is None
    assert pictures.nth(1).get_attribute("loading") == "lazy"
    pictures.nth(1).scroll_into_view_if_needed()
    public.wait_for_function(IMAGES_LOADED_JS)
    assert public.evaluate(LAYOUT_SHIFT_JS) < 0.01
    # The browser chose a rendition for a 390 px screen, not the 1920 px one.
    chosen = pictures.nth(0).evaluate("(img) => img.currentSrc")
    assert chosen.endswith((".webp", ".jpg")) and "-1920." not in chosen
    public.context.close()


MODES = {
    "standard 320px": ({"width": 320, "height": 640}, None),
    "standard 1280px": ({"width": 1280, "height": 900}, None),
    "high contrast 320px": ({"width": 320, "height": 640}, "high"),
    "high contrast 1280px": ({"width": 1280, "height": 900}, "high"),
}


def test_pages_with_pictures_pass_axe_in_both_themes_at_320_and_1280(
    browser, live_site, outbound, axe, media
):
    logo = ImageFactory(title="Logo", alt_text="Partnership logo", size=(600, 200), fmt="PNG")
    SiteSettings.objects.update(logo=logo)
    Partner.objects.filter(pk=Partner.objects.first().pk).update(
        logo=ImageFactory(title="Police", alt_text="Police crest", size=(300, 300))
    )
    picture = ImageFactory(caption="Summer in the park", credit="Photo: The council")
    page_with_pictures = PageFactory(
        title="Help for parents",
        lead_image=picture,
        body=f'<p>Words before.</p><figure class="figure"><img data-file="{picture.pk}">'
        "<figcaption>In the text</figcaption></figure><p>Words after.</p>",
    )
    problems = {}
    for mode, (viewport, contrast) in MODES.items():
        page = new_page(browser, live_site, outbound, viewport=viewport)
        if contrast:
            page.context.add_cookies([{"name": "contrast", "value": contrast, "url": live_site}])
        for path in (page_with_pictures.get_absolute_url(), "/partners/"):
            page.goto(path)
            found = axe_violations(axe, page)
            if page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth"):
                found.append("scrolls sideways")
            if found:
                problems[f"{mode} {path}"] = found
        page.context.close()
    assert problems == {}
