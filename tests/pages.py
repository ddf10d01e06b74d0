"""The pages every page-wide check visits: furniture, metadata, privacy, axe-core, the Nu checker.

One list for all of them: add a new kind of public page here and every check covers it.
"""

PUBLIC_PAGES = {
    "home": "/",
    "partners": "/partners/",
    "vision": "/vision/",
    "priorities": "/priorities/",
    "statements": "/statements/",
    "statement": "/statements/2022/joint-targeted-area-inspection/",
    "documents": "/documents/",
    "editorial page": "/accessibility/",
    "privacy notice": "/privacy-notice/",
    "search form": "/search/",
    "search results": "/search/?q=inspection",
    "search, nothing found": "/search/?q=zzzqqq",
    "not found": "/no-such-page/",
}

# The pages that answer 200 once the initial content is loaded.
SEEDED_PATHS = [path for path in PUBLIC_PAGES.values() if path != PUBLIC_PAGES["not found"]]

# Django's own template: axe checks it, the Nu checker does not (we do not own its markup).
ADMIN_LOGIN = "/admin/login/"
