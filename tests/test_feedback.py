"""“Is this page useful?”: answers and comments reach editors, never the public, never a 500,
and the page that asks stays one cached copy for everyone."""

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from feedback.models import COMMENT_MAX_LENGTH, Feedback
from feedback.views import POSTS_PER_HOUR

pytestmark = pytest.mark.django_db


def answer(client, page="/vision/", useful="no", **extra):
    return client.post(reverse("feedback:send"), {"page": page, "useful": useful}, **extra)


def test_every_content_page_asks_without_a_token_and_stays_cached(seeded):
    visitor = Client(enforce_csrf_checks=True)
    for path in ("/", "/vision/", "/accessibility/", "/report-a-concern/"):
        response = visitor.get(path)
        assertContains(response, "Is this page useful?")
        assertContains(response, f'<input type="hidden" name="page" value="{path}">', html=True)
        assertNotContains(response, "csrfmiddlewaretoken")
        assert not response.cookies
        assert visitor.get(path)["X-Page-Cache"] == "hit"
    for path, status in (("/search/?q=vision", 200), ("/no-such-page/", 404)):
        assertNotContains(visitor.get(path), "Is this page useful?", status_code=status)


def test_an_answer_and_a_comment_are_stored_for_editors_with_no_cookie(seeded):
    visitor = Client(enforce_csrf_checks=True)
    response = answer(visitor, useful="no")
    assert response.status_code == 303
    assert not response.cookies
    thanks = visitor.get(response["Location"])
    assertContains(thanks, "Thank you for your feedback")
    assertContains(thanks, "Do not include personal details")
    sent = visitor.post(response["Location"], {"comment": "The phone numbers are hard to find."})
    assertContains(sent, "Thank you for your comment")
    stored = Feedback.objects.get()
    assert (stored.page, stored.useful, stored.comment) == (
        "/vision/",
        False,
        "The phone numbers are hard to find.",
    )
    # One comment per answer: the same link cannot overwrite it.
    visitor.post(response["Location"], {"comment": "Something else"})
    assert Feedback.objects.get().comment == "The phone numbers are hard to find."


@pytest.mark.parametrize(
    "page", ["/no-such-page/", "/search/", "https://evil.example/", "", "/" + "a" * 300]
)
def test_answers_about_anything_but_a_real_page_are_refused(client, seeded, page):
    assert answer(client, page=page).status_code == 400
    assert answer(client, useful="maybe").status_code == 400
    assert not Feedback.objects.exists()


def test_a_flood_from_one_address_is_bounded_and_never_fails(client, seeded):
    statuses = [answer(client, REMOTE_ADDR="203.0.113.9").status_code for _ in range(1000)]
    assert set(statuses) == {303, 429}
    assert Feedback.objects.count() == POSTS_PER_HOUR
    # Someone else is not held back by it.
    assert answer(client, REMOTE_ADDR="198.51.100.4").status_code == 303


def test_long_comments_are_refused_and_script_is_only_ever_text(client, editor_client, seeded):
    thanks = answer(client)["Location"]
    too_long = client.post(thanks, {"comment": "x" * (COMMENT_MAX_LENGTH + 1)})
    assertContains(too_long, "Keep your comment to 1,000 characters or fewer", status_code=400)
    huge = client.post(thanks, {"comment": "x" * 100_000})
    assert huge.status_code == 413
    assert Feedback.objects.get().comment == ""

    client.post(thanks, {"comment": '<script>alert("x")</script>'})
    changelist = editor_client.get(reverse("admin:feedback_feedback_changelist"))
    assertContains(changelist, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
    assertNotContains(changelist, '<script>alert("x")')
    assertNotContains(Client().get("/vision/"), "alert(")


def test_editors_see_each_pages_score_and_cannot_change_answers(editor_client, seeded):
    for useful in ("yes", "yes", "yes", "no"):
        answer(Client(), page="/partners/", useful=useful)
    answer(Client(), page="/vision/", useful="no")
    changelist = editor_client.get(reverse("admin:feedback_feedback_changelist"))
    assertContains(
        changelist,
        '<tr><th scope="row"><a href="?q=/partners/">/partners/</a></th>'
        "<td>3</td><td>1</td><td>75%</td><td>0</td></tr>",
        html=True,
    )
    assertContains(changelist, "<td>0%</td>", html=True)
    stored = Feedback.objects.first()
    change = reverse("admin:feedback_feedback_change", args=[stored.pk])
    assertNotContains(editor_client.get(change), 'name="comment"')
    assert editor_client.get(reverse("admin:feedback_feedback_add")).status_code == 403
