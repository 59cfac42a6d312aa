"""Progress in chat: free-text replies, /capnhat, /giahan, button presses, follow-up answers.

Every path ends in ``record`` (or ``request``), which checks that the person
may update the assignment, writes it, and repeats back exactly what was
recorded. Whatever is not understood records nothing and says so.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from bot.handlers import decisions, which
from bot.inbound import choices, questions
from bot.inbound.questions import Awaiting
from bot.inbound.turn import LinkedTurn, find_for_person, may_update, replied_to
from bot.outbound.nudges import item_row
from bot.texts import dmy, status_name
from bot.understanding.dates import completion_date, extension_date
from bot.understanding.normalise import fold, normalise
from bot.understanding.reader import Reading, read_reply
from bot.understanding.reasons import reason as reason_of
from storage import assignments, audit, tokens
from storage.enums import Channel, Status
from storage.ledger import assignments_of_message, latest_nudged
from storage.models import Assignment, PendingQuestion
from storage.plans import closed_year
from storage.progress import (
    last_update_by,
    plan_start,
    record_progress,
    request_extension,
    undo_update,
    undoable,
)

# A task code, or an assignment's full code (agency short code, period): "1.1@stp#2024-Q2".
TASK_CODE = re.compile(
    r"^\s*([1-7]\.\d{1,3}(?:@[A-Za-z0-9][A-Za-z0-9_-]{0,39})?(?:#[A-Za-z0-9-]+)?)(?![\w@#])"
    r"[\s:,.-]*(.*)$",
    re.S,
)
PERCENT = re.compile(r"^\s*~?(\d{1,3})\s*(%|phần trăm|phan tram)?\s*$", re.I)
UNDO_WORDS = frozenset({"hoan tac", "huy", "undo"})


@dataclass(frozen=True)
class Said:
    """What a reply gave besides its status: recorded with whichever status is chosen."""

    percent: int | None = None
    new_date: date | None = None
    completed_on: date | None = None
    reason: str = ""
    document: str = ""

    def to_json(self) -> str:
        return json.dumps(
            {
                "percent": self.percent,
                "new_date": self.new_date.isoformat() if self.new_date else None,
                "completed_on": self.completed_on.isoformat() if self.completed_on else None,
                "reason": self.reason,
                "document": self.document,
            }
        )

    @classmethod
    def from_json(cls, data: str) -> Said:
        d = json.loads(data)
        day = date.fromisoformat
        return cls(
            d["percent"],
            day(d["new_date"]) if d["new_date"] else None,
            day(d["completed_on"]) if d["completed_on"] else None,
            d["reason"],
            d["document"],
        )


def _documents(reading: Reading) -> str:
    return "; ".join(str(ref) for ref in reading.documents)


def said_by(reading: Reading) -> Said:
    return Said(
        reading.percent,
        reading.new_date,
        reading.completion_date,
        reading.reason,
        _documents(reading),
    )


def _said_unsure(
    reading: Reading, text: str, assignment: Assignment, today: date, start: date | None
) -> Said:
    """What an unsure reply gave, for each reading it is asked about (the reader fills in
    the date and the reason only for the status it settles on)."""
    norm, alternatives = normalise(text), reading.alternatives
    issued = next((ref.issued for ref in reading.documents if ref.issued), None)
    done_on = None
    if Status.DONE in alternatives:
        done_on = completion_date(norm, today=today, plan_start=start, issued=issued)
    new_date = None
    if Status.EXTENSION_REQUESTED in alternatives:
        new_date = extension_date(norm, today=today, current_deadline=assignment.deadline)
    why = next(
        (
            reason_of(text, s)
            for s in alternatives
            if s in (Status.BLOCKED, Status.EXTENSION_REQUESTED)
        ),
        "",
    )
    return Said(reading.percent, new_date, done_on, why, _documents(reading))


def _done_at(turn: LinkedTurn, day: date | None) -> datetime | None:
    """Noon of a completion day before today, as the instant the work counts as done."""
    if day is None or day >= turn.today:
        return None
    return datetime.combine(day, time(12), tzinfo=turn.calendar.timezone).astimezone(UTC)


def _percent_text(percent: int | None) -> str:
    return f" {percent}%" if percent is not None else ""


def _percent_for(status: Status, percent: int | None) -> int | None:
    """The written percent when it fits the status recorded (a press may pick another)."""
    if percent is None or status is Status.DONE:
        return None
    if status is Status.IN_PROGRESS:
        return percent if 0 < percent < 100 else None
    if status is Status.NOT_STARTED:
        return 0 if percent == 0 else None
    return percent


def _has_buttons(turn: LinkedTurn) -> bool:
    return turn.incoming.channel == Channel.TELEGRAM.value


async def record(
    turn: LinkedTurn,
    assignment: Assignment,
    status: Status,
    *,
    percent=None,
    note: str = "",
    said: Said | None = None,
) -> None:
    if not may_update(turn.person, assignment):
        turn.reply_key("not_yours", code=assignment.code, agency=assignment.agency.name)
        return
    if await _plan_closed(turn, assignment):
        return
    said = said or Said()
    completed_on = said.completed_on if status is Status.DONE else None
    done_at = _done_at(turn, completed_on)
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
        completed_on=completed_on if done_at else None,
        done_at=done_at,
        document_ref=said.document or None,
    )
    audit.update_recorded(turn.session, turn.incoming, turn.person, assignment, recorded)
    text = turn.t(
        "recorded",
        code=assignment.code,
        status=status_name(turn.lang, recorded.status),
        percent=_percent_text(recorded.percent) if status is not Status.DONE else "",
        note=turn.t("reason_label", note=note) if note else "",
    )
    text += turn.t("recorded_task", title=assignment.task.title)
    if said.document:
        text += turn.t("recorded_document", document=said.document)
    if status is Status.DONE:
        day = completed_on if done_at and completed_on else turn.today
        late = assignment.deadline is not None and day > assignment.deadline
        timeliness = turn.t("timeliness_late" if late else "timeliness_on_time")
        text += turn.t("recorded_completed", date=dmy(day), timeliness=timeliness)
    await _confirm(turn, assignment, text)


async def _plan_closed(turn: LinkedTurn, assignment: Assignment) -> bool:
    """A closed plan's history is read-only: refused, with why (storage.plans)."""
    year = await closed_year(turn.session, assignment.plan_id)
    if year is not None:
        turn.reply_key("plan_closed_refused", year=year, code=assignment.code)
    return year is not None


