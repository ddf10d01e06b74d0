"""Admin widgets in editors' terms."""

from django.contrib.admin.widgets import AdminSplitDateTime


class LabelledSplitDateTime(AdminSplitDateTime):
    """The admin's date and time boxes, each with a label of its own and an example, where
    Django writes "Date:" and "Time:" as bare text that a screen reader does not tie to a box."""

    template_name = "admin/widgets/labelled_split_datetime.html"
