"""The public pages every page-wide check visits, once the initial content is loaded.

One list for all of them (furniture, metadata, privacy, security headers, feeds, query counts,
the Nu checker, axe-core and the other browser sweeps): add a new kind of public page here and
every check covers it.

The initial content invents no events and no briefings, so the sweeps add one of each
(``add_sample_events_and_learning()``, called by the ``seeded`` and ``live_site`` fixtures).
"""

import datetime

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
    "events": "/events/",
    "events, filtered": "/events/?audience=professionals&level=level_2",
    "event": "/events/sample-level-2-training/",
    "past events": "/events/archive/",
    "learning library": "/learning/",
    "learning topic": "/learning/topics/neglect/",
    "briefing": "/learning/sample-neglect-briefing/",
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


def add_sample_events_and_learning():
    """One upcoming event and one 7-minute briefing, as an editor would add them."""
    from django.utils import timezone

    from learning.models import Topic

    from .factories import EventFactory, LearningItemFactory

    EventFactory(
        title="Level 2 multi-agency safeguarding",
        slug="sample-level-2-training",
        summary="A day of multi-agency safeguarding training for practitioners.",
        description="<h2>What it covers</h2><p>Recognising and responding to neglect.</p>",
        start_date=timezone.localdate() + datetime.timedelta(days=21),
        booking_deadline=timezone.localdate() + datetime.timedelta(days=14),
        online=True,
    )
    neglect = Topic.objects.filter(slug="neglect").first()
    sections = "".join(
        f"<h2>{number}. {heading}</h2><p>{heading} in a few sentences for a team meeting, with "
        'the <a href="https://www.gov.uk/government/publications/working-together-to-'
        f'safeguard-children--2">statutory guidance</a>.</p>'
        for number, heading in enumerate(
            (
                "Background",
                "Why it matters",
                "Information",
                "Risks",
                "What to look for",
                "Questions to consider",
                "What to do",
            ),
            start=1,
        )
    )
    LearningItemFactory(
        title="Neglect: a 7-minute briefing",
        slug="sample-neglect-briefing",
        summary="What neglect looks like, and what every practitioner should do about it.",
        body=sections,
        topics=[neglect] if neglect else [],
    )