async def _answered_message(turn: LinkedTurn) -> str | None:
    """The id of the message this turn answered: the one pressed under, or the nudge
    replied to (recorded, or a copy whose text names a code); None: nothing to edit."""
    if turn.incoming.choice_message_id:
        return turn.incoming.choice_message_id
    replied = await replied_to(turn)
    if replied or (replied is not None and which.codes_in(turn.incoming.reply_to_text)):
        return turn.incoming.reply_to_message_id
    return None


async def _show_answer(turn: LinkedTurn, recorded: str, note: str = "answered") -> None:
    """On Telegram, the message answered shows the answer and loses its buttons."""
    if not _has_buttons(turn):
        return
    message_id = await _answered_message(turn)
    if message_id is None:
        return
    shown = turn.incoming.reply_to_text.strip()
    if note == "answered":
        recorded = turn.t("answered_note", answer=recorded.splitlines()[0])
    text = f"{shown}\n\n{recorded}" if shown else recorded
    key = (turn.incoming.channel, turn.incoming.chat_id, message_id)
    if len(await assignments_of_message(turn.session, *key)) > 1:
        # A check-in: the rows of the tasks not answered yet stay pressable.
        left = await tokens.open_rows_of_message(turn.session, *key)
        rows = tuple(item_row(turn.lang, code, t.token, t.token) for t, code in left)
        turn.edit(message_id, text, rows)
        return
    turn.edit(message_id, text)


async def _confirm(turn: LinkedTurn, assignment: Assignment, text: str) -> None:
    """Say what was recorded, with how to undo it (a button where there are buttons)."""
    await _show_answer(turn, text)
    if _has_buttons(turn):
        token = await choices.new_token(turn.session, turn.person.id, assignment.id, turn.now)
        turn.reply(text + turn.t("undo_hint_button"), choices.undo_choices(turn.lang, token))
    else:
        turn.reply(text + turn.t("undo_hint"))


async def request(turn: LinkedTurn, assignment: Assignment, parsed_date, reason: str) -> None:
    if not may_update(turn.person, assignment):
        turn.reply_key("not_yours", code=assignment.code, agency=assignment.agency.name)
        return
    if await _plan_closed(turn, assignment):
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
    audit.update_recorded(turn.session, turn.incoming, turn.person, assignment, _recorded)
    text = turn.t(
        "recorded_extension",
        code=assignment.code,
        date=dmy(parsed_date),
        note=turn.t("reason_label", note=reason) if reason else "",
    )
    await _confirm(turn, assignment, text + turn.t("recorded_task", title=assignment.task.title))
    await decisions.announce_request(turn, assignment, extension)


