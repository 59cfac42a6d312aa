"""Moved to ``tests.kit``; these names stay here only while the tests move over."""

from tests.kit import (  # noqa: F401
    AGENCY_FILES,
    DATA,
    NOW,
    PEOPLE_FILE,
    PLAN_FILE,
    ROOT,
    SHARED_DATA,
    count,
    declare_agencies,
    load_people,
    load_plan,
    needs_shared_data,
)
