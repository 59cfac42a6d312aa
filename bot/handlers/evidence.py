"""Evidence in chat (tài liệu kiểm chứng): a photo, document or voice message kept on an
assignment, and ``/tailieu`` sending the files back.

The channel has already downloaded the file (``Incoming.media``); here it is
recorded on the assignment it is about, first found:

1. a code in its caption ("1.4", "1.4@stp#2024-Q2");
2. the message it replies to (a nudge, a check-in, a copy quoting a code);
3. the question the chat was asked (the file is about that assignment; the
   question stays open: only typed text answers it, never an empty media text);
4. what the person just named: their latest record or file within ``FOLLOWS``;
5. the person's latest nudge, when it was about one assignment.

Otherwise the file is kept with no assignment and the sender is asked which
(choices; the pick attaches it). A caption is read like any reply, after the
file is placed: it answers the open question, or reports progress.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from bot.channels.base import Outgoing
from bot.channels.media import MB, Received
from bot.documents.attachments import AttachmentRequest
from bot.handlers import which
from bot.inbound import choices
from bot.inbound.answer import Answer
from bot.inbound.turn import LinkedTurn, find_for_person, may_update, replied_to
from bot.texts import dmy
from bot.understanding.reader import read_reply
from storage import assignments
from storage import evidence as stored
from storage.enums import Role
from storage.ledger import latest_nudged
from storage.models import Assignment, EvidenceFile
from storage.progress import last_update_by, plan_start

FOLLOWS = timedelta(minutes=30)  # a file this soon after naming a task is about that task
ASK_AT_MOST = 8  # assignments offered as choices
SEND_AT_MOST = 10  # files /tailieu sends back in one go (the latest)
NAME_SHOWN = 40  # characters of a file name shown in chat


def short_name(filename: str) -> str:
    """A long file name as its head and its extension: "QĐ-123-UBND-phe-duyet…jpg"."""
    if len(filename) <= NAME_SHOWN:
        return filename
    _stem, dot, ext = filename.rpartition(".")
    tail = ext if dot and len(ext) <= 5 else filename[-6:]
    return filename[: NAME_SHOWN - len(tail) - 1].rstrip() + "…" + tail


def size_text(turn: LinkedTurn, size: int) -> str:
    if size < MB:
        return turn.t("evidence_size_kb", n=max(1, round(size / 1024)))
    megabytes = f"{size / MB:.1f}"
    return turn.t(
        "evidence_size_mb", n=megabytes.replace(".", ",") if turn.lang == "vi" else megabytes
    )


def discard(received: Received) -> None:
    """The file of a message nobody keeps (an unlinked chat): not left on disk."""
    if received.path:
        Path(received.path).unlink(missing_ok=True)


async def on_media(turn: LinkedTurn) -> None:
    """A photo, document or voice message from a linked chat."""
    from bot.handlers import progress  # progress hands picks back here: imported when used

    incoming = turn.incoming
    assert incoming.media is not None  # the router sends only media here
    received = Received.from_dict(incoming.media)
    caption = incoming.text.strip()
    if received.refused is not None or received.path is None:
        _refuse(turn, received)
        if caption:  # the caption is still a reply
            await progress.on_text(turn, caption)
        return
    found, candidates, rest = await _which(turn, caption)
    row = await stored.add_evidence(
        turn.session,
        found.id if found else None,
        stored.NewEvidence(
            person_id=turn.person.id,
            channel=incoming.channel,
            message_ref=incoming.update_key,
            kind=received.kind,
            filename=received.filename,
            path=received.path,
            content_type=received.content_type,
            size=received.size,
            received_at=turn.now,
        ),
    )
    if found is None:
        # An open question takes the caption now (typed text answers it); the pick
        # then only places the file.
        answering = turn.question is not None
        await _ask_which(turn, row, candidates, "" if answering else caption)
        if answering and caption:
            await progress.on_text(turn, caption)
        elif answering:
            turn.reply_key("evidence_question_open")
        return
    _saved(turn, found, row)
    await read_caption(turn, found, caption, rest)


def _refuse(turn: LinkedTurn, received: Received) -> None:
    name = short_name(received.filename)
    if received.refused == "type":
        turn.reply_key("evidence_refused_type", filename=name, type=received.content_type)
    elif received.refused == "too_big":
        limit = size_text(turn, received.limit)
        turn.reply_key("evidence_refused_too_big", filename=name, limit=limit)
    else:
        turn.reply_key("evidence_refused_download", filename=name)


def _saved(turn: LinkedTurn, assignment: Assignment, row: EvidenceFile) -> None:
    text = turn.t(
        "evidence_saved",
        code=assignment.code,
        filename=short_name(row.filename),
        size=size_text(turn, row.size),
    )
    turn.reply(text + turn.t("recorded_task", title=assignment.task.title))


async def read_caption(turn: LinkedTurn, assignment: Assignment, caption: str, rest: str) -> None:
    """The caption, read like any reply once the file is placed; without one, an open
    question is said to be still open (media never answers it)."""
    from bot.handlers import progress

    if not caption:
        if turn.question is not None:
            turn.reply_key("evidence_question_open")
        return
    if turn.question is not None:  # the caption answers it, as a typed text would
        await progress.on_text(turn, caption)
        return
    if not rest.strip():
        return  # only the code: the file said it all
    start = await plan_start(turn.session, assignment)
    reading = read_reply(
        rest, today=turn.today, current_deadline=assignment.deadline, plan_start=start
    )
    # A caption that only describes the file ("Quyết định phê duyệt") reports nothing:
    # the acknowledgement is the answer, not a "not understood".
    if reading.recordable or reading.ask or reading.dispute:
        await progress.apply_reading(turn, assignment, rest)


async def _which(turn: LinkedTurn, caption: str) -> tuple[Assignment | None, list[Assignment], str]:
    """(the assignment the file is about or None, the candidates to ask about, the
    caption without the code that placed it)."""
    named = which.codes_in(caption)
    if named:
        period = which.period_words(caption)
        fits = period.fits if period else None
        found: dict[int, tuple[Assignment, which.Named]] = {}
        for one in named:
            assignment, _other = await find_for_person(turn, one.code, fits)
            if assignment is not None and may_update(turn.person, assignment):
                found.setdefault(assignment.id, (assignment, one))
        if len(found) == 1:
            assignment, one = next(iter(found.values()))
            return assignment, [], which.without(caption, one)
        if found:
            return None, [a for a, _ in found.values()], caption
    replied = await replied_to(turn)
    if replied:
        mine = [
            a
            for a in [await assignments.by_id(turn.session, i) for i in replied]
            if may_update(turn.person, a)
        ]
        if len(mine) == 1:
            return mine[0], [], caption
        if mine:
            return None, mine, caption
    elif replied is not None:  # a copy the ledger did not record: the code it showed
        for one in which.codes_in(turn.incoming.reply_to_text):
            assignment, _other = await find_for_person(turn, one.code)
            if assignment is not None and may_update(turn.person, assignment):
                return assignment, [], caption
    question = turn.question
    if question is not None and question.assignment_id is not None:
        assignment = await assignments.by_id(turn.session, question.assignment_id)
        if may_update(turn.person, assignment):
            return assignment, [], caption
    since = turn.now - FOLLOWS
    update = await last_update_by(turn.session, turn.person.id)
    latest = await stored.latest_of_person(turn.session, turn.person.id, since)
    # (when, rank, assignment): the latest named; at the same instant a typed record
    # says more than a file placed before it.
    recent: list[tuple[datetime, int, int]] = []
    if update is not None and update.created_at >= since:
        recent.append((update.created_at, 1, update.assignment_id))
    if latest is not None and latest.assignment_id is not None:
        recent.append((latest.received_at, 0, latest.assignment_id))
    if recent:
        assignment = await assignments.by_id(turn.session, max(recent)[2])
        if may_update(turn.person, assignment):
            return assignment, [], caption
    nudged = [
        await assignments.by_id(turn.session, i)
        for i in await latest_nudged(turn.session, turn.person.id)
    ]
    nudged = [a for a in nudged if may_update(turn.person, a)]
    if len(nudged) == 1:
        return nudged[0], [], caption
    if nudged:
        return None, nudged, caption
    return None, await assignments.open_for_person(turn.session, turn.person), caption


async def _ask_which(
    turn: LinkedTurn, row: EvidenceFile, candidates: list[Assignment], caption: str
) -> None:
    """The file is kept; the sender picks the assignment (each choice attaches it)."""
    values = {"filename": short_name(row.filename), "size": size_text(turn, row.size)}
    mine = [a for a in candidates if may_update(turn.person, a)][:ASK_AT_MOST]
    if not mine:
        turn.reply_key("evidence_no_task", **values)
        return
    reading = json.dumps({"evidence": row.id, "text": caption}, ensure_ascii=False)
    rows, menu = [], None
    for assignment in mine:
        token = await choices.new_token(
            turn.session, turn.person.id, assignment.id, turn.now, reading=reading, menu=menu
        )
        menu = menu or token
        rows.append(choices.pick_choice(assignment.code, assignment.task.title, token))
    turn.reply(turn.t("evidence_ask_which", **values), tuple(rows))


async def on_pick(turn: LinkedTurn, assignment: Assignment, picked: dict) -> None:
    """A press under "which assignment is this file for": the file is that one's."""
    row = await stored.by_id(turn.session, int(picked["evidence"]))
    if row is None or row.person_id != turn.person.id:
        turn.reply_key("bad_choice")
        return
    if row.assignment_id is not None:
        placed = await assignments.by_id(turn.session, row.assignment_id)
        turn.reply_key("evidence_already_placed", code=placed.code)
        return
    if not may_update(turn.person, assignment):
        turn.reply_key("not_yours", code=assignment.code, agency=assignment.agency.name)
        return
    await stored.attach(turn.session, row, assignment.id)
    _saved(turn, assignment, row)
    caption = str(picked.get("text") or "").strip()
    rest = caption
    for one in sorted(which.codes_in(caption), key=lambda n: -n.start):
        rest = which.without(rest, one)
    await read_caption(turn, assignment, caption, rest)


