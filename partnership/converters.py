class YearConverter:
    """A four-digit year from 1000, so /statements/0000/… or /statements/99999999999999999999/…
    is a plain 404 (Python's dates begin at year 1)."""

    regex = "[1-9][0-9]{3}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:04d}"


class PagePathConverter:
    """A page's address in the tree: slugs separated by slashes, "professionals/thresholds".

    Narrower than Django's ``path``, so an address with dots or other characters no slug has
    (a file name, "../") is never taken for a page.
    """

    regex = "[-a-zA-Z0-9_]+(?:/[-a-zA-Z0-9_]+)*"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
