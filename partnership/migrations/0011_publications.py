"""Documents grow into publications: types with rules, dates, readers, a web version.

Also: each publication's date for lists is filled in; header links to the old documents list now name the publications list; on PostgreSQL the
documents' search index is made again to cover the web version; uploaded PDFs get their page
count.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models
from django.utils import timezone
import django.db.models.deletion
import django_prose_editor.fields

from partnership.documents import pdf_page_count
from partnership.search import search_vector

# As search.py reads publications now; copied so a later change does not rewrite this migration.
OLD_FIELDS = (("title", "A", False), ("summary", "B", False))
NEW_FIELDS = (("title", "A", False), ("summary", "B", False), ("body", "C", True))


def document_search_index(fields):
    def replace(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            Document = apps.get_model("partnership", "Document")
            schema_editor.remove_index(Document, GinIndex(name="document_search", fields=["id"]))
            schema_editor.add_index(
                Document, GinIndex(search_vector(fields), name="document_search")
            )

    return replace


def rename_navigation(old, new):
    def rename(apps, schema_editor):
        NavigationLink = apps.get_model("partnership", "NavigationLink")
        NavigationLink.objects.filter(section=old).update(section=new)

    return rename


def fill_published_on(apps, schema_editor):
    Document = apps.get_model("partnership", "Document")
    for document in Document.objects.all():
        document.published_on = document.dated or timezone.localdate(document.publish_at)
        document.save(update_fields=["published_on"])


def count_pdf_pages(apps, schema_editor):
    Document = apps.get_model("partnership", "Document")
    for document in Document.objects.filter(file_type="pdf", page_count__isnull=True):
        try:
            with document.file.open("rb") as file:
                document.page_count = pdf_page_count(file)
        except OSError:
            continue  # A missing file: its page count stays unknown.
        document.save(update_fields=["page_count"])


class Migration(migrations.Migration):

    dependencies = [
        ('partnership', '0010_role_holders'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='document',
            options={'ordering': ('-published_on', '-publish_at', 'title'), 'verbose_name': 'publication'},
        ),
        migrations.RemoveConstraint(
            model_name='document',
            name='document_file_or_link',
        ),
        migrations.AddField(
            model_name='document',
            name='archive_after',
            field=models.DateField(blank=True, help_text='For a practice review: the last day it is listed, at least 12 months after its publication date. After it the review leaves the lists and search; its address still says where it is now and links its learning summary.', null=True),
        ),
        migrations.AddField(
            model_name='document',
            name='archive_location',
            field=models.URLField(blank=True, help_text='For an archived review, where readers can find it, e.g. the NSPCC national case review repository.', verbose_name='where the archived review is'),
        ),
        migrations.AddField(
            model_name='document',
            name='body',
            field=models.TextField(blank=True, help_text='The publication as a web page, with headings (they make its contents list). A web page is easier to read with a screen reader, on a phone or enlarged than a PDF: give one whenever you can, with or without a file.', verbose_name='web version'),
        ),
        migrations.AddField(
            model_name='document',
            name='child_name',
            field=models.CharField(blank=True, help_text='For a practice review: the name or pseudonym the review was published under, e.g. “Child T”. Leave empty for a thematic review.', max_length=100, verbose_name="child's published name or pseudonym"),
        ),
        migrations.AlterField(
            model_name='document',
            name='dated',
            field=models.DateField(blank=True, help_text='The date the publication carries: when it was approved or first published. Required for yearly reports and practice reviews. Leave empty if you do not know it.', null=True, verbose_name='publication date'),
        ),
        migrations.AddField(
            model_name='document',
            name='for_children',
            field=models.BooleanField(default=False, verbose_name='Children and young people'),
        ),
        migrations.AddField(
            model_name='document',
            name='for_professionals',
            field=models.BooleanField(default=False, verbose_name='Professionals'),
        ),
        migrations.AddField(
            model_name='document',
            name='for_public',
            field=models.BooleanField(default=False, verbose_name='The public, parents and carers'),
        ),
        migrations.AddField(
            model_name='document',
            name='learning_summary',
            field=models.ForeignKey(blank=True, help_text='For a practice review: the publication that sums up its learning, such as a 7-minute briefing. It stays linked after the review is archived.', limit_choices_to=models.Q(('kind', 'review'), _negated=True), null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='summarised_reviews', to='partnership.document'),
        ),
        migrations.AddField(
            model_name='document',
            name='page_count',
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='document',
            name='period_end',
            field=models.DateField(blank=True, help_text='The last day of that period, e.g. 31 March 2024.', null=True, verbose_name='reporting period to'),
        ),
        migrations.AddField(
            model_name='document',
            name='period_start',
            field=models.DateField(blank=True, help_text='Optional. The first day of the period it reports on, e.g. 1 April 2023.', null=True, verbose_name='reporting period from'),
        ),
        migrations.AddField(
            model_name='document',
            name='published_on',
            field=models.DateField(editable=False, help_text='The date lists sort and filter by: the publication date, or else the day it went online.', null=True),
        ),
        migrations.AlterField(
            model_name='document',
            name='kind',
            field=models.CharField(choices=[('arrangements', 'Safeguarding arrangements'), ('yearly_report', 'Yearly report'), ('review', 'Child safeguarding practice review'), ('threshold', 'Threshold document'), ('scrutiny_report', 'Independent scrutiny report'), ('briefing', '7-minute briefing'), ('newsletter', 'Newsletter'), ('policy', 'Policy or procedure'), ('other', 'Other')], default='other', help_text='Yearly reports and practice reviews carry rules: a yearly report is expected every 12 months, and a review can be archived 12 months after it was published.', max_length=20, verbose_name='type'),
        ),
        migrations.AlterField(
            model_name='document',
            name='slug',
            field=models.SlugField(help_text="The last part of the publication's web address. Filled in from the title.", max_length=100),
        ),
        migrations.AlterField(
            model_name='document',
            name='summary',
            field=models.CharField(blank=True, help_text='Optional. Shown in lists and search results.', max_length=300),
        ),
        migrations.AddIndex(
            model_name='document',
            index=models.Index(fields=['status', '-published_on', '-publish_at'], name='document_listing_order'),
        ),
        migrations.AddIndex(
            model_name='document',
            index=models.Index(fields=['kind', 'status', '-published_on', '-publish_at'], name='document_type_order'),
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.CheckConstraint(condition=models.Q(('file', ''), ('external_url', ''), _connector='OR'), name='document_file_or_link', violation_error_message='Upload a file or give a link, not both.'),
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('file', ''), _negated=True), models.Q(('external_url', ''), _negated=True), models.Q(('body', ''), _negated=True), _connector='OR'), name='document_has_a_version', violation_error_message='Give the publication a web version, a file or a link.'),
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('period_end__isnull', True), ('period_start__isnull', True)), ('period_end__gt', models.F('period_start')), _connector='OR'), name='document_period_in_order', violation_error_message='A reporting period needs both dates, the end after the start.'),
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.CheckConstraint(condition=models.Q(('archive_after__isnull', True), models.Q(('archive_after__gt', models.F('dated')), ('kind', 'review')), _connector='OR'), name='document_archive_review_after_publication', violation_error_message='Only a dated practice review can be archived, after its publication date.'),
        ),
        migrations.RunPython(fill_published_on, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="document",
            name="published_on",
            field=models.DateField(
                editable=False,
                help_text="The date lists sort and filter by: the publication date, or else the "
                "day it went online.",
            ),
        ),
        migrations.RunPython(
            rename_navigation("document-list", "publication-list"),
            rename_navigation("publication-list", "document-list"),
        ),
        migrations.RunPython(
            document_search_index(NEW_FIELDS), document_search_index(OLD_FIELDS)
        ),
        migrations.RunPython(count_pdf_pages, migrations.RunPython.noop),
    ]
