"""Our own signals, so the models can announce changes without knowing who listens."""

from django.dispatch import Signal

# Sent with ``sender=<model class>`` whenever content the public may see is saved, deleted or
# written in bulk. The page cache listens (connected in PartnershipConfig.ready()).
content_changed = Signal()
