"""Decisions in chat: coordinators approve or reject extensions; leaders name a focal person.

An extension request reaches every coordinator with approve / reject buttons.
Approval moves the deadline (the request keeps who approved and when), puts
the assignment back in progress, replans its nudges and tells the requester;
rejection asks the coordinator why (a question about that one request, see
``bot.inbound.questions``) and tells the requester that reason.
"""

from __future__ import annotations

import re

from bot.channels.base import Choice
from bot.inbound import choices, questions
from bot.inbound.turn import LinkedTurn, find_for_person
from bot.texts import dmy, say
from scheduler.planner import plan_assignment
from storage import assignments, extensions, people, tokens
from storage.enums import Awaiting, ExtensionState, Role
from storage.models import Assignment, ExtensionRequest, PendingQuestion
from storage.textfold import fold

DECISION_DATA = re.compile(r"^x:([A-Za-z0-9_-]{8,24}):(ok|no)$")


async def announce_request(turn: LinkedTurn, assignment: Assignment, request: ExtensionRequest):
    """Send the new request to every coordinator, with approve / reject buttons."""
    for coordinator in await extensions.coordinators(turn.session):
        token = await choices.new_token(turn.session, coordinator.id, assignment.id, turn.now)
        text = say(
            turn.lang,
            "request",
            code=assignment.code,
            title=assignment.task.title,
            agency=assignment.agency.name,
            old=dmy(request.previous_deadline, turn.lang),
            new=dmy(request.requested_deadline),
            who=turn.person.full_name,
            reason=request.reason or say(turn.lang, "no_reason"),
        )
        buttons = (
            (
                Choice(say(turn.lang, "approve"), f"x:{token}:ok"),
                Choice(say(turn.lang, "reject"), f"x:{token}:no"),
            ),
        )
        await turn.notify(coordinator.id, text, buttons)


async def on_decision(turn: LinkedTurn) -> bool:
    """An approve / reject press; False when the data is not a decision."""
    match = DECISION_DATA.match(turn.incoming.choice_data or "")
    if not match:
        return False
    token = await tokens.find_token(turn.session, match[1])
    if (
        token is None
        or token.person_id != turn.person.id
        or turn.role not in (Role.COORDINATOR, Role.ADMIN)
    ):
        turn.reply_key("bad_choice")
        return True
    assignment = await assignments.by_id(turn.session, token.assignment_id)
    request = await extensions.pending_request(turn.session, assignment.id)
    if request is None:
        turn.reply(say(turn.lang, "no_pending", code=assignment.code))
    elif match[2] == "ok":
        await approve(turn, assignment, request)
    else:
        await ask_reject_reason(turn, assignment, request)
    return True


async def ask_reject_reason(
    turn: LinkedTurn, assignment: Assignment, request: ExtensionRequest
) -> None:
    """Ask why ``request`` is rejected; a rejection asked about before stays undecided."""
    replaced = await questions.ask(
        turn, Awaiting.REJECT_REASON, assignment.id, extension_request_id=request.id
    )
    earlier = None
    if replaced is not None and replaced.extension_request_id not in (None, request.id):
        earlier = await extensions.request_by_id(turn.session, replaced.extension_request_id)
    if earlier is None or earlier.state is not ExtensionState.PENDING:
        turn.reply(say(turn.lang, "ask_reject_reason", code=assignment.code))
        return
    earlier_code = (await assignments.by_id(turn.session, earlier.assignment_id)).code
    turn.reply(
        say(
            turn.lang,
            "ask_reject_reason_instead",
            code=assignment.code,
            date=dmy(request.requested_deadline),
            earlier=earlier_code,
            earlier_date=dmy(earlier.requested_deadline),
        )
    )


async def approve(turn: LinkedTurn, assignment: Assignment, request: ExtensionRequest) -> None:
    who = turn.person.full_name
    date_text = dmy(request.requested_deadline)
    decision = await extensions.approve(
        turn.session,
        request.id,
        turn.person.id,
        turn.now,
        note=say(turn.lang, "approved_note", date=date_text, who=who),
        channel=turn.incoming.channel,
        message_ref=turn.incoming.update_key,
    )
    if decision is None:  # decided meanwhile by another coordinator
        turn.reply(say(turn.lang, "no_pending", code=assignment.code))
        return
    await plan_assignment(turn.session, turn.rules, turn.calendar, turn.now, assignment.id)
    turn.reply(say(turn.lang, "approved", code=assignment.code, date=date_text))
    await turn.notify(
        request.requested_by_id,
        say(turn.lang, "tell_approved", code=assignment.code, date=date_text, who=who),
    )


@questions.answers(Awaiting.REJECT_REASON)
async def reject(turn: LinkedTurn, question: PendingQuestion, text: str) -> None:
    """The coordinator's reason: the request the question is about is rejected with it."""
    reason, request_id = text.strip(), question.extension_request_id
    assignment = await assignments.by_id(turn.session, question.assignment_id)
    await questions.clear(turn)
    decision = None
    if request_id is not None:
        decision = await extensions.reject(
            turn.session,
            request_id,
            turn.person.id,
            turn.now,
            reason=reason,
            channel=turn.incoming.channel,
            message_ref=turn.incoming.update_key,
        )
    if decision is None:
        turn.reply(say(turn.lang, "no_pending", code=assignment.code))
        return
    turn.reply(say(turn.lang, "rejected", code=assignment.code))
    await turn.notify(
        decision.request.requested_by_id,
        say(
            turn.lang,
            "tell_rejected",
            code=assignment.code,
            reason=reason,
            who=turn.person.full_name,
            date=dmy(assignment.deadline, turn.lang),
        ),
    )


async def assign_command(turn: LinkedTurn, args: str) -> None:
    code, _, name = args.strip().partition(" ")
    if not code or not name.strip():
        turn.reply(say(turn.lang, "usage_assign"))
        return
    assignment, _other = await find_for_person(turn, code)
    agency = turn.person.agency.name
    if assignment is None:
        turn.reply(say(turn.lang, "decision_code_unknown", agency=agency, code=code))
        return
    officials = await people.active_people(
        turn.session, Role.OFFICIAL, agency_id=turn.person.agency_id
    )
    chosen = [p for p in officials if fold(p.full_name) == fold(name)]
    if len(chosen) != 1:
        turn.reply(say(turn.lang, "no_official", agency=agency, name=name.strip()))
        return
    official, who = chosen[0], turn.person.full_name
    await assignments.assign_focal_person(
        turn.session,
        assignment,
        official.id,
        turn.person.id,
        turn.now,
        note=say(turn.lang, "assigned_note", name=official.full_name, who=who),
        channel=turn.incoming.channel,
        message_ref=turn.incoming.update_key,
    )
    await plan_assignment(turn.session, turn.rules, turn.calendar, turn.now, assignment.id)
    turn.reply(say(turn.lang, "assigned", code=assignment.code, name=official.full_name))
    await turn.notify(
        official.id,
        say(
            turn.lang,
            "tell_assigned",
            who=who,
            code=assignment.code,
            title=assignment.task.title,
            date=dmy(assignment.deadline, turn.lang),
        ),
    )
