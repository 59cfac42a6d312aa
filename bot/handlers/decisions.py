"""Decisions in chat: coordinators approve or reject extensions; leaders name a focal person.

An extension request reaches every coordinator with approve / reject buttons
bound to that request (``storage.models.ExtensionNotice``): a button of an older
request, superseded when the official asked again, changes nothing. Once a
request is decided every copy shows who decided and how (edited in place on
Telegram, a follow-up line elsewhere); ``/choduyet`` lists the open ones again.
A request decided after its assignment was done or withdrawn is closed and
changes nothing. Approval moves the deadline (the request keeps who approved and when), puts
the assignment back in progress, replans its nudges and tells the requester;
rejection asks the coordinator why (a question about that one request, see
``bot.inbound.questions``) and tells the requester that reason.
"""

from __future__ import annotations

import re

from bot.channels.base import Choice, Outgoing
from bot.inbound import questions
from bot.inbound.answer import Answer
from bot.inbound.turn import LinkedTurn, find_for_person
from bot.texts import dmy, say
from scheduler.planner import plan_assignment
from storage import assignments, chats, extensions, people, tokens
from storage.enums import Awaiting, ExtensionState, Role, Status
from storage.models import Assignment, ExtensionRequest, PendingQuestion, Person
from storage.plans import PLAN_CLOSED
from storage.textfold import fold

DECISION_DATA = re.compile(r"^x:([A-Za-z0-9_-]{8,24}):(ok|no)$")
PENDING_SHOWN = 10  # requests /choduyet shows at once, each a message with its buttons
EDITS_IN_PLACE = frozenset({"telegram"})  # elsewhere a decision is a follow-up line


def _request_text(lang: str, assignment: Assignment, request: ExtensionRequest, who: str) -> str:
    return say(
        lang,
        "request",
        code=assignment.code,
        title=assignment.task.title,
        agency=assignment.agency.name,
        old=dmy(request.previous_deadline, lang),
        new=dmy(request.requested_deadline),
        who=who,
        reason=request.reason or say(lang, "no_reason"),
    )


async def _show(
    turn: LinkedTurn,
    coordinator_id: int,
    assignment: Assignment,
    request: ExtensionRequest,
    who: str,
    *,
    here: bool = False,
) -> None:
    """One coordinator's copy of the request with buttons bound to the request
    (``here``: in this chat, else in the coordinator's reachable chat)."""
    if here:
        channel, chat_id = turn.incoming.channel, turn.incoming.chat_id
    else:
        link = await chats.reachable_chat(turn.session, coordinator_id)
        if link is None:
            return
        channel, chat_id = link.channel.value, link.chat_id
    token = await extensions.new_notice(
        turn.session, request.id, coordinator_id, channel, chat_id, turn.now
    )
    buttons = (
        (
            Choice(say(turn.lang, "approve"), f"x:{token}:ok"),
            Choice(say(turn.lang, "reject"), f"x:{token}:no"),
        ),
    )
    message = Outgoing(_request_text(turn.lang, assignment, request, who), buttons)
    to = None if here else (channel, chat_id)
    turn.answers.append(Answer(message, to=to, notice=token))


async def announce_request(turn: LinkedTurn, assignment: Assignment, request: ExtensionRequest):
    """Send the new request to every coordinator, with approve / reject buttons; an
    older request of the assignment still pending is superseded, and its copies say so."""
    older = await extensions.supersede_older(turn.session, request, turn.now)
    if older:
        line = say(turn.lang, "decided_superseded", date=dmy(request.requested_deadline))
        for old in older:
            earlier = await extensions.request_by_id(turn.session, old)
            if earlier is not None:
                await _show_decided(turn, assignment, earlier, line)
    for coordinator in await extensions.coordinators(turn.session):
        await _show(turn, coordinator.id, assignment, request, turn.person.full_name)


async def _requester_name(turn: LinkedTurn, request: ExtensionRequest) -> str:
    person = await turn.session.get(Person, request.requested_by_id)
    return person.full_name if person else ""


async def _show_decided(
    turn: LinkedTurn, assignment: Assignment, request: ExtensionRequest, decision: str
) -> None:
    """Every copy of ``request`` shows ``decision``: edited in place without buttons
    where the platform can, else a follow-up line (not in the decider's own chat, which
    is answered anyway)."""
    copies = await extensions.notices(turn.session, [request.id])
    if not copies:
        return
    original = _request_text(turn.lang, assignment, request, await _requester_name(turn, request))
    here = (turn.incoming.channel, turn.incoming.chat_id)
    for copy in copies:
        where = (copy.channel, copy.chat_id)
        if copy.channel in EDITS_IN_PLACE and copy.message_id:
            message = Outgoing(f"{original}\n{decision}")
            turn.answers.append(Answer(message, to=where, replace=copy.message_id))
        elif copy.channel not in EDITS_IN_PLACE and where != here:
            line = say(
                turn.lang,
                "decided_followup",
                code=assignment.code,
                date=dmy(request.requested_deadline),
                decision=decision,
            )
            turn.answers.append(Answer(Outgoing(line), to=where))


