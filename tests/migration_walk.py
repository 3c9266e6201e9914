"""Walking the migrations as written, for the tests of old data migrations: the squashed migrations
replace those the tests walk (a database made by a squashed migration records the ones it replaces as
applied), so these helpers load the graph without the replacements."""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader


def executor():
    """An executor over the migrations as written, not replaced by the squashed ones."""
    walker = MigrationExecutor(connection)
    walker.loader = MigrationLoader(connection, replace_migrations=False)
    return walker


def leaves(walker):
    """The latest migration of every app, the squashed ones left out."""
    return [node for node in walker.loader.graph.leaf_nodes() if "_squashed_" not in node[1]]


def migrate(targets):
    """Migrate to `targets` and return the apps as they stand there."""
    walker = executor()
    walker.migrate(targets)
    return walker.loader.project_state(targets).apps
