"""
The MDN HTTP Observatory's published scoring rubric, applied to one response's headers.

Source: developer.mozilla.org/en-US/observatory/docs/tests_and_scoring. Every site starts at 100;
each test adds or subtracts the points below, and bonuses count only when the score before them
is at least 90. Only what a server's headers decide is scored here: the HTTP-to-HTTPS redirect is
the reverse proxy's job, and HSTS preloading and subresource integrity score 0 until adopted.
"""

from http.cookies import SimpleCookie

UNSAFE_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "data:", "http:", "*")
PRIVATE_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}


def _csp(headers):
    policy = headers.get("Content-Security-Policy")
    if not policy:
        return "csp-not-implemented", -25
    directives = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        directives[name.lower()] = sources
    default = directives.get("default-src", [])
    script = directives.get("script-src", default)
    style = directives.get("style-src", default)
    if "'unsafe-inline'" in script:
        return "csp-implemented-with-unsafe-inline", -20
    if "'unsafe-eval'" in script:
        return "csp-implemented-with-unsafe-eval", -10
    if any(source in UNSAFE_SOURCES for source in script + style):
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if default == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def _cookies(set_cookies):
    cookies = SimpleCookie()
    for value in set_cookies:
        cookies.load(value)
    if not cookies:
        return "cookies-not-found", 0
    if not all(morsel["secure"] for morsel in cookies.values()):
        return "cookies-without-secure-flag", -20
    sessions = [m for name, m in cookies.items() if "session" in name.lower()]
    if not all(morsel["httponly"] for morsel in sessions):
        return "cookies-session-without-httponly-flag", -30
    if all(morsel["samesite"].lower() in {"lax", "strict"} for morsel in cookies.values()):
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-secure-with-httponly-sessions", 0


def _referrer(headers):
    policy = headers.get("Referrer-Policy", "").split(",")[-1].strip().lower()
    if not policy:
        return "referrer-policy-not-implemented", 0
    if policy in PRIVATE_REFERRER_POLICIES:
        return "referrer-policy-private", 5
    return "referrer-policy-unsafe", -5


def _hsts(headers):
    value = headers.get("Strict-Transport-Security", "")
    max_age = next(
        (int(p.split("=")[1]) for p in value.split(";") if p.strip().startswith("max-age=")), 0
    )
    if max_age >= 15_768_000:
        return "hsts-implemented-max-age-at-least-six-months", 0
    if max_age:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-not-implemented", -20


def _nosniff(headers):
    if headers.get("X-Content-Type-Options", "").lower() == "nosniff":
        return "x-content-type-options-nosniff", 0
    return "x-content-type-options-not-implemented", -5


def _framing(headers):
    if "frame-ancestors 'none'" in headers.get("Content-Security-Policy", ""):
        return "x-frame-options-implemented-via-csp", 5
    if headers.get("X-Frame-Options", "").upper() in {"DENY", "SAMEORIGIN"}:
        return "x-frame-options-sameorigin-or-deny", 0
    return "x-frame-options-not-implemented", -20


def _cors(headers):
    if headers.get("Access-Control-Allow-Origin") == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access", 0
    return "cross-origin-resource-sharing-not-implemented", 0


def _corp(headers):
    value = headers.get("Cross-Origin-Resource-Policy")
    if value is None:
        return "corp-not-implemented", 0
    if value in {"same-origin", "same-site", "cross-origin"}:
        return f"corp-implemented-with-{value}", 0
    return "corp-header-invalid", -5


HEADER_TESTS = (_csp, _referrer, _hsts, _nosniff, _framing, _cors, _corp)


def score(headers, set_cookies=()):
    """(score, {test result: points}) for a response's headers and its Set-Cookie values."""
    results = dict(test(headers) for test in HEADER_TESTS)
    results.update([_cookies(set_cookies)])
    penalties = sum(points for points in results.values() if points < 0)
    bonuses = sum(points for points in results.values() if points > 0)
    total = 100 + penalties
    if total >= 90:
        total += bonuses
    return max(total, 0), results
