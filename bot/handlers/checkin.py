"""Check-in actions: «Nhắc lại sau» (snooze), choosing a task from a check-in, and the
leader's actions on an escalation (remind the official again, assign a focal person,
open the overdue list).

Data is ``k:<token>:<action>``; the token names the (person, assignment) pair, as for
the status buttons (``bot.inbound.choices``). A snooze is not an update: status and
history stay, and the policy (``scheduler.policy``) restarts the overdue ladder on the
day it ends, so it never counts as ignoring the reminder.
"""

from __future__ import annotations

import re
from datetime import date

from bot.channels.base import Choice
from bot.handlers import overview
from bot.inbound import choices
from bot.inbound.turn import LinkedTurn, find_for_person, may_update
from bot.outbound.nudges import nudge_text
from bot.texts import dmy, say
from bot.understanding.dates import extension_date
from bot.understanding.normalise import normalise
from storage import assignments, ledger, people, tokens
from storage.enums import Role, Status
from storage.models import Assignment

DATA = re.compile(r"^k:([A-Za-z0-9_-]{8,24}):(snz|pick|rmd|asg|lst)$")
LEADER_ACTIONS = ("rmd", "asg", "lst")
LEADERS = (Role.LEADER, Role.COORDINATOR, Role.ADMIN)


def is_checkin_data(data: str) -> bool:
    return data.startswith("k:")


async def on_choice(turn: LinkedTurn) -> None:
    match = DATA.match(turn.incoming.choice_data or "")
    token = await tokens.find_token(turn.session, match[1]) if match else None
    if match is None or token is None or token.person_id != turn.person.id:
        turn.reply_key("bad_choice")
        return
    action = match[2]
    if action in LEADER_ACTIONS and turn.role not in LEADERS:
        turn.reply_key("leader_only")
        return
    assignment = await assignments.by_id(turn.session, token.assignment_id)
    if action == "snz":
        await snooze(turn, assignment, turn.calendar.next_workday(turn.today))
    elif action == "pick":
        await show(turn, assignment)
    elif action == "rmd":
        await remind_again(turn, assignment)
    elif action == "asg":
        await assign_hint(turn, assignment)
    else:
        await overview.overdue_command(turn, "")


async def snooze(turn: LinkedTurn, assignment: Assignment, until: date) -> None:
    if not may_update(turn.person, assignment):
        turn.reply_key("bad_choice")
        return
    if assignment.status is Status.DONE:
        turn.reply_key("snooze_done", code=assignment.code)
        return
    await ledger.snooze(turn.session, assignment.id, until)
    turn.reply_key("snoozed", code=assignment.code, date=dmy(until, turn.lang))


def nudge_view(turn: LinkedTurn, assignment: Assignment) -> str:
    """One assignment as its nudge shows it, days counted today."""
    kind = "checkin" if assignment.deadline is None else "before:0"  # the series follows the day
    return nudge_text(turn.lang, kind, assignment, turn.today, turn.calendar)


async def show(turn: LinkedTurn, assignment: Assignment) -> None:
    """The "choose a task" step: that assignment with its own actions."""
    token = await choices.new_token(turn.session, turn.person.id, assignment.id, turn.now)
    buttons = choices.status_choices(turn.lang, token)
    if assignment.deadline is not None:
        buttons += ((Choice(turn.t("button_snooze"), f"k:{token}:snz"),),)
    turn.reply(nudge_view(turn, assignment), buttons)


async def remind_again(turn: LinkedTurn, assignment: Assignment) -> None:
    """Nudge the focal person (or the agency's officials) once more, now."""
    if assignment.focal_person_id:
        targets = [await people.person_by_id(turn.session, assignment.focal_person_id)]
    else:
        targets = await people.active_people(
            turn.session, Role.OFFICIAL, agency_id=assignment.agency_id
        )
    reached = []
    for official in targets:
        token = await choices.new_token(turn.session, official.id, assignment.id, turn.now)
        text = turn.t(
            "remind_again",
            who=turn.person.full_name,
            code=assignment.code,
            title=assignment.task.title,
            date=dmy(assignment.deadline, turn.lang),
        )
        if await turn.notify(official.id, text, choices.status_choices(turn.lang, token)):
            reached.append(official.full_name)
    if reached:
        turn.reply_key("reminded", names=", ".join(reached), code=assignment.code)
    else:
        turn.reply_key("reminded_nobody", code=assignment.code)


async def assign_hint(turn: LinkedTurn, assignment: Assignment) -> None:
    officials = await people.active_people(
        turn.session, Role.OFFICIAL, agency_id=assignment.agency_id
    )
    names = ", ".join(p.full_name for p in officials) or "—"
    turn.reply_key("assign_hint", code=assignment.code, names=names)


async def snooze_command(turn: LinkedTurn, args: str) -> None:
    """/nhaclai CODE [DATE]: no reminder about it before DATE (default: next working day)."""
    code, _, when = args.strip().partition(" ")
    if not code:
        turn.reply_key("snooze_usage")
        return
    assignment, other_agency = await find_for_person(turn, code)
    if assignment is None:
        agency = other_agency or turn.person.agency.name
        turn.reply(turn.t("decision_code_unknown", agency=agency, code=code))
        return
    until = turn.calendar.next_workday(turn.today)
    if when.strip():
        day = extension_date(
            normalise(f"đến {when.strip()}"),
            today=turn.today,
            current_deadline=assignment.deadline,
        )
        if day is None or day <= turn.today:
            turn.reply(say(turn.lang, "snooze_bad_date", text=when.strip()))
            return
        until = day
    await snooze(turn, assignment, until)
