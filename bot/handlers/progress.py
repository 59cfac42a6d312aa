"""Progress in chat: free-text replies, /capnhat, /giahan, button presses, follow-up answers.

Every path ends in ``record`` (or ``request``), which checks that the person
may update the assignment, writes it, and repeats back exactly what was
recorded. Whatever is not understood records nothing and says so.
"""

from __future__ import annotations

import re

from bot.handlers import decisions
from bot.inbound import choices, questions
from bot.inbound.questions import Awaiting
from bot.inbound.turn import LinkedTurn, find_for_person, may_update
from bot.texts import dmy, status_name
from bot.understanding.dates import extension_date
from bot.understanding.replies import ParsedReply, normalise, parse_reply
from storage import assignments, tokens
from storage.enums import Status
from storage.models import Assignment, PendingQuestion
from storage.progress import record_progress, request_extension

TASK_CODE = re.compile(r"^\s*([1-7]\.\d{1,3})\b[\s:,.-]*(.*)$", re.S)
PERCENT = re.compile(r"^\s*~?(\d{1,3})\s*(%|phần trăm|phan tram)?\s*$", re.I)


def _percent_text(percent: int | None) -> str:
    return f" {percent}%" if percent is not None else ""


async def record(
    turn: LinkedTurn, assignment: Assignment, status: Status, *, percent=None, note: str = ""
) -> None:
    if not may_update(turn.person, assignment):
        turn.reply_key("not_yours", code=assignment.code, agency=assignment.agency.name)
        return
    recorded = await record_progress(
        turn.session,
        assignment,
        turn.person.id,
        turn.now,
        status=status,
        percent=percent,
        note=note,
        channel=turn.incoming.channel,
        message_ref=turn.incoming.update_key,
    )
    shown = (
        None
        if status in (Status.DONE, Status.NOT_STARTED) and percent is None
        else recorded.percent
    )
    turn.reply_key(
        "recorded",
        code=assignment.code,
        status=status_name(turn.lang, recorded.status),
        percent=_percent_text(shown) if status is not Status.DONE else "",
        note=turn.t("reason_label", note=note) if note else "",
    )


async def request(turn: LinkedTurn, assignment: Assignment, parsed_date, reason: str) -> None:
    if not may_update(turn.person, assignment):
        turn.reply_key("not_yours", code=assignment.code, agency=assignment.agency.name)
        return
    if parsed_date is None:
        await prompt(turn, assignment, Awaiting.DATE)
        return
    if assignment.deadline and parsed_date <= assignment.deadline:
        turn.reply_key("date_not_later", date=dmy(parsed_date), deadline=dmy(assignment.deadline))
        return
    _recorded, extension = await request_extension(
        turn.session,
        assignment,
        turn.person.id,
        turn.now,
        new_deadline=parsed_date,
        reason=reason,
        channel=turn.incoming.channel,
        message_ref=turn.incoming.update_key,
    )
    turn.reply_key(
        "recorded_extension",
        code=assignment.code,
        date=dmy(parsed_date),
        note=turn.t("reason_label", note=reason) if reason else "",
    )
    await decisions.announce_request(turn, assignment, extension)


async def apply_parsed(turn: LinkedTurn, assignment: Assignment, parsed: ParsedReply, text: str):
    if not parsed.understood or parsed.status is None:
        turn.reply_key("not_understood", text=text.strip()[:200])
    elif parsed.status is Status.EXTENSION_REQUESTED:
        await request(turn, assignment, parsed.new_date, parsed.reason)
    else:
        await record(turn, assignment, parsed.status, percent=parsed.percent, note=parsed.reason)


async def prompt(turn: LinkedTurn, assignment: Assignment, awaiting: Awaiting) -> None:
    """Ask a follow-up question; the chat's next free text answers it."""
    await questions.ask(turn, awaiting, assignment.id)
    if awaiting is Awaiting.PERCENT:
        token = await choices.new_token(turn.session, turn.person.id, assignment.id, turn.now)
        turn.reply(turn.t("ask_percent", code=assignment.code), choices.percent_choices(token))
    else:
        turn.reply_key(f"ask_{awaiting}", code=assignment.code)


async def _load(turn: LinkedTurn, assignment_id: int) -> Assignment:
    return await assignments.by_id(turn.session, assignment_id)


async def on_choice(turn: LinkedTurn) -> None:
    parsed = choices.parse_data(turn.incoming.choice_data)
    token = await tokens.find_token(turn.session, parsed[0]) if parsed else None
    if parsed is None or token is None or token.person_id != turn.person.id:
        turn.reply_key("bad_choice")
        return
    assignment = await _load(turn, token.assignment_id)
    action = parsed[1]
    if action == "done":
        await record(turn, assignment, Status.DONE)
    elif action[1:].isdigit():
        await questions.clear(turn)
        await record(turn, assignment, Status.IN_PROGRESS, percent=int(action[1:]))
    else:
        awaiting = {"prog": Awaiting.PERCENT, "blk": Awaiting.REASON, "ext": Awaiting.DATE}
        await prompt(turn, assignment, awaiting[action])


