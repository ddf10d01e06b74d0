"""
Sign-off: which content needs an approver, who may publish it, and telling approvers.

One rule decides, everywhere something could reach the public (a save, a delete, a bulk action,
a working copy published, a page dragged to a new place): ``may_publish(user, model)``.
"""

import logging

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q

from partnership.models import Publishable, Status

from .models import SignOffRule

logger = logging.getLogger(__name__)

APPROVE_PERMISSION = "editing.approve"


def requires_sign_off(model):
    """Whether ``model``'s items need an approver: the administrators' rule, or the admin's
    default (``sign_off_by_default``) until they have made one."""
    content_type = ContentType.objects.get_for_model(model)
    rule = SignOffRule.objects.filter(content_type=content_type).values_list("required", flat=True)
    for required in rule:
        return required
    return getattr(admin.site._registry.get(model), "sign_off_by_default", False)


def may_approve(user):
    return user.has_perm(APPROVE_PERMISSION)


def may_publish(user, model):
    """Whether ``user`` may put a change to ``model``'s items in front of the public."""
    return may_approve(user) or not requires_sign_off(model)


def reaches_public(obj):
    """Whether ``obj``, as stored, is on the public site or set to be (published, perhaps for
    later); content without a draft state always is, once saved."""
    if obj is None or obj.pk is None:
        return False
    if isinstance(obj, Publishable):
        return obj.status == Status.PUBLISHED
    return True


def keep_sign_off_rules(using="default", **kwargs):
    """post_migrate: a rule for every kind of content edited in the admin, in any app, from its
    admin's default, so administrators see each one and can change it."""
    for model, model_admin in admin.site._registry.items():
        if not hasattr(model_admin, "sign_off_by_default"):
            continue
        content_type = ContentType.objects.db_manager(using).get_for_model(model)
        SignOffRule.objects.using(using).get_or_create(
            content_type=content_type, defaults={"required": model_admin.sign_off_by_default}
        )


def approvers():
    """Active accounts that may approve and have an e-mail address."""
    permission = Permission.objects.filter(
        content_type__app_label="editing", codename="approve"
    ).first()
    holders = Q(is_superuser=True)
    if permission:
        holders |= Q(groups__permissions=permission) | Q(user_permissions=permission)
    return get_user_model().objects.filter(holders, is_active=True).exclude(email="").distinct()


def name_of(user):
    return (user.get_full_name() or user.get_username()) if user else "Someone"


def send_after_commit(subject, body, recipients):
    """E-mail once the change it tells of is committed; a mail server that fails never undoes
    the editor's work (it is logged, and the item still waits on the admin's home page)."""
    recipients = sorted(set(recipients))
    if not recipients:
        return

    def send():
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        except Exception:
            logger.exception("Could not e-mail %s about “%s”.", ", ".join(recipients), subject)

    transaction.on_commit(send)


def tell_approvers(working_copy, submitter, review_url):
    body = (
        f"{name_of(submitter)} has submitted “{working_copy.title}” for approval.\n\n"
        f"Review it, preview it, and approve or send it back:\n{review_url}\n"
    )
    send_after_commit(
        f"Waiting for your approval: {working_copy.title}",
        body,
        [user.email for user in approvers() if user.pk != submitter.pk],
    )


def tell_author(working_copy, approver, comment, review_url):
    author = working_copy.submitted_by or working_copy.updated_by
    if not author.email:
        return
    body = (
        f"{name_of(approver)} has sent “{working_copy.title}” back to you:\n\n{comment}\n\n"
        f"Open it to make the changes and submit it again:\n{review_url}\n"
    )
    send_after_commit(f"Sent back: {working_copy.title}", body, [author.email])
