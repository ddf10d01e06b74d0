"""Our own signals, so the models can announce changes without knowing who listens."""

from django.dispatch import Signal

# Sent with ``sender=<model class>`` whenever content the public may see is saved, deleted or
# written in bulk. The page cache listens (connected in PartnershipConfig.ready()).
content_changed = Signal()

# Sent with ``sender=<model class>`` and ``moves=[(old address, new address), ...]`` when
# published content takes a new web address (a page moved or renamed, a statement whose date moved
# to another year), so links to the old address can be kept working (the redirects app listens).
address_changed = Signal()
