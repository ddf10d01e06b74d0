from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command

from partnership import page_cache
from partnership.roles import APPROVERS

from .pages import add_sample_events_and_learning
from .servers import free_port


def pytest_configure(config):
    # Production hashes passwords slowly on purpose; here every user a test makes would pay for
    # it (a fifth of a second each). cookiecutter-django's test settings make the same choice.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _a_cache_of_its_own(config)


def _a_cache_of_its_own(config):
    """Give each pytest-xdist worker a Redis database of its own (CACHE_URL's, then the next).

    Every test empties the cache, and a shared cache is what the site is built on: two workers on
    one database would empty each other's pages mid-test and read each other's content version.
    pytest-django gives each worker its own test database for the same reason.
    """
    worker = getattr(config, "workerinput", {}).get("workerid")
    location = settings.CACHES["default"]["LOCATION"]
    if not worker or not location.startswith(("redis://", "rediss://")):
        return
    base, _, database = location.rpartition("/")
    offset = int(worker.removeprefix("gw"))
    settings.CACHES["default"]["LOCATION"] = f"{base}/{int(database or 0) + offset}"


def _static_is_stale():
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    sources = [p for d in settings.STATICFILES_DIRS for p in Path(d).rglob("*") if p.is_file()]
    return any(p.stat().st_mtime > built for p in sources)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
    """Tests run with production's hashed static files; rebuild them only when static/ changed.

    Once, before any test and before pytest-xdist starts its workers (a worker has
    ``workerinput``), so two workers never write the same files.
    """
    if not hasattr(session.config, "workerinput") and _static_is_stale():
        call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached pages or content version left by another test's database,
    and with the cache answering, whatever failure another test made it see."""
    cache.clear()
    page_cache.shared_cache.__init__()


@pytest.fixture
def seeded(db):
    """The site with its real initial content loaded, and a sample event and briefing."""
    call_command("load_initial_content", verbosity=0, stdout=open("/dev/null", "w"))
    add_sample_events_and_learning()


@pytest.fixture
def editor(django_user_model):
    """A partnership staff member who is an Approver (not a superuser): edits and publishes."""
    user = django_user_model.objects.create_user(
        "editor", "editor@example.org", "a-long-editor-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=APPROVERS))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


class KeptMail:
    """aiosmtpd's handler: every message the site sends, parsed, in order."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on the loopback that the site's mail goes to (aiosmtpd)."""
    handler = KeptMail()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield handler
    controller.stop()
