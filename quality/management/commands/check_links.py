from django.core.management.base import BaseCommand

from quality.checks import record_everything
from quality.links import check_links


class Command(BaseCommand):
    help = (
        "Check every link in published content (links to this site by asking it, others with a "
        "bounded, polite HTTP request) and keep the results for the admin's broken links report."
    )

    def handle(self, *args, **options):
        checked, broken = check_links(self.stdout)
        self.stdout.write(f"Checked {checked} links: {broken} broken.")
        # Nightly too: the checks before publishing, again over everything published (retired
        # names change, scheduled items go live, bulk changes send no signals).
        found = record_everything()
        self.stdout.write(f"{found} published items have problems the checks found.")
