from django.core.management.base import BaseCommand

from quality.reviews import send_review_reminders


class Command(BaseCommand):
    help = (
        "E-mail each owner about the items that have fallen due for review, once per item and "
        "review date. Run it daily (deploy/lscp-review-reminders.timer)."
    )

    def handle(self, *args, **options):
        sent = send_review_reminders()
        self.stdout.write(f"Sent {sent} review reminder{'' if sent == 1 else 's'}.")
