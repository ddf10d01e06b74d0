"""
A form posted when it cannot be saved (the session ended; the CSRF token changed because the
editor signed in again elsewhere) is kept in the browser's session and put back into the form
when the editor opens it again.

Kept only for the editor who opened the form (its check code names them, signed), only as
typed text (a chosen file cannot be kept), and given back once.
"""

from django.utils import timezone

from lscp_site.security import is_admin_request

from .formdata import kept
from .tokens import read_or_none

SESSION_KEY = "editing_kept_forms"
# A few forms at most: each is one page's worth of typing.
MOST = 5


def keep(request):
    """Keep an admin form post that carries a check code; True if it was kept."""
    if request.method != "POST" or not is_admin_request(request):
        return False
    token = read_or_none(request.POST.get("_editing"))
    if token is None:
        return False
    forms = request.session.get(SESSION_KEY, {})
    forms[request.path] = {
        "user": token.user,
        "data": kept(request.POST),
        "at": timezone.now().isoformat(),
        "had_files": bool(request.FILES),
    }
    # The newest few only.
    request.session[SESSION_KEY] = dict(sorted(forms.items(), key=lambda i: i[1]["at"])[-MOST:])
    return True


def take(request):
    """The form kept for this page and this editor, removed from the session, or None."""
    forms = request.session.get(SESSION_KEY)
    if not forms or request.path not in forms:
        return None
    entry = forms.pop(request.path)
    request.session[SESSION_KEY] = forms
    if entry["user"] != request.user.pk:
        return None
    return entry["data"]


class KeepUnsentFormMiddleware:
    """An admin form posted after the session ended is kept before the admin sends the editor
    to sign in, so what they typed comes back once they have."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # After CsrfViewMiddleware's check: only a post from our own page is kept.
        if (
            request.method == "POST"
            and is_admin_request(request)
            and not request.user.is_authenticated
        ):
            keep(request)
