class YearConverter:
    """A four-digit year from 1000, so /statements/0000/… or /statements/99999999999999999999/…
    is a plain 404 (Python's dates begin at year 1)."""

    regex = "[1-9][0-9]{3}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:04d}"
