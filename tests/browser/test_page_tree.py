"""An editor builds a section three levels deep in real Chromium, with a picture, puts it in the
header, and a visitor finds it through the navigation, the breadcrumbs and search."""

from playwright.sync_api import expect

from ..factories import ImageFactory
from .helpers import sign_in


def add_page(page, title, body, *, inside=None, picture=None):
    """Fill in and save the admin's page form, as an editor does."""
    if inside:
        # Searching the page list finds a page at any depth, with its "Add a page inside".
        page.goto("/admin/partnership/page/")
        page.locator("#searchbar").fill(inside)
        page.get_by_role("button", name="Search").click()
        page.get_by_role("row").filter(has_text=inside).get_by_role(
            "link", name="Add a page inside"
        ).first.click()
        expect(page.get_by_label("Sits inside").locator("option:checked")).to_contain_text(inside)
    else:
        page.goto("/admin/partnership/page/")
        page.get_by_role("link", name="Add page").click()
    page.get_by_label("Title").press_sequentially(title)
    page.get_by_label("Summary").fill(f"About {title.lower()}.")
    if picture:
        page.locator("#id_lead_image + .select2").click()
        page.locator(".select2-search__field").fill(picture)
        page.locator(".select2-results__option", has_text=picture).click()
    page.locator("[contenteditable=true].ProseMirror").click()
    page.keyboard.type(body)
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("is published")


def test_an_editor_builds_a_section_and_a_visitor_finds_it(
    page, django_user_model, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    ImageFactory(title="School gates", alt_text="Children walking through school gates")
    sign_in(page, django_user_model)

    add_page(page, "For schools", "What schools and colleges need to know.")
    add_page(
        page,
        "Safeguarding in education",
        "Every school has a designated safeguarding lead.",
        inside="For schools",
        picture="School gates",
    )
    # Open the section in the page list (treebeard loads what is inside it) to add a third level.
    page.goto("/admin/partnership/page/")
    page.get_by_role("row").filter(has_text="For schools").locator("a.treebeard-collapse").click()
    expect(page.get_by_role("row").filter(has_text="Safeguarding in education")).to_be_visible()
    add_page(
        page,
        "Designated safeguarding leads",
        "The lead takes responsibility for child protection in a school.",
        inside="Safeguarding in education",
    )

    # The section goes into the header navigation, first.
    page.goto("/admin/partnership/sitesettings/")
    page.get_by_role("link", name="Solihull Local Safeguarding Children Partnership").click()
    # The seeded site has six links; the form offers a row for a seventh.
    row = page.locator("#navigation_links-6")
    row.locator(".select2").click()
    page.locator(".select2-search__field").fill("schools")
    page.locator(".select2-results__option", has_text="For schools").click()
    row.locator("input[name$='-order']").fill("0")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    # A visitor: the header link, then down the tree by the section's list of pages.
    page.context.clear_cookies()
    page.goto("/")
    main_nav = page.get_by_role("navigation", name="Main")
    expect(main_nav.get_by_role("link").first).to_have_text("For schools")
    main_nav.get_by_role("link", name="For schools").click()
    expect(page.locator("h1")).to_have_text("For schools")
    page.get_by_role("link", name="Safeguarding in education").click()
    expect(page.locator("main picture img")).to_have_attribute(
        "alt", "Children walking through school gates"
    )
    page.get_by_role("article").get_by_role("link", name="Designated safeguarding leads").click()
    expect(page).to_have_url(
        f"{page.url.split('/for-schools/')[0]}/for-schools/safeguarding-in-education/"
        "designated-safeguarding-leads/"
    )
    crumbs = page.get_by_role("navigation", name="Breadcrumb").get_by_role("listitem")
    expect(crumbs).to_have_text(
        ["Home", "For schools", "Safeguarding in education", "Designated safeguarding leads"]
    )
    section = page.get_by_role("navigation", name="In this section")
    expect(section.locator("[aria-current=page]")).to_have_text("Designated safeguarding leads")
    expect(main_nav.locator("[aria-current]")).to_have_text("For schools")

    # Search finds the deep page and says which section it is in.
    page.get_by_role("search").first.get_by_role("searchbox").fill("designated lead")
    page.keyboard.press("Enter")
    result = page.locator(".search-results__item").filter(has_text="Designated safeguarding leads")
    expect(result).to_contain_text("For schools")
