"""The learning library: filters, topics with their own pages and feeds, a review's links to
its learning, and the initial content's topics."""

import re

import feedparser
import pytest
from django.core.management import call_command
from django.urls import reverse

from events.models import Event
from learning.models import LearningItem, Topic

from .factories import DocumentFactory, EventFactory, LearningItemFactory, TopicFactory

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', response.text)


@pytest.fixture
def library():
    neglect = TopicFactory(name="Neglect", slug="neglect")
    exploitation = TopicFactory(name="Exploitation", slug="exploitation")
    LearningItemFactory(title="Neglect briefing", topics=[neglect])
    LearningItemFactory(
        title="Exploitation newsletter",
        kind="newsletter",
        topics=[exploitation],
        for_professionals=False,
        for_public=True,
    )
    LearningItemFactory(title="Draft guidance", kind="practice_guidance", status="draft")
    return neglect, exploitation


class TestTheLibrary:
    def test_lists_published_items_with_filters_by_topic_type_and_readers(self, client, library):
        assert sorted(titles(client.get("/learning/"))) == [
            "Exploitation newsletter",
            "Neglect briefing",
        ]
        assert titles(client.get("/learning/?topic=neglect")) == ["Neglect briefing"]
        assert titles(client.get("/learning/?type=newsletter")) == ["Exploitation newsletter"]
        assert titles(client.get("/learning/?audience=public")) == ["Exploitation newsletter"]
        assert titles(client.get("/learning/?type=briefing&topic=exploitation")) == []

    @pytest.mark.parametrize("query", ["?topic=<script>", "?type=7-minute", "?audience=all"])
    def test_nonsense_filters_are_ignored(self, client, library, query):
        response = client.get(f"/learning/{query}")
        assert len(titles(response)) == 2
        assert "<script>" not in response.text

    def test_each_topic_has_its_own_page_and_feed(self, client, library):
        assert titles(client.get("/learning/topics/neglect/")) == ["Neglect briefing"]
        feed = feedparser.parse(client.get("/learning/topics/neglect/feed/").content)
        assert feed.version == "atom10"
        assert [entry.title for entry in feed.entries] == ["Neglect briefing"]
        assert client.get("/learning/topics/no-such-topic/").status_code == 404
        assert client.get("/learning/topics/no-such-topic/feed/").status_code == 404

    def test_an_items_page_with_breadcrumbs_topics_and_a_download(self, client, library):
        download = DocumentFactory(title="Neglect briefing (PDF)", kind="briefing")
        item = LearningItem.objects.get(title="Neglect briefing")
        item.download = download
        item.save()
        page = client.get(item.get_absolute_url()).text
        assert '<a href="/learning/">Learning library</a>' in page
        assert '<a href="/learning/topics/neglect/">Neglect</a>' in page
        assert f'href="{download.download_url}"' in page
        assert '<meta name="description" content="What every practitioner should know.">' in page

    def test_drafts_stay_out_of_the_library_search_and_sitemap(self, client, library):
        draft = LearningItem.objects.get(title="Draft guidance")
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert "Draft guidance" not in client.get("/search/?q=guidance").text
        sitemap = client.get("/sitemap.xml").text
        assert draft.get_absolute_url() not in sitemap
        live = LearningItem.objects.get(title="Neglect briefing")
        assert f"<loc>http://testserver{live.get_absolute_url()}</loc>" in sitemap
        assert "<loc>http://testserver/learning/topics/neglect/</loc>" in sitemap
        assert live.get_absolute_url() in client.get("/search/?q=neglect").text


class TestAReviewLinksItsLearning:
    def test_the_review_page_links_its_learning_summary_and_briefing(self, client):
        review = DocumentFactory(title="Child T review", kind="review", slug="child-t")
        LearningItemFactory(
            title="Child T learning summary", kind="learning_summary", review=review
        )
        LearningItemFactory(title="Child T 7-minute briefing", review=review)
        LearningItemFactory(title="Child T draft", review=review, status="draft")
        page = client.get("/publications/child-t/").text
        assert "Child T learning summary" in page
        assert "Child T 7-minute briefing" in page
        assert "Child T draft" not in page
        summary = LearningItem.objects.get(title="Child T learning summary")
        assert 'href="/publications/child-t/"' in client.get(summary.get_absolute_url()).text

    def test_only_a_practice_review_can_be_linked(self):
        yearly = DocumentFactory(kind="yearly_report")
        item = LearningItemFactory.build(review=yearly, slug="x")
        with pytest.raises(Exception, match="practice review"):
            item.full_clean()


class TestInitialContent:
    def test_no_invented_events_and_an_empty_library_with_the_priorities_as_topics(self, client):
        call_command("load_initial_content", verbosity=0, stdout=open("/dev/null", "w"))
        assert not Event.objects.exists()
        assert not LearningItem.objects.exists()
        assert list(Topic.objects.values_list("name", flat=True)) == ["Exploitation", "Neglect"]
        assert "There are no upcoming events at the moment" in client.get("/events/").text
        assert "There is nothing in the library yet" in client.get("/learning/").text
        home = client.get("/").text.split("<main")[1]
        assert 'href="/events/"' in home and 'href="/learning/"' in home


@pytest.mark.parametrize(
    ("admin_name", "make"),
    [
        ("events_event", lambda: EventFactory()),
        ("learning_learningitem", lambda: LearningItemFactory()),
        ("learning_topic", lambda: TopicFactory()),
    ],
)
def test_editors_open_every_admin_page_of_events_and_the_library(editor_client, admin_name, make):
    """An Approver (not a superuser) lists, searches, adds, changes and sees the history of each."""
    obj = make()
    for url in (
        reverse(f"admin:{admin_name}_changelist"),
        reverse(f"admin:{admin_name}_changelist") + "?q=anything",
        reverse(f"admin:{admin_name}_add"),
        reverse(f"admin:{admin_name}_change", args=[obj.pk]),
        reverse(f"admin:{admin_name}_history", args=[obj.pk]),
        reverse(f"admin:{admin_name}_recoverlist"),
    ):
        assert editor_client.get(url).status_code == 200, url


def test_an_editor_adds_a_briefing_and_the_public_reads_it(editor_client, client):
    topic = TopicFactory(name="Neglect", slug="neglect")
    response = editor_client.post(
        reverse("admin:learning_learningitem_add"),
        {
            "title": "Neglect in adolescence",
            "slug": "neglect-in-adolescence",
            "kind": "briefing",
            "summary": "Seven minutes on neglect of teenagers.",
            "body": "<h2>1. Background</h2><p>Why it matters.</p>",
            "topics": [topic.pk],
            "for_professionals": "on",
            "status": "published",
            "publish_at_0": "01/01/2025",
            "publish_at_1": "09:00:00",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert titles(client.get("/learning/topics/neglect/")) == ["Neglect in adolescence"]
