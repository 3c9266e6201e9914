"""The lower layers of the contract in `.importlinter` (README, "Layers"): `core` imports nothing of the
project, `audit` only `core`, `accounts` only `audit` and `core`, and nothing below the top layer needs
`privacy` (the personal-data guard is a primitive in `core`; privacy orchestrates over every app).

`lint-imports` checks the whole contract; this test holds the lower layers on their own and names the
importing module and line, so a move back is caught even while other layers are still being sorted.
grimp reads every import statement, those inside functions too."""

from __future__ import annotations

import grimp
import pytest

ALLOWED_BELOW = {
    "tryggsam.core": set(),
    "tryggsam.audit": {"tryggsam.core"},
    "tryggsam.accounts": {"tryggsam.audit", "tryggsam.core"},
}
TOP_LAYER = {"tryggsam.api", "tryggsam.home", "tryggsam.demo", "tryggsam.privacy", "tryggsam.config"}


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("tryggsam", include_external_packages=False, cache_dir=None)


def _app(module: str) -> str:
    return ".".join(module.split(".")[:2])


def _imports_out_of(graph: grimp.ImportGraph, app: str) -> list[tuple[str, str, int]]:
    """(importer, imported, line) for every import from `app` into another app of the project."""
    found = []
    for importer in graph.find_descendants(app) | {app}:
        for imported in graph.find_modules_directly_imported_by(importer):
            if _app(imported) == app or not imported.startswith("tryggsam."):
                continue
            for detail in graph.get_import_details(importer=importer, imported=imported):
                found.append((importer, imported, detail["line_number"]))
    return sorted(found)


@pytest.mark.parametrize("app", sorted(ALLOWED_BELOW))
def test_lower_layer__imports_only_the_layers_below(graph, app):
    crossing = [
        f"{importer} -> {imported} (l.{line})"
        for importer, imported, line in _imports_out_of(graph, app)
        if _app(imported) not in ALLOWED_BELOW[app]
    ]
    assert not crossing, f"{app} importerar lager ovanför sig:\n" + "\n".join(crossing)


def test_privacy__only_the_top_layer_imports_it(graph):
    importers = [
        f"{importer} -> {imported} (l.{detail['line_number']})"
        for imported in graph.find_descendants("tryggsam.privacy") | {"tryggsam.privacy"}
        for importer in graph.find_modules_that_directly_import(imported)
        if _app(importer) not in TOP_LAYER
        for detail in graph.get_import_details(importer=importer, imported=imported)
    ]
    assert not importers, "Moduler under det översta lagret importerar privacy:\n" + "\n".join(sorted(importers))
