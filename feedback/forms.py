"""The two forms a visitor may send: the yes/no answer, then an optional comment."""

from django import forms

from .models import COMMENT_MAX_LENGTH


class AnswerForm(forms.Form):
    page = forms.CharField(max_length=200)
    useful = forms.ChoiceField(choices=(("yes", "Yes"), ("no", "No")))


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="How could we improve this page? (optional)",
        help_text="Do not include personal details such as your name, address or phone number. "
        "We cannot reply to comments. If you are worried about a child, call the numbers at the "
        "top of the page.",
        max_length=COMMENT_MAX_LENGTH,
        error_messages={
            "max_length": f"Keep your comment to {COMMENT_MAX_LENGTH:,} characters or fewer "
            "(it has %(show_value)d).",
            "required": "Write a comment, or go back to the page.",
        },
        widget=forms.Textarea(attrs={"rows": 5}),
    )
