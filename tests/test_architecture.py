"""The shape of the code: no import cycle, and one module that touches the cache."""

import ast
from pathlib import Path

import grimp
import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
# The project and every app of ours (not a library's): a new app is covered as soon as it is
# installed.
PACKAGES = (
    "lscp_site",
    *sorted(config.name for config in apps.get_app_configs() if Path(config.path).parent == ROOT),
)


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*PACKAGES)


def test_no_module_imports_one_that_imports_it_back(graph):
    cycles = []
    for importer in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(importer):
            # A package's __init__ is imported by every submodule; only real cycles count.
            if importer.startswith(imported + ".") or imported.startswith(importer + "."):
                continue
            chain = graph.find_shortest_chain(importer=imported, imported=importer)
            if chain:
                cycles.append(" -> ".join((importer, *chain)))
    assert cycles == []


def imported_names(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_only_the_page_cache_touches_djangos_cache():
    touching = sorted(
        str(path.relative_to(ROOT))
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
        and any(name.startswith("django.core.cache") for name in imported_names(path))
    )
    assert touching == ["partnership/page_cache.py"]
