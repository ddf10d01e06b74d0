"""The CSV import of an old website's addresses."""

import csv
import io

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Redirect, site_address

MAX_CSV_BYTES = 1024 * 1024
MAX_ROWS = 5000


class RedirectImportForm(forms.Form):
    """A CSV file of old address, new address, one pair a line: all imported, or none."""

    file = forms.FileField(
        label="CSV file",
        help_text="Two columns: the old address, then the new one, one redirect a line, as a "
        "spreadsheet saves it as CSV (UTF-8). A first line of headings is skipped. At most "
        f"{MAX_ROWS:,} lines.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise ValidationError("The file is larger than 1 MB: split it into smaller files.")
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                "This is not a CSV file saved as UTF-8 text. In your spreadsheet, choose "
                "“Save as”, then “CSV UTF-8”."
            ) from None
        rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
        if rows and "old" in rows[0][0].lower():
            rows = rows[1:]
        if not rows:
            raise ValidationError("The file has no redirects in it.")
        if len(rows) > MAX_ROWS:
            raise ValidationError(f"The file has more than {MAX_ROWS:,} lines: split it.")
        return rows

    def save(self):
        """Import every line, or, if any line is wrong, nothing: returns (added, updated), or
        raises ValidationError listing each wrong line by its number."""
        added = updated = 0
        problems = []
        with transaction.atomic():
            for number, row in enumerate(self.cleaned_data["file"], start=1):
                if len(row) != 2:
                    problems.append(f"Line {number}: give two addresses, old and new.")
                    continue
                old, new = (cell.strip() for cell in row)
                existing = Redirect.objects.filter(old_path=site_address(old)).first()
                redirect = existing or Redirect(old_path=old)
                redirect.new_path = new
                try:
                    redirect.full_clean()
                except ValidationError as error:
                    problems.append(f"Line {number} ({old}): {' '.join(error.messages)}")
                    continue
                redirect.save()
                updated, added = (updated + 1, added) if existing else (updated, added + 1)
            if problems:
                transaction.set_rollback(True)
        if problems:
            raise ValidationError(problems)
        return added, updated
