"""The editing app's views outside the admin: share links, and the CSRF failure page."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from lscp_site.security import is_admin_request

from . import kept_forms, share
from .signoff import name_of


def share_preview(request, token):
    """A working copy's preview for someone with the link: never stored, never indexed."""
    try:
        link = share.link_for(token)
        copy_ = link.working_copy
        model_admin = share_admin(copy_)
        banner = {
            "status": f"A preview shared by {name_of(link.created_by)}: not on the public site. "
            f"This link works until {link.expires_at:%-d %B %Y}.",
            "change_url": "",
        }
        response = model_admin.working_copy_preview(request, copy_, link.created_by, banner)
    except PermissionDenied:
        # Whoever made the link may no longer edit it: the link goes with them.
        response = render(
            request,
            "editing/share_refused.html",
            {"message": "This preview is no longer available."},
            status=410,
        )
    except share.Refused as refused:
        response = render(
            request, "editing/share_refused.html", {"message": str(refused)}, status=refused.status
        )
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    # The token is in the address: it must not travel on in a Referer header.
    response["Referrer-Policy"] = "no-referrer"
    return response


def share_admin(copy_):
    model_admin = admin.site._registry.get(copy_.model)
    if model_admin is None:
        raise share.Refused("This preview link is not valid.", 404)
    return model_admin


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the site's page; an admin form (the editor signed in again elsewhere,
    so the token changed) is kept and comes back when they open the page again."""
    kept = is_admin_request(request) and kept_forms.keep(request)
    return render(request, "403_csrf.html", {"kept_path": request.path if kept else ""}, status=403)
