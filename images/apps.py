from django.apps import AppConfig


class ImagesConfig(AppConfig):
    """The image library: its own domain (uploads, Pillow, renditions, storage), so its own app.

    It depends on the partnership app (its Image is partnership ``Content``, so the page cache
    hears of every change); the partnership app knows it only through foreign keys to Image and
    the rich-text reference renderer registered here.
    """

    name = "images"
    verbose_name = "Image library"

    def ready(self):
        from partnership.rich_text import register_reference_renderer

        from .rendering import render_references

        register_reference_renderer(render_references)
