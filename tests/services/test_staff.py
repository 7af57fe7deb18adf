"""Who the forms offer: active staff, by role."""

from crm_desktop.models import Staff
from crm_desktop.services.staff import active_staff, staff_id_by_name


def test_only_active_staff_of_the_asked_roles_are_offered(session):
    session.add_all([
        Staff(name="赵技师", role="technician"),
        Staff(name="钱技师", role="technician", active=False),  # has left (I6)
        Staff(name="孙主任", role="supervisor"),
    ])
    session.flush()
    assert [p.name for p in active_staff(session, ("technician",))] == ["赵技师"]
    assert {p.name for p in active_staff(session)} == {"赵技师", "孙主任"}


def test_a_member_of_staff_is_found_by_name_as_typed_people_who_left_included(session):
    left = Staff(name="钱技师", role="technician", active=False)
    session.add_all([Staff(name="赵技师", role="technician"), left])
    session.flush()
    assert staff_id_by_name(session, " 钱技师 ") == left.id  # an old report names them
    assert staff_id_by_name(session, "孙主任") is None
