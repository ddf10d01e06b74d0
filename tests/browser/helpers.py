"""What the browser tests share besides their fixtures: fresh pages and axe-core's verdict."""

from urllib.parse import urlsplit

from django.contrib.auth.models import Group

from partnership.roles import APPROVERS

# axe-core's tags are not cumulative: WCAG 2.2 AA means listing every level up to it. Its
# best-practice rules too (landmarks, unique names, heading order): what a screen reader user
# notices even where WCAG is silent.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Every rule runs and every violation comes back in full. resultTypes spares axe-core describing
# each node that passed (its default, and two thirds of the time of a run), and only the
# violations cross back to Python.
AXE_RUN_JS = "(options) => axe.run(document, options).then((results) => results.violations)"


def new_page(browser, base_url, outbound, **context_options):
    """A page in a fresh browser context that only talks to the live server.

    Requests to any other host are refused and their URLs appended to ``outbound``.
    """
    context = browser.new_context(base_url=base_url, **context_options)
    local = urlsplit(base_url).netloc

    def guard(route):
        if urlsplit(route.request.url).netloc == local:
            route.continue_()
        else:
            outbound.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return context.new_page()


def load_axe_on_every_page(axe, page):
    """Have axe-core in every document the page opens, from its start.

    For a sweep over many pages: sending the 570 KB script for each took as long as the page load.
    """
    page.context.add_init_script(axe.axe_script)


def axe_violations(axe, page):
    """axe-core's WCAG 2.2 AA and best-practice violations on the page, as readable strings."""
    if not page.evaluate("() => 'axe' in window"):
        page.evaluate(axe.axe_script)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    violations = page.evaluate(AXE_RUN_JS, options)
    return [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in violations
    ]


def sign_in(page, django_user_model, username="dana", role=APPROVERS, first_name=""):
    """Sign in to the admin as a new member of ``role`` (Approvers unless told; not a
    superuser)."""
    editor = django_user_model.objects.filter(username=username).first()
    if editor is None:
        editor = django_user_model.objects.create_user(
            username,
            f"{username}@example.org",
            "a-long-editor-password",
            is_staff=True,
            first_name=first_name,
        )
        editor.groups.add(Group.objects.get(name=role))
    page.goto("/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-editor-password")
    page.get_by_role("button", name="Log in").click()
