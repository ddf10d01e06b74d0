"""Concern contacts for each audience: urgency, channel, readers and opening hours as data.

A contact's old kind becomes its urgency (an emergency line stays first; office hours and out of
hours lines are urgent; helplines give advice); every existing contact was in the public's
banner, so each is marked for the public.
"""


import datetime
import django.core.validators
import django.db.models.deletion
from django.db import migrations, models



URGENCY = {"emergency": "1_emergency", "helpline": "3_advice"}


def urgency_from_kind(apps, schema_editor):
    ConcernContact = apps.get_model("partnership", "ConcernContact")
    for contact in ConcernContact.objects.all():
        contact.urgency = URGENCY.get(contact.kind, "2_urgent")
        contact.for_public = True
        contact.save(update_fields=["urgency", "for_public"])


def kind_from_urgency(apps, schema_editor):
    ConcernContact = apps.get_model("partnership", "ConcernContact")
    kinds = {urgency: kind for kind, urgency in URGENCY.items()}
    for contact in ConcernContact.objects.all():
        contact.kind = kinds.get(contact.urgency, "office_hours")
        contact.save(update_fields=["kind"])


class Migration(migrations.Migration):

    dependencies = [
        ('partnership', '0011_publications'),
    ]

    operations = [
        migrations.CreateModel(
            name='BankHoliday',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField(help_text='e.g. 25 December 2026. Each line follows its own bank holiday rule that day.')),
                ('name', models.CharField(help_text='e.g. “Christmas Day”.', max_length=100)),
            ],
            options={
                'ordering': ('date',),
            },
        ),
        migrations.CreateModel(
            name='OpeningHours',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('weekday', models.PositiveSmallIntegerField(choices=[(0, 'Monday'), (1, 'Tuesday'), (2, 'Wednesday'), (3, 'Thursday'), (4, 'Friday'), (5, 'Saturday'), (6, 'Sunday')], verbose_name='day')),
                ('opens', models.TimeField(help_text='e.g. 08:45.')),
                ('closes', models.TimeField(help_text='e.g. 17:20. Use 00:00 for midnight at the end of the day; for a line open overnight, give the hours after midnight as a row for the next day.')),
            ],
            options={
                'verbose_name': 'opening hours',
                'verbose_name_plural': 'opening hours',
                'ordering': ('weekday', 'opens'),
            },
        ),
        migrations.RemoveConstraint(
            model_name='concerncontact',
            name='concern_contact_phone_digits',
        ),
        migrations.AddField(
            model_name='concerncontact',
            name='always_open',
            field=models.BooleanField(default=False, help_text='Tick for a line answered 24 hours a day, every day. Otherwise give its opening hours below.', verbose_name='open at all times'),
        ),
        migrations.AddField(
            model_name='concerncontact',
            name='channel',
            field=models.CharField(choices=[('phone', 'Phone'), ('text', 'Text message'), ('web_form', 'Web form'), ('email', 'E-mail')], default='phone', max_length=10),
        ),
        migrations.AddField(
            model_name='concerncontact',
            name='email',
            field=models.EmailField(blank=True, help_text='For an e-mail address.', max_length=254, verbose_name='e-mail address'),
        ),
        migrations.AddField(
            model_name='concerncontact',
            name='for_children',
            field=models.BooleanField(default=False, verbose_name='Children and young people'),
        ),
        migrations.AddField(
            model_name='concerncontact',
            name='for_professionals',
            field=models.BooleanField(default=False, verbose_name='Professionals'),
        ),
        migrations.AddField(
            model_name='concerncontact',
            name='for_public',
            field=models.BooleanField(default=False, verbose_name='The public, parents and carers'),
        ),
        migrations.AddField(
            model_name='concerncontact',
            name='on_bank_holidays',
            field=models.CharField(choices=[('closed', 'Closed on bank holidays'), ('open', 'Open all day on bank holidays'), ('usual', 'Usual hours on bank holidays')], default='closed', help_text='What happens on the bank holidays listed under “Bank holidays”.', max_length=10),
        ),
        migrations.AddField(
            model_name='concerncontact',
            name='urgency',
            field=models.CharField(choices=[('1_emergency', 'Emergency'), ('2_urgent', 'Urgent'), ('3_advice', 'Advice')], default='2_urgent', help_text='Emergency: a child is in danger now. Urgent: a worry to report today. Advice: someone to talk to. Listed in this order.', max_length=15),
        ),
        migrations.AddField(
            model_name='concerncontact',
            name='web_address',
            field=models.URLField(blank=True, help_text='For a web form: its address, starting https://.'),
        ),
        migrations.RunPython(urgency_from_kind, kind_from_urgency),
        migrations.RemoveField(
            model_name='concerncontact',
            name='kind',
        ),
        migrations.AlterField(
            model_name='concerncontact',
            name='active',
            field=models.BooleanField(default=True, help_text='Untick to stop showing this contact.'),
        ),
        migrations.AlterField(
            model_name='concerncontact',
            name='description',
            field=models.CharField(blank=True, help_text='Optional. When to use it, e.g. “If a child is in immediate danger”.', max_length=200),
        ),
        migrations.AlterField(
            model_name='concerncontact',
            name='hours',
            field=models.CharField(blank=True, help_text="Optional. Anything the times do not say, e.g. “Outside the MASH's office hours”.", max_length=200, verbose_name='note about hours'),
        ),
        migrations.AlterField(
            model_name='concerncontact',
            name='phone_number',
            field=models.CharField(blank=True, help_text='For a phone or text line, as people should dial it, e.g. “0121 788 4300”. Digits and spaces only: the spaces group the digits as they are read out.', max_length=30, validators=[django.core.validators.RegexValidator('^\\+?[0-9][0-9 ]*$', 'Use digits and spaces only, e.g. 0121 788 4300.')]),
        ),
        migrations.AddConstraint(
            model_name='concerncontact',
            constraint=models.CheckConstraint(condition=models.Q(('phone_number', ''), ('phone_number__regex', '^\\+?[0-9][0-9 ]*$'), _connector='OR'), name='concern_contact_phone_digits', violation_error_message='Use digits and spaces only in the phone number.'),
        ),
        migrations.AddConstraint(
            model_name='concerncontact',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('channel__in', ('phone', 'text')), ('phone_number__gt', '')), models.Q(('channel', 'web_form'), ('web_address__gt', '')), models.Q(('channel', 'email'), ('email__gt', '')), _connector='OR'), name='concern_contact_has_its_channels_address', violation_error_message='Give the number or address for this way of contacting.'),
        ),
        migrations.AddConstraint(
            model_name='bankholiday',
            constraint=models.UniqueConstraint(fields=('date',), name='bank_holiday_unique_date', violation_error_message='This day is already a bank holiday.'),
        ),
        migrations.AddField(
            model_name='openinghours',
            name='contact',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='opening_hours', to='partnership.concerncontact'),
        ),
        migrations.AddConstraint(
            model_name='openinghours',
            constraint=models.CheckConstraint(condition=models.Q(('closes__gt', models.F('opens')), ('closes', datetime.time(0, 0)), _connector='OR'), name='opening_hours_close_after_opening', violation_error_message='A line must close after it opens.'),
        ),
    ]