async def apply_status(
    turn: LinkedTurn, assignment: Assignment, status: Status, said: Said
) -> None:
    if status is Status.EXTENSION_REQUESTED:
        await request(turn, assignment, said.new_date, said.reason)
    else:
        note = said.reason if status is Status.BLOCKED else ""
        percent = _percent_for(status, said.percent)
        await record(turn, assignment, status, percent=percent, note=note, said=said)


async def apply_reading(turn: LinkedTurn, assignment: Assignment, text: str) -> None:
    """Read ``text`` about ``assignment``: record it, ask about it, or say it is not understood."""
    if await _plan_closed(turn, assignment):
        return
    start = await plan_start(turn.session, assignment)
    reading = read_reply(
        text, today=turn.today, current_deadline=assignment.deadline, plan_start=start
    )
    if reading.dispute:
        turn.reply_key(
            "dispute",
            code=assignment.code,
            title=assignment.task.title,
            agency=assignment.agency.name,
        )
    elif reading.ask and reading.alternatives:
        await ask_reading(
            turn,
            assignment,
            text,
            _said_unsure(reading, text, assignment, turn.today, start),
            reading.alternatives,
        )
    elif not reading.recordable or reading.status is None:
        turn.reply_key("not_understood", text=text.strip()[:200])
    else:
        await apply_status(turn, assignment, reading.status, said_by(reading))


async def ask_reading(
    turn: LinkedTurn,
    assignment: Assignment,
    text: str,
    said: Said,
    alternatives: tuple[Status, ...],
) -> None:
    """Record nothing; offer the likeliest readings and «Khác» (the next text is read again)."""
    if not may_update(turn.person, assignment):
        turn.reply_key("not_yours", code=assignment.code, agency=assignment.agency.name)
        return
    token = await choices.new_token(
        turn.session, turn.person.id, assignment.id, turn.now, reading=said.to_json()
    )
    await questions.ask(turn, Awaiting.READING, assignment.id)
    turn.reply(
        turn.t(
            "ask_reading",
            text=text.strip()[:200],
            code=assignment.code,
            title=assignment.task.title,
        ),
        choices.reading_choices(turn.lang, token, alternatives[:3]),
    )


def is_undo(text: str) -> bool:
    return fold(text).strip(" .!?") in UNDO_WORDS


async def undo(turn: LinkedTurn, assignment_id: int | None = None) -> None:
    """Put back what the person's latest record changed, once, within the window."""
    update = await last_update_by(turn.session, turn.person.id)
    if (
        update is None
        or not undoable(update, turn.now)
        or (assignment_id is not None and update.assignment_id != assignment_id)
    ):
        turn.reply_key("undo_none")
        return
    assignment = await _load(turn, update.assignment_id)
    if assignment.updated_at != update.created_at:  # changed since by someone else
        turn.reply_key("undo_none")
        return
    await undo_update(
        turn.session,
        update,
        assignment,
        turn.person.id,
        turn.now,
        channel=turn.incoming.channel,
        message_ref=turn.incoming.update_key,
    )
    under_way = assignment.status in (Status.IN_PROGRESS, Status.BLOCKED)
    shown = assignment.percent if under_way and assignment.percent else None
    turn.reply_key(
        "undone",
        code=assignment.code,
        title=assignment.task.title,
        status=status_name(turn.lang, assignment.status),
        percent=_percent_text(shown),
    )


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
    if token.closed_at is not None:  # answered, or replaced by a newer menu
        turn.reply_key("choice_answered")
        return
    if action != "undo" and await tokens.changed_since_shown(turn.session, token):
        await tokens.close_menu(turn.session, token, turn.now)
        turn.reply_key(
            "choice_stale", code=assignment.code, status=status_name(turn.lang, assignment.status)
        )
        return
    # One answer per menu: its other options are closed too (a follow-up question
    # comes as a menu of its own).
    await tokens.close_menu(turn.session, token, turn.now)
    if action == "undo":
        await undo(turn, token.assignment_id)
    elif action == "pick":
        reading, token.reading = token.reading, None  # one answer per question
        await _on_pick(turn, assignment, reading)
    elif action == "other" or action.startswith("s_"):
        reading, token.reading = token.reading, None  # one answer per question
        await _on_reading_choice(turn, assignment, reading, action)
    elif action == "done":
        await record(turn, assignment, Status.DONE)
    elif action[1:].isdigit():
        await questions.clear(turn)
        await record(turn, assignment, Status.IN_PROGRESS, percent=int(action[1:]))
    else:
        awaiting = {"prog": Awaiting.PERCENT, "blk": Awaiting.REASON, "ext": Awaiting.DATE}
        chosen = {"prog": Status.IN_PROGRESS, "blk": Status.BLOCKED}
        name = status_name(turn.lang, chosen.get(action, Status.EXTENSION_REQUESTED))
        await _show_answer(turn, turn.t("chosen_note", choice=name), note="chosen")
        await prompt(turn, assignment, awaiting[action])