async def _decision_line(turn: LinkedTurn, request: ExtensionRequest) -> str:
    """How ``request`` was decided, by whom and when, as its copies show it."""
    who = ""
    if request.decided_by_id is not None:
        person = await turn.session.get(Person, request.decided_by_id)
        who = person.full_name if person else ""
    at = ""
    if request.decided_at is not None:
        local = request.decided_at.astimezone(turn.calendar.timezone)
        at = local.strftime("%H:%M %d/%m/%Y")
    date_text = dmy(request.requested_deadline)
    if request.state is ExtensionState.APPROVED:
        return say(turn.lang, "decided_approved", date=date_text, who=who, at=at)
    if request.state is ExtensionState.REJECTED:
        reason = request.decision_note or say(turn.lang, "no_reason")
        return say(turn.lang, "decided_rejected", who=who, at=at, reason=reason)
    if request.state is ExtensionState.CLOSED:
        if request.decided_by_id is None:  # closed by the store: the work left, the plan ended
            why = "plan" if request.decision_note == PLAN_CLOSED else "withdrawn"
            return say(turn.lang, f"decided_closed_{why}", at=at)
        return say(turn.lang, "decided_closed", who=who, at=at)
    newer = await extensions.pending_request(turn.session, request.assignment_id)
    newer_date = dmy(newer.requested_deadline) if newer else "?"
    return say(turn.lang, "decided_superseded", date=newer_date)


async def pending_command(turn: LinkedTurn, _args: str) -> None:
    """/choduyet: the open requests, oldest first, each with buttons for this coordinator."""
    total, requests = await extensions.open_requests(turn.session, PENDING_SHOWN)
    if not total:
        turn.reply_key("pending_none")
        return
    turn.reply_key("pending_title", n=total)
    for request in requests:
        who = await _requester_name(turn, request)
        await _show(turn, turn.person.id, request.assignment, request, who, here=True)
    if total > len(requests):
        turn.reply_key("pending_more", shown=len(requests), n=total)


async def _pressed_request(turn: LinkedTurn, token_text: str) -> ExtensionRequest | None:
    """The request the pressed button was shown with; None (answered) when the button
    is not this coordinator's."""
    coordinator = turn.role in (Role.COORDINATOR, Role.ADMIN)
    notice = await extensions.notice_by_token(turn.session, token_text)
    if notice is not None:
        if notice.person_id != turn.person.id or not coordinator:
            turn.reply_key("bad_choice")
            return None
        return await extensions.request_by_id(turn.session, notice.request_id)
    # Buttons sent before requests had their own tokens name the assignment only.
    token = await tokens.find_token(turn.session, token_text)
    if token is None or token.person_id != turn.person.id or not coordinator:
        turn.reply_key("bad_choice")
        return None
    request = await extensions.pending_request(turn.session, token.assignment_id)
    if request is None:
        code = (await assignments.by_id(turn.session, token.assignment_id)).code
        turn.reply(say(turn.lang, "no_pending", code=code))
    return request


async def on_decision(turn: LinkedTurn) -> bool:
    """An approve / reject press; False when the data is not a decision."""
    match = DECISION_DATA.match(turn.incoming.choice_data or "")
    if not match:
        return False
    request = await _pressed_request(turn, match[1])
    if request is None:
        return True
    assignment = await assignments.by_id(turn.session, request.assignment_id)
    if request.state is ExtensionState.SUPERSEDED:
        newer = await extensions.pending_request(turn.session, request.assignment_id)
        turn.reply(
            say(
                turn.lang,
                "request_superseded",
                code=assignment.code,
                date=dmy(request.requested_deadline),
                newer=dmy(newer.requested_deadline) if newer else "?",
            )
        )
    elif request.state is not ExtensionState.PENDING:
        await _already_decided(turn, assignment, request)
    elif match[2] == "ok":
        await approve(turn, assignment, request)
    else:
        await ask_reject_reason(turn, assignment, request)
    return True


async def _already_decided(
    turn: LinkedTurn, assignment: Assignment, request: ExtensionRequest
) -> None:
    decision = await _decision_line(turn, request)
    turn.reply(
        say(
            turn.lang,
            "request_already_decided",
            code=assignment.code,
            date=dmy(request.requested_deadline),
            decision=decision,
        )
    )


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
        await _already_decided(turn, assignment, request)
        return
    await _show_decided(turn, assignment, request, await _decision_line(turn, request))
    if decision.closed:
        turn.reply(say(turn.lang, "closed_finished", code=assignment.code, date=date_text))
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
        request = await extensions.request_by_id(turn.session, request_id) if request_id else None
        if request is None:
            turn.reply(say(turn.lang, "no_pending", code=assignment.code))
        else:
            await _already_decided(turn, assignment, request)
        return
    await _show_decided(
        turn, assignment, decision.request, await _decision_line(turn, decision.request)
    )
    if decision.closed:
        date_text = dmy(decision.request.requested_deadline)
        turn.reply(say(turn.lang, "closed_finished", code=assignment.code, date=date_text))
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


async def _periods_to_assign(turn: LinkedTurn, code: str, found: Assignment) -> list[Assignment]:
    """A focal person answers for the task, not one period of it: every open period of
    the agency's task, unless the code names one ("1.7#2024-Q2")."""
    if "#" in code or not found.period:
        return [found]
    task_code = code.partition("#")[0].partition("@")[0]
    mine = await assignments.for_code(turn.session, task_code, turn.person.agency_id)
    open_ones = [a for a in mine if a.status is not Status.DONE and a.withdrawn_at is None]
    return sorted(open_ones, key=lambda a: (a.deadline is None, a.deadline or turn.today, a.id))


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
    targets = await _periods_to_assign(turn, code, assignment)
    for one in targets:
        await assignments.assign_focal_person(
            turn.session,
            one,
            official.id,
            turn.person.id,
            turn.now,
            note=say(turn.lang, "assigned_note", name=official.full_name, who=who),
            channel=turn.incoming.channel,
            message_ref=turn.incoming.update_key,
        )
        await plan_assignment(turn.session, turn.rules, turn.calendar, turn.now, one.id)
    if len(targets) > 1:
        periods = ", ".join(one.period for one in targets)
        turn.reply(
            say(
                turn.lang,
                "assigned_periods",
                code=assignment.task.code,
                name=official.full_name,
                count=len(targets),
                periods=periods,
            )
        )
    else:
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
