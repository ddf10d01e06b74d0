"""Rules the suite keeps about itself."""

import ast
from pathlib import Path

TESTS = Path(__file__).parent


def local_imports(path):
    """(line, dotted name) of each import of a module in tests/, relative or not."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.level or node.module.startswith("tests")):
            module = node.module or ""
            for alias in node.names:
                yield node.lineno, f"{module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("tests"):
                    yield node.lineno, alias.name


def test_no_test_module_imports_a_test_module_or_a_conftest():
    """Shared code lives in helpers, factories and pages modules; shared set-up in fixtures."""
    offenders = [
        f"{path.relative_to(TESTS)}:{line} imports {name}"
        for path in sorted(TESTS.rglob("*.py"))
        for line, name in local_imports(path)
        if any(part == "conftest" or part.startswith("test_") for part in name.split("."))
    ]
    assert offenders == []


def test_every_test_under_tests_browser_carries_the_browser_marker(request):
    """`make test-fast` runs -m "not browser": a browser test without the marker would slip in."""
    items = request.session.items
    browser_tests = [item for item in items if item.path.is_relative_to(TESTS / "browser")]
    unmarked = [item.nodeid for item in browser_tests if not item.get_closest_marker("browser")]
    marked_elsewhere = [
        item.nodeid
        for item in items
        if item.get_closest_marker("browser") and item not in browser_tests
    ]
    assert unmarked == []
    assert marked_elsewhere == []
