"""One way to wait for an answer: a chat's open question, its states, and who answers it.

A chat has at most one open question. ``ask`` replaces whatever the chat was
asked before (never a second one beside it); the chat's next free text, not a
command and not a button, goes to the handler ``ANSWERS`` holds for the
question's state, as python-telegram-bot's ConversationHandler maps each state
to its handlers. The handlers live with their features and register here with
``@answers(state)``: progress.py for the percent, reason, date and reading states,
decisions.py for the rejection reason.

    none --«Đang làm»-------------------> PERCENT --a percent (100: done)------> none
      |                                   |  ^
      |                                   +--+ not a percent: asked again
      +--«Vướng mắc»--------------------> REASON --any text: blocked, why-------> none
      +--«Xin gia hạn», or an extension-> DATE --a date: the request is made---> none
      |  asked for without a date         |  ^
      |                                   +--+ no date: asked again
      +--«Từ chối» on request R---------> REJECT_REASON(R) --any text: R rejected--> none
      +--an unsure reply, or «Khác»-----> READING --any text: read again (recorded,
      |                                   |          asked again, or not understood)-> none
      |                                   +--a reading's button: recorded------------> none

    any state --any ask above--> its state: the question before is dropped, unanswered

What ends a question:
  - its answer (above), even when what it records is then refused (another
    agency's assignment, a date not after the deadline, R decided meanwhile);
  - a new ``ask``: any of the arrows out of ``none``, from any state;
  - a percent button (20 %…100 % under the percent question): recorded, cleared.
  - «hoàn tác» / «huỷ» typed (the latest record is undone, if it can be).
What leaves it open: a command (/viec, /tonghop, …; /start relinking the chat
too), «Đã xong», «Đồng ý» and list-page buttons; the chat's next text still
answers it. Deleting the chat link, the assignment or R deletes it with them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.inbound.turn import LinkedTurn
from storage import questions as stored
from storage.enums import Awaiting
from storage.models import PendingQuestion

__all__ = ["ANSWERS", "Answer", "Awaiting", "answer", "answers", "ask", "clear"]

Answer = Callable[[LinkedTurn, PendingQuestion, str], Awaitable[None]]

ANSWERS: dict[Awaiting, Answer] = {}  # state -> the handler of its answer, see above


def answers(state: Awaiting) -> Callable[[Answer], Answer]:
    """Register the decorated handler as the one answering questions in ``state``."""

    def register(handler: Answer) -> Answer:
        if ANSWERS.setdefault(state, handler) is not handler:
            raise RuntimeError(f"{state} is answered by {ANSWERS[state].__qualname__} already")
        return handler

    return register


async def ask(
    turn: LinkedTurn,
    state: Awaiting,
    assignment_id: int,
    *,
    extension_request_id: int | None = None,
) -> PendingQuestion | None:
    """Wait for an answer in ``state``; returns the question this one replaces, if any.

    Saying the question is the caller's: it knows the words and the buttons.
    """
    replaced = turn.question
    turn.question = await stored.ask(
        turn.session,
        turn.link.id,
        state,
        assignment_id,
        turn.now,
        extension_request_id=extension_request_id,
    )
    return replaced


async def clear(turn: LinkedTurn) -> None:
    """Wait for nothing: the question was answered or is no longer wanted."""
    await stored.clear(turn.session, turn.link.id)
    turn.question = None


async def answer(turn: LinkedTurn, text: str) -> bool:
    """Hand ``text`` to the handler of the open question's state; False if there is none."""
    question = turn.question
    if question is None:
        return False
    await ANSWERS[Awaiting(question.awaiting)](turn, question, text)
    return True
