"""The public pages every page-wide check visits, once the initial content is loaded.

One list for all of them (furniture, metadata, privacy, security headers, feeds, query counts,
the Nu checker, axe-core and the other browser sweeps): add a new kind of public page here and
every check covers it.
"""

PUBLIC_PAGES = {
    "home": "/",
    "partners": "/partners/",
    "report a concern": "/report-a-concern/",
    "vision": "/vision/",
    "priorities": "/priorities/",
    "statements": "/statements/",
    "statement": "/statements/2022/joint-targeted-area-inspection/",
    "publications": "/publications/",
    "publications, filtered": "/publications/?type=arrangements&audience=professionals",
    "publication": "/publications/lscp-arrangements/",
    "editorial page": "/accessibility/",
    "section page": "/parents-and-carers/",
    "page in a section": "/parents-and-carers/online-safety/",
    "privacy notice": "/privacy-notice/",
    "search form": "/search/",
    "search results": "/search/?q=safeguarding",
    "search, nothing found": "/search/?q=zzzqqq",
    "not found": "/no-such-page/",
}

# The pages that answer 200 once the initial content is loaded.
SEEDED_PATHS = [path for path in PUBLIC_PAGES.values() if path != PUBLIC_PAGES["not found"]]

# The pages that show the content itself (search results only quote it).
CONTENT_PATHS = [
    path for name, path in PUBLIC_PAGES.items() if path in SEEDED_PATHS and "search" not in name
]

# Where most visits start: the browser checks that cost a fresh load each (page weight, layout
# shift) visit these.
LANDING_PAGES = {name: PUBLIC_PAGES[name] for name in ("home", "statements", "statement")}

# Django's own template: axe checks it, the Nu checker does not (we do not own its markup).
ADMIN_LOGIN = "/admin/login/"
