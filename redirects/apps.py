from django.apps import AppConfig


class RedirectsConfig(AppConfig):
    """Old web addresses kept working: its own domain (the site's addresses over time), so its own
    app. It depends on the partnership app, whose content announces new addresses
    (``address_changed``); the partnership app does not know it exists."""

    name = "redirects"
    verbose_name = "Old web addresses"

    def ready(self):
        from partnership.signals import address_changed

        from .models import Redirect

        address_changed.connect(Redirect.objects.record_moves, dispatch_uid="redirects")
