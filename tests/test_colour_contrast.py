"""Both themes meet WCAG 2.2 AA, read straight from the stylesheet's colour tokens.

Text needs 4.5:1 against its background (1.4.3); borders, controls and the focus indicator need
3:1 against what is next to them (1.4.11). The high-contrast set is written twice in site.css
(for the class and for prefers-contrast); the copies must agree.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "site.css"

# (foreground, background) token pairs, without the "--colour-" prefix.
TEXT_PAIRS = [
    ("text", "background"),
    ("text", "surface"),
    ("text-secondary", "background"),
    ("text-secondary", "surface"),
    ("link", "background"),
    ("link", "surface"),
    ("link-visited", "background"),
    ("link-visited", "surface"),
    ("link-hover", "background"),
    ("link", "concern-background"),
    ("link-visited", "concern-background"),
    ("concern-text", "concern-background"),
    ("brand-text", "brand"),  # header text, contrast toggle (off) and hint
    ("brand", "brand-text"),  # contrast toggle (on)
    ("exit-text", "exit-background"),
    ("focus-text", "focus"),  # a focused link or button
]

UI_PAIRS = [
    ("border", "background"),
    ("border", "surface"),
    ("concern-border", "background"),
    ("brand", "background"),  # the footer's top rule
    ("brand-text", "brand"),  # the contrast toggle's outline
    ("brand-text", "exit-background"),  # the exit button's outline
]

# The focus indicator is two rings, dark inside yellow: it is visible where either ring stands out.
FOCUS_BACKGROUNDS = ["background", "surface", "brand", "concern-background", "exit-background"]


def blocks():
    css = STYLESHEET.read_text()
    default = re.search(r"^:root \{(.*?)^\}", css, re.S | re.M).group(1)
    high = re.search(r"^:root\.contrast-high \{(.*?)^\}", css, re.S | re.M).group(1)
    media = re.search(
        r"@media \(prefers-contrast: more\) \{\s*:root:not\(\.contrast-standard\) \{(.*?)\}",
        css,
        re.S,
    ).group(1)
    return default, high, media


def colours(block):
    return dict(re.findall(r"--colour-([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", block))


def luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(a, b):
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def themes():
    default, high, _ = blocks()
    base = colours(default)
    return {"standard": base, "high": base | colours(high)}


def test_ratio_matches_known_values():
    assert ratio("#000000", "#ffffff") == pytest.approx(21)
    assert ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_high_contrast_tokens_are_the_same_for_the_class_and_the_system_setting():
    _, high, media = blocks()
    assert colours(high) == colours(media)
    assert colours(high)


@pytest.mark.parametrize("theme", ["standard", "high"])
def test_text_meets_4_5_to_1(theme):
    tokens = themes()[theme]
    failing = {
        f"{fg} on {bg}": round(ratio(tokens[fg], tokens[bg]), 2)
        for fg, bg in TEXT_PAIRS
        if ratio(tokens[fg], tokens[bg]) < 4.5
    }
    assert failing == {}


@pytest.mark.parametrize("theme", ["standard", "high"])
def test_borders_and_controls_meet_3_to_1(theme):
    tokens = themes()[theme]
    failing = {
        f"{fg} against {bg}": round(ratio(tokens[fg], tokens[bg]), 2)
        for fg, bg in UI_PAIRS
        if ratio(tokens[fg], tokens[bg]) < 3
    }
    assert failing == {}


@pytest.mark.parametrize("theme", ["standard", "high"])
def test_focus_indicator_meets_3_to_1_on_every_background(theme):
    tokens = themes()[theme]
    failing = {
        bg: round(
            max(ratio(tokens["focus"], tokens[bg]), ratio(tokens["focus-text"], tokens[bg])), 2
        )
        for bg in FOCUS_BACKGROUNDS
        if max(ratio(tokens["focus"], tokens[bg]), ratio(tokens["focus-text"], tokens[bg])) < 3
    }
    assert failing == {}
    # The dark inner ring must itself stand out from the yellow around it.
    assert ratio(tokens["focus-text"], tokens["focus"]) >= 3