async def _on_reading_choice(
    turn: LinkedTurn, assignment: Assignment, reading: str | None, action: str
) -> None:
    """A press under "Anh/Chị muốn ghi nhận": that reading, or «Khác»: write it again."""
    if reading is None:
        turn.reply_key("bad_choice")
        return
    if action == "other":
        await questions.ask(turn, Awaiting.READING, assignment.id)  # its text is read again
        turn.reply_key("ask_write_again", code=assignment.code)
        return
    await questions.clear(turn)
    await apply_status(turn, assignment, Status(action[2:]), Said.from_json(reading))


@questions.answers(Awaiting.READING)
async def answer_reading(turn: LinkedTurn, question: PendingQuestion, text: str) -> None:
    """Typed instead of pressed, or after «Khác»: the text is read again, about the same
    assignment unless it names another."""
    await questions.clear(turn)
    await read_text(turn, text, await _load(turn, question.assignment_id))


@questions.answers(Awaiting.PERCENT)
async def answer_percent(turn: LinkedTurn, question: PendingQuestion, text: str) -> None:
    assignment = await _load(turn, question.assignment_id)
    match = PERCENT.match(text)
    if not match or int(match[1]) > 100:
        parsed = read_reply(text, today=turn.today, current_deadline=assignment.deadline)
        if parsed.percent is None and parsed.recordable and parsed.status is not None:
            await questions.clear(turn)  # not a percent but a report ("xong"): read as one
            await apply_reading(turn, assignment, text)
            return
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
    parsed = read_reply(
        f"xin gia hạn đến {text}", today=turn.today, current_deadline=assignment.deadline
    )
    await request(turn, assignment, new_date, parsed.reason)


async def on_text(turn: LinkedTurn, text: str) -> None:
    """Free text: an undo, an answer to a question, or a report (see ``read_text``)."""
    if is_undo(text):
        if turn.question is not None:
            await questions.clear(turn)
        await undo(turn)
        return
    if await questions.answer(turn, text):
        return
    await read_text(turn, text)


async def read_text(turn: LinkedTurn, text: str, asked: Assignment | None = None) -> None:
    """Read a report about the assignment it means, or ask which one (recording nothing).

    What it means, first found: a code in the text (anywhere; a full code or period
    words select the period); the message it replies to (its assignment, or those it
    listed, or the code quoted from it when that copy was not recorded); the
    assignment asked about; the person's latest nudge. Never a guess: several
    candidates, or a reply to a copy that names nothing, make the bot ask.
    """
    found = await which_assignment(turn, text, asked)
    if found is not None:
        await apply_reading(turn, found[0], found[1])


async def which_assignment(
    turn: LinkedTurn, text: str, asked: Assignment | None = None
) -> tuple[Assignment, str] | None:
    """The assignment ``text`` is about, and the text left to read; None when the bot
    answered instead (it asked which, or refused a code)."""
    period = which.period_words(text)
    named = which.codes_in(text)
    if named:
        by_code = await _by_codes(turn, text, named, period)
        if not isinstance(by_code, _NoCode):
            return by_code
    replied = await replied_to(turn)
    if replied is not None:
        if not replied:  # a copy the ledger did not record: what it showed tells
            quoted = which.codes_in(turn.incoming.reply_to_text)
            if quoted:
                found = await _by_codes(turn, text, quoted, period, quoted=True)
                if not isinstance(found, _NoCode):
                    return found
            await _ask_which(turn, text, [])
            return None
        return await _one_of(turn, text, replied, period)
    if asked is not None:
        return asked, text
    return await _one_of(turn, text, await latest_nudged(turn.session, turn.person.id), period)


class _NoCode:
    """The text's codes name no task: it is read as if it had none."""


NO_CODE = _NoCode()


