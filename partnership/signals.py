"""Our own signals, so the models can announce changes without knowing who listens."""

from django.dispatch import Signal

# Sent with ``sender=<model class>`` whenever content the public may see is saved, deleted or
# written in bulk. The page cache listens (connected in PartnershipConfig.ready()).
content_changed = Signal()

# Sent with ``sender=<model class>`` and ``moves=[(old address, new address), ...]`` when
# published content takes a new web address (a page moved or renamed, a statement whose date moved
# to another year), so links to the old address can be kept working (the redirects app listens).
address_changed = Signal()

# Sent with ``now=`` when the page cache makes a new content version, before it asks when the
# public site next changes by itself. A receiver first makes any change that has come due (a
# working copy approved for a set time) and returns when its next one is (or None), so the
# version expires at that moment too.
scheduled_work = Signal()
