"""Roles with dated terms (Working Together 2023).

Each partner's lead role becomes the first term of its Lead Safeguarding Partner, with no start
date (nobody recorded one); on PostgreSQL the partners' search index, which read the lead role,
is made again from the fields search reads now.
"""

import django.db.models.deletion
from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models

from partnership.search import search_vector

# As search.py reads partners now; copied so that a later change does not rewrite this migration.
PARTNER_SEARCHED_FIELDS = (("organisation", "A", False), ("description", "B", False))


def lead_roles_to_holders(apps, schema_editor):
    Partner = apps.get_model("partnership", "Partner")
    RoleHolder = apps.get_model("partnership", "RoleHolder")
    for partner in Partner.objects.exclude(lead_role=""):
        RoleHolder.objects.create(
            role="lead",
            partner=partner,
            title=partner.lead_role,
            title_preposition=partner.lead_role_preposition,
            # A former partner's lead held the role until it left.
            ended_on=None if partner.active else partner.left_on,
        )


def holders_to_lead_roles(apps, schema_editor):
    RoleHolder = apps.get_model("partnership", "RoleHolder")
    for holder in RoleHolder.objects.filter(role="lead").order_by("started_on"):
        holder.partner.lead_role = holder.title
        holder.partner.lead_role_preposition = holder.title_preposition
        holder.partner.save(update_fields=["lead_role", "lead_role_preposition"])


def partner_search_index(apps, schema_editor):
    # Dropping lead_role dropped the index built on it.
    if schema_editor.connection.vendor == "postgresql":
        Partner = apps.get_model("partnership", "Partner")
        index = GinIndex(search_vector(PARTNER_SEARCHED_FIELDS), name="partner_search")
        schema_editor.add_index(Partner, index)


class Migration(migrations.Migration):

    dependencies = [
        ('partnership', '0009_furniture_for_visitors_at_risk'),
    ]

    operations = [
        migrations.AlterField(
            model_name='partner',
            name='active',
            field=models.BooleanField(default=True, help_text='Untick when the organisation stops being a partner. It stays in the records under “History” instead of being deleted.'),
        ),
        migrations.CreateModel(
            name='RoleHolder',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('lead', 'Lead Safeguarding Partner'), ('delegated', 'Delegated Safeguarding Partner'), ('chair', 'Partnership chair'), ('scrutineer', 'Independent scrutineer'), ('relevant_agency', 'Relevant agency'), ('education', 'Education')], max_length=20)),
                ('title', models.CharField(help_text='The title of the post, e.g. “Chief Constable” or “Independent Scrutineer”.', max_length=150)),
                ('title_preposition', models.CharField(choices=[('of', 'of'), ('for', 'for')], default='of', help_text='The word between title and organisation: “Chief Constable of Anytown Police”, “Accountable Officer for … Group”.', max_length=3)),
                ('name', models.CharField(blank=True, help_text="Optional. The person's name, e.g. “Jo Bloggs”. Leave empty to show only the post.", max_length=150)),
                ('started_on', models.DateField(blank=True, help_text='The first day in the role. Leave empty only if nobody knows it.', null=True, verbose_name='start date')),
                ('ended_on', models.DateField(blank=True, help_text="The day the term ended, when the next holder could start. Leave empty while they hold it: once the date has passed, the term moves to the partners page's history.", null=True, verbose_name='end date')),
                ('order', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers are listed first.')),
                ('partner', models.ForeignKey(blank=True, help_text='The partner organisation the role belongs to. Required for lead and delegated safeguarding partners; for a relevant agency or education, the organisation.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='role_holders', to='partnership.partner', verbose_name='organisation')),
            ],
            options={
                'verbose_name': 'role holder',
                'ordering': ('order', 'started_on', 'id'),
                'constraints': [models.CheckConstraint(condition=models.Q(('ended_on__isnull', True), ('started_on__isnull', True), ('ended_on__gt', models.F('started_on')), _connector='OR'), name='role_holder_ends_after_it_starts', violation_error_message='A term must end after it starts.'), models.CheckConstraint(condition=models.Q(models.Q(('role__in', ('lead', 'delegated')), _negated=True), ('partner__isnull', False), _connector='OR'), name='role_holder_partner_role_has_partner', violation_error_message='Choose the partner organisation this role belongs to.'), models.UniqueConstraint(condition=models.Q(('ended_on__isnull', True), ('role__in', ('lead', 'delegated'))), fields=('role', 'partner'), name='role_holder_one_current_per_partner', violation_error_message='This organisation already has a holder of this role with no end date.'), models.UniqueConstraint(condition=models.Q(('ended_on__isnull', True), ('role__in', ('chair', 'scrutineer'))), fields=('role',), name='role_holder_one_current_chair_or_scrutineer', violation_error_message='The partnership already has a holder of this role with no end date.')],
            },
        ),
        migrations.RunPython(lead_roles_to_holders, holders_to_lead_roles),
        migrations.RemoveField(
            model_name='partner',
            name='lead_role',
        ),
        migrations.RemoveField(
            model_name='partner',
            name='lead_role_preposition',
        ),
        migrations.RunPython(partner_search_index, migrations.RunPython.noop),
    ]