async def _by_codes(
    turn: LinkedTurn,
    text: str,
    named: list[which.Named],
    period: which.PeriodWords,
    *,
    quoted: bool = False,
) -> tuple[Assignment, str] | _NoCode | None:
    """The one assignment the codes name (``quoted``: codes of the message replied to;
    the text keeps all its words); asks when they name several and refuses another
    agency's (None); ``NO_CODE`` when a code in the middle of the text names no task."""
    fits = period.fits if period else None
    found: list[tuple[Assignment, which.Named]] = []
    for one in named:
        assignment, other = await find_for_person(turn, one.code, fits)
        if assignment is not None:
            if all(a.id != assignment.id for a, _ in found):
                found.append((assignment, one))
            continue
        full = "@" in one.code or "#" in one.code
        if other is not None or full or (not quoted and not text[: one.start].strip()):
            _unknown_code(turn, one.code, other)
            return None
    if not found:
        return NO_CODE
    if len(found) > 1:
        left = text
        if not quoted:
            for _, one in sorted(found, key=lambda f: -f[1].start):
                left = which.without(left, one)
        await _ask_which(turn, left, [a for a, _ in found])
        return None
    assignment, one = found[0]
    return assignment, text if quoted else which.without(text, one)


async def _one_of(
    turn: LinkedTurn, text: str, ids: list[int], period: which.PeriodWords
) -> tuple[Assignment, str] | None:
    """The one of ``ids`` meant (period words may narrow them), or ask which."""
    if not ids:
        turn.reply_key("which_assignment")
        return None
    candidates = [await _load(turn, i) for i in ids]
    if len(candidates) > 1 and period:
        candidates = [a for a in candidates if period.fits(a.period)] or candidates
    if len(candidates) == 1:
        return candidates[0], text
    await _ask_which(turn, text, candidates)
    return None


ASK_AT_MOST = 8  # candidates offered as choices; more are named by code


async def _ask_which(turn: LinkedTurn, text: str, candidates: list[Assignment]) -> None:
    """Record nothing; offer the candidates (each a choice that reads ``text`` about it)."""
    mine = [a for a in candidates if may_update(turn.person, a)]
    shown = text.strip()[:200]
    if not mine:
        turn.reply_key("ask_which_code", text=shown)
        return
    reading = json.dumps({"text": text})
    rows, menu = [], None
    for assignment in mine[:ASK_AT_MOST]:
        token = await choices.new_token(
            turn.session, turn.person.id, assignment.id, turn.now, reading=reading, menu=menu
        )
        menu = menu or token
        rows.append(choices.pick_choice(assignment.code, assignment.task.title, token))
    extra = len(mine) - ASK_AT_MOST
    more = turn.t("ask_which_more", count=extra) if extra > 0 else ""
    turn.reply(turn.t("ask_which", text=shown, count=len(mine)) + more, tuple(rows))


async def _on_pick(turn: LinkedTurn, assignment: Assignment, reading: str | None) -> None:
    """A press under "which assignment": the text asked about is read about that one."""
    if reading is None:
        turn.reply_key("choice_answered")
        return
    picked = json.loads(reading)
    if "evidence" in picked:  # a file kept until the sender said which assignment
        from bot.handlers import evidence  # evidence reads captions with this module

        await evidence.on_pick(turn, assignment, picked)
        return
    await apply_reading(turn, assignment, picked["text"])


def _unknown_code(turn: LinkedTurn, code: str, other_agency: str | None) -> None:
    if other_agency:
        turn.reply_key("not_yours", code=code, agency=other_agency)
    else:
        turn.reply_key("code_unknown", code=code, agency=turn.person.agency.name)


async def _commanded(turn: LinkedTurn, code: str, rest: str) -> Assignment | None:
    """The assignment a command's code names (period words in ``rest`` may pick the
    period); None once the refusal is said."""
    period = which.period_words(rest)
    assignment, other = await find_for_person(turn, code, period.fits if period else None)
    if assignment is None:
        _unknown_code(turn, code, other)
    return assignment


async def update_command(turn: LinkedTurn, args: str) -> None:
    match = TASK_CODE.match(args)
    if not match or not match[2].strip():
        turn.reply_key("usage_update")
        return
    assignment = await _commanded(turn, match[1], match[2])
    if assignment is not None:
        await apply_reading(turn, assignment, match[2])


async def extend_command(turn: LinkedTurn, args: str) -> None:
    match = TASK_CODE.match(args)
    if not match or not match[2].strip():
        turn.reply_key("usage_extend")
        return
    assignment = await _commanded(turn, match[1], match[2])
    if assignment is None:
        return
    date_text, _, reason = match[2].strip().partition(" ")
    new_date = extension_date(
        normalise(f"đến {date_text}"), today=turn.today, current_deadline=assignment.deadline
    )
    if new_date is None:
        turn.reply_key("ask_date_again")
        return
    await request(turn, assignment, new_date, reason.strip())
