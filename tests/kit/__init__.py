"""The test kit: one set of defaults and one world builder, for every test and for bench/.

- ``times``: ``TZ``, ``CAL`` (07:30-17:00), ``RULES``, ``NOW`` (when imports happen) and
  ``local(y, m, d, hh=7, mm=30)``, an aware UTC instant from the province's wall clock;
- ``files``: the sample files, ``HEADER`` of a plan file and ``write_plan(folder, *rows)``;
- ``world``: ``World(db, folder)`` (agencies, people, plans, people looked up, chats linked,
  invites), the same steps as functions, ``count``/``counts``, and small shared worlds;
- ``summary_plan``: the plan in known states that the summary, digest, report and chart
  tests count (``TODAY``, ``build_plan``).

Test modules import from here, never from one another.
"""

from tests.kit.files import (
    AGENCY_FILES,
    DATA,
    HEADER,
    PEOPLE_FILE,
    PLAN_FILE,
    QN_AGENCY_FILES,
    QN_PEOPLE_FILE,
    QN_PLAN_FILE,
    ROOT,
    SHARED_DATA,
    needs_shared_data,
    write_plan,
    write_plan_rows,
)
from tests.kit.times import CAL, NOW, RULES, TZ, local
from tests.kit.world import (
    World,
    count,
    counts,
    declare_agencies,
    find_person,
    load_people,
    load_plan,
    one_task_and_a_linked_official,
    sample_store,
    two_tasks_and_an_invite,
)

__all__ = [
    "AGENCY_FILES",
    "CAL",
    "DATA",
    "HEADER",
    "NOW",
    "PEOPLE_FILE",
    "PLAN_FILE",
    "QN_AGENCY_FILES",
    "QN_PEOPLE_FILE",
    "QN_PLAN_FILE",
    "ROOT",
    "RULES",
    "SHARED_DATA",
    "TZ",
    "World",
    "count",
    "counts",
    "declare_agencies",
    "find_person",
    "load_people",
    "load_plan",
    "local",
    "needs_shared_data",
    "one_task_and_a_linked_official",
    "sample_store",
    "two_tasks_and_an_invite",
    "write_plan",
    "write_plan_rows",
]
