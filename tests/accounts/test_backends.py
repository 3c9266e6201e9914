"""Model permissions of the database serve the admin's staff only; every other right is a rule."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import user_with_role
from tryggsam.accounts.models import Role, User

pytestmark = pytest.mark.django_db


def _permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="casework", codename=codename)


def _fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # no permission caches of an earlier read


def test_a_database_permission_grants_nothing_to_a_user_who_is_not_staff(district_admin):
    reader = user_with_role(Role.READER, district_admin)
    reader.user_permissions.add(_permission("delete_problem"))
    group = Group.objects.create(name="Raderare")
    group.permissions.add(_permission("delete_measure"))
    reader.groups.add(group)

    reader = _fresh(reader)
    assert not reader.has_perm("casework.delete_problem")
    assert not reader.has_perm("casework.delete_measure")
    assert reader.get_all_permissions() == set()


def test_staff_keep_their_database_permissions_for_the_admin(district_admin):
    staff = user_with_role(Role.ADMIN, district_admin)
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    staff.user_permissions.add(_permission("delete_problem"))

    assert _fresh(staff).has_perm("casework.delete_problem")


def test_a_page_asks_no_permission_table_for_an_ordinary_member(client, district_admin):
    member = user_with_role(Role.MEMBER, district_admin)
    client.force_login(member)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200  # the menu asks `perms.…` rules that say no
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert "auth_permission" not in tables
    assert "auth_group" not in tables


def test_rules_still_decide_for_everyone(district_admin):
    coordinator = _fresh(user_with_role(Role.COORDINATOR, district_admin))
    reader = _fresh(user_with_role(Role.READER, district_admin))
    assert coordinator.has_perm("accounts.keep_register")
    assert not reader.has_perm("accounts.keep_register")
