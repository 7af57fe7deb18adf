"""Who the forms offer: active staff, by role."""

from crm_desktop.models import Staff
from crm_desktop.services.staff import active_staff


def test_only_active_staff_of_the_asked_roles_are_offered(session):
    session.add_all([
        Staff(name="赵技师", role="technician"),
        Staff(name="钱技师", role="technician", active=False),  # has left (I6)
        Staff(name="孙主任", role="supervisor"),
    ])
    session.flush()
    assert [p.name for p in active_staff(session, ("technician",))] == ["赵技师"]
    assert {p.name for p in active_staff(session)} == {"赵技师", "孙主任"}