# -- /tailieu: the files sent back ---------------------------------------------------------


async def evidence_command(turn: LinkedTurn, args: str) -> None:
    """``/tailieu CODE``: the files of that task's assignments (a coordinator: every
    agency's, or the one a full code names; anyone else: their own agency's)."""
    code = args.strip().split(maxsplit=1)[0] if args.strip() else ""
    if not which.CODE.fullmatch(code):
        turn.reply_key("usage_tailieu")
        return
    task_code, _, period = code.partition("#")
    task_code, _, short_code = task_code.partition("@")
    everyone = turn.role in (Role.COORDINATOR, Role.ADMIN)
    files = await stored.for_code(
        turn.session,
        task_code,
        agency_id=None if everyone else turn.person.agency_id,
        agency_short_code=short_code or None,
        period=period or None,
    )
    if not files:
        turn.reply_key("evidence_none", code=code)
        return
    tz = turn.calendar.timezone
    lines = [turn.t("evidence_list_title", code=code, count=len(files))]
    for row, assignment in files:
        local = row.received_at.astimezone(tz)
        lines.append(
            turn.t(
                "evidence_list_line",
                code=assignment.code,
                agency=assignment.agency.name,
                filename=short_name(row.filename),
                size=size_text(turn, row.size),
                sender=row.person.full_name,
                time=local.strftime("%H:%M"),
                date=dmy(local.date(), turn.lang),
            )
        )
    sent = files[-SEND_AT_MOST:]
    if len(sent) < len(files):
        lines.append(turn.t("evidence_list_more", shown=len(sent)))
    turn.reply("\n".join(lines))
    for row, assignment in sent:
        caption = turn.t("evidence_file_caption", code=assignment.code, filename=row.filename)
        request = AttachmentRequest("evidence", turn.today, turn.lang, evidence_id=row.id)
        turn.answers.append(Answer(Outgoing(caption), made_later=request))
