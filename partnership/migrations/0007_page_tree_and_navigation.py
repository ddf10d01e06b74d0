"""Pages become a tree (django-treebeard's materialised path), and editors choose the header links.

Existing pages become top-level pages in their old order, at their old addresses. A page's slug
is now unique among the pages beside it (its whole address, ``url_path``, is unique); the footer
flag gets the name of what it does.
"""

import django.db.models.deletion
from django.db import migrations, models
from treebeard.numconv import NumConv

import partnership.models

# treebeard's MP_Node defaults: four characters of 0-9A-Z for each level.
STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def pages_become_top_level(apps, schema_editor):
    Page = apps.get_model("partnership", "Page")
    numbers = NumConv(ALPHABET)
    pages = list(Page.objects.order_by("order", "title", "pk"))
    for position, page in enumerate(pages, start=1):
        page.path = numbers.int2str(position).rjust(STEPLEN, ALPHABET[0])
        page.depth = 1
        page.numchild = 0
        page.url_path = page.slug
    Page.objects.bulk_update(pages, ["path", "depth", "numchild", "url_path"])


class Migration(migrations.Migration):

    dependencies = [
        ("partnership", "0006_images_for_pages_statements_and_logos"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="page", name="page_unique_slug"),
        migrations.AddField(
            model_name="page",
            name="path",
            field=models.CharField(default="", max_length=255),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="page",
            name="depth",
            field=models.PositiveIntegerField(default=1),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="page",
            name="numchild",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="page",
            name="url_path",
            field=models.CharField(
                default="",
                editable=False,
                help_text="The page's whole address without its slashes, e.g. “professionals/thresholds”: kept in step with the tree on every save and move.",
                max_length=1000,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(pages_become_top_level, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="page",
            name="path",
            field=models.CharField(max_length=255, unique=True),
        ),
        migrations.RemoveField(model_name="page", name="order"),
        migrations.RenameField(
            model_name="page", old_name="show_in_navigation", new_name="show_in_footer"
        ),
        migrations.AlterField(
            model_name="page",
            name="show_in_footer",
            field=models.BooleanField(
                default=False,
                help_text="Tick to link the page from the footer of every page, as for the accessibility statement and privacy notice.",
            ),
        ),
        migrations.AlterField(
            model_name="page",
            name="slug",
            field=models.SlugField(
                help_text="The last part of the page's web address, after the address of the page it sits inside. Filled in from the title; use lower case letters, numbers and hyphens.",
                max_length=100,
                verbose_name="web address",
            ),
        ),
        migrations.AlterField(
            model_name="page",
            name="summary",
            field=models.CharField(
                blank=True,
                help_text="Optional. One or two sentences shown under the page's title in its section and in search results.",
                max_length=300,
            ),
        ),
        migrations.AlterModelOptions(name="page", options={"ordering": ("path",)}),
        migrations.AddConstraint(
            model_name="page",
            constraint=models.UniqueConstraint(
                fields=("url_path",),
                name="page_unique_address",
                violation_error_message="Another page already has this web address.",
            ),
        ),
        migrations.CreateModel(
            name="NavigationLink",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "section",
                    models.CharField(
                        blank=True,
                        choices=partnership.models.navigable_section_choices,
                        help_text="One of the site's own pages, such as the press statements.",
                        max_length=50,
                        verbose_name="fixed page",
                    ),
                ),
                (
                    "label",
                    models.CharField(
                        blank=True,
                        help_text="Optional. A shorter name for the link, e.g. “Professionals” for “For professionals”. Leave empty to use the page's own title.",
                        max_length=40,
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")),
                (
                    "page",
                    models.ForeignKey(
                        blank=True,
                        help_text="A page of the site, usually a section at the top level, such as “For professionals”. Choose a page or one of the site's fixed pages, not both.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="navigation_links",
                        to="partnership.page",
                    ),
                ),
                (
                    "site",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="navigation_links",
                        to="partnership.sitesettings",
                    ),
                ),
            ],
            options={
                "verbose_name": "navigation link",
                "ordering": ("order", "id"),
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("page__isnull", False), ("section", "")),
                            models.Q(("page__isnull", True), models.Q(("section", ""), _negated=True)),
                            _connector="OR",
                        ),
                        name="navigation_link_page_or_section",
                        violation_error_message="Choose a page or a fixed page for the link, not both.",
                    )
                ],
            },
        ),
    ]
