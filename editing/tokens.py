"""
The check code every content form carries (a hidden ``_editing`` field).

It says who opened the form, which saved version of the item it showed (``base``) and, when it
showed a working copy, which one and which save of it. It is signed, so it cannot be altered to
dodge the check for a stale form, and it is what lets a form posted after the session ended be
kept for the same editor only.
"""

from dataclasses import dataclass

from django.core import signing

SALT = "editing.form"


@dataclass(frozen=True)
class FormToken:
    user: int
    # The item's latest version when the form was opened (0: a new item, or none yet).
    base: int = 0
    # The working copy the form showed (its id and save number), if any.
    copy: int = 0
    revision: int = 0

    def sign(self):
        return signing.dumps(
            {"u": self.user, "b": self.base, "c": self.copy, "w": self.revision},
            salt=SALT,
            compress=True,
        )


def read(value):
    """The token in ``value``; raises signing.BadSignature if it was altered or is not one."""
    data = signing.loads(value, salt=SALT)
    try:
        return FormToken(int(data["u"]), int(data["b"]), int(data["c"]), int(data["w"]))
    except (KeyError, TypeError, ValueError) as error:
        raise signing.BadSignature("Not a form token.") from error


def read_or_none(value):
    try:
        return read(value) if value else None
    except signing.BadSignature:
        return None
