"""The pages every accessibility check visits: axe-core in tests/browser/, the Nu checker.

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
    "search results": "/search/?q=inspection",
    "search, nothing found": "/search/?q=zzzqqq",
    "not found": "/no-such-page/",
}

# Django's own template: axe checks it, the Nu checker does not (we do not own its markup).
ADMIN_LOGIN = "/admin/login/"