@questions.answers(Awaiting.PERCENT)
async def answer_percent(turn: LinkedTurn, question: PendingQuestion, text: str) -> None:
    assignment = await _load(turn, question.assignment_id)
    match = PERCENT.match(text)
    if not match or int(match[1]) > 100:
        parsed = parse_reply(text, today=turn.today, current_deadline=assignment.deadline)
        if parsed.percent is None:
            turn.reply_key("ask_percent_again")
            return
        percent = parsed.percent
    else:
        percent = int(match[1])
    await questions.clear(turn)
    status = Status.DONE if percent == 100 else Status.IN_PROGRESS
    await record(turn, assignment, status, percent=None if percent == 100 else percent)


@questions.answers(Awaiting.REASON)
async def answer_reason(turn: LinkedTurn, question: PendingQuestion, text: str) -> None:
    assignment = await _load(turn, question.assignment_id)
    await questions.clear(turn)
    await record(turn, assignment, Status.BLOCKED, note=text.strip())


@questions.answers(Awaiting.DATE)
async def answer_date(turn: LinkedTurn, question: PendingQuestion, text: str) -> None:
    assignment = await _load(turn, question.assignment_id)
    new_date = extension_date(
        normalise(f"đến {text}"), today=turn.today, current_deadline=assignment.deadline
    )
    if new_date is None:
        turn.reply_key("ask_date_again")
        return
    await questions.clear(turn)
    parsed = parse_reply(
        f"xin gia hạn đến {text}", today=turn.today, current_deadline=assignment.deadline
    )
    await request(turn, assignment, new_date, parsed.reason)


async def _replied_nudge(turn: LinkedTurn) -> Assignment | None:
    ref = turn.incoming.reply_to_message_id
    if not ref:
        return None
    key = (turn.incoming.channel, ref, turn.person.id)
    if turn.prefetch is not None and key in turn.prefetch.replied:
        return turn.prefetch.replied[key]
    return await assignments.replied_to(turn.session, *key)


async def _latest_nudged(turn: LinkedTurn) -> Assignment | None:
    """The assignment of the person's latest nudge that is still open (no reply-to needed)."""
    return await assignments.latest_nudged(turn.session, turn.person.id)


async def on_text(turn: LinkedTurn, text: str) -> None:
    """Free text: an answer to a question, a reply to a nudge, "CODE text", or the latest nudge."""
    if await questions.answer(turn, text):
        return
    assignment = await _replied_nudge(turn)
    if assignment is None and (match := TASK_CODE.match(text)):
        assignment, other_agency = await find_for_person(turn, match[1])
        if assignment is None:
            _unknown_code(turn, match[1], other_agency)
            return
        text = match[2]
    if assignment is None:
        assignment = await _latest_nudged(turn)
    if assignment is None:
        turn.reply_key("which_assignment")
        return
    parsed = parse_reply(text, today=turn.today, current_deadline=assignment.deadline)
    await apply_parsed(turn, assignment, parsed, text)


def _unknown_code(turn: LinkedTurn, code: str, other_agency: str | None) -> None:
    if other_agency:
        turn.reply_key("not_yours", code=code, agency=other_agency)
    else:
        turn.reply_key("code_unknown", code=code, agency=turn.person.agency.name)


async def update_command(turn: LinkedTurn, args: str) -> None:
    match = TASK_CODE.match(args)
    if not match or not match[2].strip():
        turn.reply_key("usage_update")
        return
    assignment, other = await find_for_person(turn, match[1])
    if assignment is None:
        _unknown_code(turn, match[1], other)
        return
    parsed = parse_reply(match[2], today=turn.today, current_deadline=assignment.deadline)
    await apply_parsed(turn, assignment, parsed, match[2])


async def extend_command(turn: LinkedTurn, args: str) -> None:
    match = TASK_CODE.match(args)
    if not match or not match[2].strip():
        turn.reply_key("usage_extend")
        return
    assignment, other = await find_for_person(turn, match[1])
    if assignment is None:
        _unknown_code(turn, match[1], other)
        return
    date_text, _, reason = match[2].strip().partition(" ")
    new_date = extension_date(
        normalise(f"đến {date_text}"), today=turn.today, current_deadline=assignment.deadline
    )
    if new_date is None:
        turn.reply_key("ask_date_again")
        return
    await request(turn, assignment, new_date, reason.strip())
