"""
An admin form's data as the browser posts it: {name: [values]}.

Autosaves, working copies and the form kept over a sign-in are all kept in this shape, so any of
them can be put back into the form (bound, as if just posted) or posted again through the admin's
own view, with every check the form makes.
"""

from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.forms import CheckboxInput, MultiWidget
from django.http import QueryDict

# What a post carries besides the form's own fields: the CSRF token and the buttons pressed.
NOT_KEPT = {
    "csrfmiddlewaretoken",
    "_save",
    "_continue",
    "_addanother",
    "_saveasnew",
    "_working_copy",
    "_submit",
    "_autosave",
    "_editing_resolve",
    "_editing_seen",
    "_editing_discard",
}


def kept(querydict):
    """The fields of a post worth keeping, as {name: [values]}."""
    return {name: values for name, values in querydict.lists() if name not in NOT_KEPT}


def as_querydict(data):
    """{name: [values]} back into the immutable QueryDict a form is bound to."""
    querydict = QueryDict(mutable=True)
    for name, values in data.items():
        querydict.setlist(name, list(values))
    querydict._mutable = False
    return querydict


def field_data(bound_field):
    """What the browser would post for one field of a form shown with its current value."""
    widget = bound_field.field.widget
    while isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    context = widget.get_context(bound_field.html_name, bound_field.value(), {})["widget"]
    parts = context["subwidgets"] if isinstance(widget, MultiWidget) else [context]
    data = {}
    for part, part_widget in zip(parts, getattr(widget, "widgets", [widget]), strict=False):
        value = part["value"]
        if isinstance(part_widget, CheckboxInput):
            # A ticked box posts "on"; an unticked one posts nothing at all.
            data[part["name"]] = ["on"] if part["attrs"].get("checked") else []
        elif isinstance(value, list | tuple):
            data[part["name"]] = [str(v) for v in value if v not in (None, "")]
        else:
            data[part["name"]] = [] if value is None else [str(value)]
    return data


def form_data(*forms):
    """Everything the browser would post for these forms (a form, formsets' forms, management
    forms) as they are shown now. File fields are left out: a file is chosen, not typed."""
    data = {}
    for form in forms:
        for bound_field in form:
            if bound_field.field.widget.needs_multipart_form:
                continue
            data.update(field_data(bound_field))
    return data
