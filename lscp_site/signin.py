"""The sign-in lock-out: django-axes' database handler with a second, per-address limit.

Axes locks a username out from one address after AXES_FAILURE_LIMIT failures. Password spraying
tries one or two passwords against many usernames from one address and never reaches that; so
AXES_ADDRESS_FAILURE_LIMIT failures from one address within the cool-off, whatever the usernames,
lock the address out too. The limit is higher so that an office behind one address is not locked
out by a few colleagues' typing mistakes.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class SignInLockoutHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None):
        return super().is_locked(request, credentials) or self.address_locked(request)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        # Axes only shows its lock-out page for its own (username and address) limit.
        if request is not None and not request.axes_locked_out and self.address_locked(request):
            request.axes_locked_out = True
            request.axes_credentials = credentials

    def address_locked(self, request):
        return self.address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT

    @staticmethod
    def address_failures(request):
        """Failed sign-ins from the request's address within the cool-off, for any username."""
        attempts = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
