from django import template

from ..rendering import CONTENT_SIZES, picture

register = template.Library()


@register.simple_tag
def image_picture(image, sizes=CONTENT_SIZES, lazy=True, alt=None, css_class=""):
    """``{% image_picture page.lead_image lazy=False %}``: the image's <picture>, or nothing."""
    return picture(image, sizes=sizes, lazy=lazy, alt=alt, css_class=css_class)


@register.inclusion_tag("images/figure.html")
def image_figure(image, lazy=True):
    """The image with its caption and credit, as a <figure>."""
    return {"image": image, "lazy": lazy}
