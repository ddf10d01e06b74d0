"""Working copies approved for a set time, published when that time comes.

No job to schedule and none to fail: the page cache's content version expires at the next such
moment (as it does for a scheduled publish date), and the first request after it, from any worker,
publishes what has come due before the site's pages are made again.
"""

import logging

from django.contrib import admin
from django.db import transaction

from .models import WorkingCopy

logger = logging.getLogger(__name__)


def publish_due(sender, now, **kwargs):
    """Receiver of ``partnership.signals.scheduled_work``: publish what is due, then say when the
    next approved working copy is. One query when nothing is due, as nearly always."""
    approved = list(
        WorkingCopy.objects.filter(state=WorkingCopy.State.APPROVED).values_list("pk", "publish_at")
    )
    due = [pk for pk, when in approved if when <= now]
    for copy_ in WorkingCopy.objects.filter(pk__in=due).select_related("approved_by"):
        model_admin = admin.site._registry.get(copy_.model)
        if model_admin is None:
            continue
        try:
            errors = publish(model_admin, copy_)
        except Exception:
            # Whatever went wrong, the public request that brought it about is still served.
            logger.exception("Scheduled working copy %s not published.", copy_.pk)
            errors = ["the site could not publish it (see the server's log)."]
        if errors:
            # Back to the approvers, who see why on the working copy.
            logger.warning("Scheduled working copy %s not published: %s", copy_.pk, errors)
            WorkingCopy.objects.filter(pk=copy_.pk).update(
                state=WorkingCopy.State.SUBMITTED,
                comment="It could not be published at the time set: " + " ".join(errors),
            )
    return min((when for _pk, when in approved if when > now), default=None)


def publish(model_admin, copy_):
    with transaction.atomic():
        # Claimed by one request only: another worker finds it taken and moves on.
        claimed = WorkingCopy.objects.filter(pk=copy_.pk, state=WorkingCopy.State.APPROVED).update(
            state=WorkingCopy.State.SUBMITTED
        )
        if not claimed:
            return []
        errors = model_admin.publish_working_copy(None, copy_, copy_.approved_by)
        if errors:
            transaction.set_rollback(True)
        return errors
