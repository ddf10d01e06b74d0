class YearConverter:
    """A four-digit year, so a path like /statements/99999999999999999999/… is a plain 404."""

    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:04d}"
