"""“Is this page useful?”: the answer is posted here, away from the page, so the page itself
carries no token or cookie and stays in the shared page cache.

CSRF-exempt for the same reason as the contrast toggle: the worst a forged post can do is add an
answer, and every address is held to a few answers an hour.
"""

import hashlib
import hmac

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import View

from lscp_site.security import client_ip
from partnership.models import Page, PressStatement
from partnership.page_cache import within_limit
from partnership.sections import SECTIONS

from .forms import AnswerForm, CommentForm
from .models import Feedback

# Answers and comments one address may send in an hour: more than a person would, far fewer than
# a script.
POSTS_PER_HOUR = 20
SIGNING_SALT = "feedback.answer"
# A comment may follow its answer within this long.
COMMENT_WINDOW_SECONDS = 60 * 60
FIXED_PAGES = {s.url_name for s in SECTIONS if s.url_name != "search"}


def is_content_page(path):
    """Whether ``path`` is one of the site's pages (not search, a feed or made up), so the
    admin's table of answers only names real pages."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    if match.namespace != "partnership":
        return False
    if match.url_name in FIXED_PAGES:
        return True
    if match.url_name == "page":
        return Page.objects.published().filter(url_path=match.kwargs["url_path"]).exists()
    if match.url_name == "statement-detail":
        return PressStatement.objects.published().filter(slug=match.kwargs["slug"]).exists()
    return False


def within_rate(request):
    # A keyed hash: the counter's name says nothing about the visitor, and it expires in an hour.
    address = (client_ip(request) or "").encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), address, hashlib.sha256).hexdigest()[:32]
    return within_limit(f"feedback:{digest}", POSTS_PER_HOUR, 60 * 60)


def too_many(request):
    return render(request, "feedback/too_many.html", status=429)


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class AnswerView(View):
    """Store a yes or no for a page, then offer the comment box."""

    http_method_names = ["get", "post"]

    def get(self, request):
        # Followed or bookmarked: there is nothing to show here.
        return HttpResponseRedirect(reverse("partnership:home"))

    def post(self, request):
        form = AnswerForm(request.POST)
        if not form.is_valid() or not is_content_page(form.cleaned_data["page"]):
            return render(request, "feedback/not_sent.html", status=400)
        if not within_rate(request):
            return too_many(request)
        answer = Feedback.objects.create(
            page=form.cleaned_data["page"], useful=form.cleaned_data["useful"] == "yes"
        )
        token = signing.dumps(answer.pk, salt=SIGNING_SALT)
        return HttpResponseRedirect(reverse("feedback:thanks", args=[token]), status=303)


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class ThanksView(View):
    """Thank the visitor and take one optional comment on the answer they just gave.

    The address carries the answer's number, signed, so nobody can comment on someone else's.
    """

    http_method_names = ["get", "post"]

    def answer(self, token):
        try:
            pk = signing.loads(token, salt=SIGNING_SALT, max_age=COMMENT_WINDOW_SECONDS)
        except signing.BadSignature:
            raise Http404("This feedback link has expired.") from None
        try:
            return Feedback.objects.get(pk=pk)
        except Feedback.DoesNotExist:
            raise Http404("This feedback was removed.") from None

    def get(self, request, token):
        answer = self.answer(token)
        return self.show(request, answer, CommentForm())

    def post(self, request, token):
        answer = self.answer(token)
        form = CommentForm(request.POST)
        if answer.comment:
            return self.show(request, answer, None, sent=True)
        if not form.is_valid():
            return self.show(request, answer, form, status=400)
        if not within_rate(request):
            return too_many(request)
        answer.comment = form.cleaned_data["comment"]
        answer.save(update_fields=["comment"])
        return self.show(request, answer, None, sent=True)

    def show(self, request, answer, form, sent=False, status=200):
        context = {"answer": answer, "form": form, "sent": sent}
        response = render(request, "feedback/thanks.html", context, status=status)
        response["X-Robots-Tag"] = "noindex"
        return response
