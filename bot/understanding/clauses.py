"""A normalised reply cut into clauses, each knowing how it opened and whether it asks.

A clause ends at , ; : ! ? ( ) a new line or a full stop (not inside a number: "1.250",
"15.9", "45,5%"), and a new one opens at a linking word: "nhưng", "còn", "mà", "thì", "nên",
"vì", "do", "rồi mới". The linking word is kept as ``lead`` (and stays the first word of the
text): "còn 2 xã chưa báo cáo" is what is left, "thì" closes a condition, "vì/do" give the
cause. A clause asks when it ends with "?" or holds a question form ("bao giờ", "khi nào",
"… được không", "đã xong chưa anh") — see ``lexicon.QUESTION``.

A clause that opens with "nếu", "khi nào", "khi", "hễ", "miễn (là)", "giả sử", "một khi",
"có gì" (not "có gì … đâu", a denial), a bare "không" before "thì" (otherwise), or one
ending in "gì" before "thì" ("vướng mắc gì thì em báo sau": whatever comes up), is a
**condition** (``condition``), not a fact, and "khi nào" there does not ask; what it leads to
(the "thì" clause, the next clause, or, with no "thì", the words from "là", "sẽ" or a subject
on: "nếu xong sớm | em báo") is its **consequence** (``consequence``), a plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.understanding import lexicon

# (?=[…]): one look at each character before the alternatives are tried (faster, same stops)
_STOPS = re.compile(  # (an emoji ends a sentence too: "Chúc mừng chị 🎉 Đề án bên em xong rồi")
    r"(?=[?;:!()\n\"“”,.\u2600-\u27bf\U0001f300-\U0001faff-])(?:(\?)"
    r"|[;:!()\n\"“”\u2600-\u27bf\U0001f300-\U0001faff]+|,(?!\d)|(?<!\d),|\.(?!\d)|(?<!\d)\.)"
    # a list's dash: "- Phần nội dung: đã xong - Phần trình ký: cũng xong" (not "Văn hóa - Xã hội")
    r"|(?<!\S)-(?=\s+(?:(?:phan|muc|buoc|khau|viec|noi dung|bieu|\d)(?!\w)"
    r"|(?:ke hoach|bao cao)(?: \w+){0,5}:))"  # ("phòng Tài chính - Kế hoạch": a name)
)
_TOKEN = re.compile(r"[\w%]+(?:[/.,-][\w%]+)*")
LEADS = frozenset({"nhung", "con", "ma", "thi", "nen", "vi", "do"})
_NOT_LEAD = {  # (word before, word) pairs where the word is not linking clauses
    ("don", "vi"),
    ("lam", "do"),
    ("dang", "do"),
    ("hom", "thi"),
    ("con", "con"),
    ("so", "con"),  # "hồ sơ còn ở huyện cũ": still, not what is left
    ("khong", "con"),  # "không còn thiếu mục nào": no longer, not what is left
    ("chang", "con"),
    ("on", "con"),  # "chú cảm ơn con": "con", whom an elder speaks to
    ("ba", "con"),  # "bà con": the people
    ("voi", "con"),  # "em đang ở viện với con": my child
    ("cua", "con"),
    ("bao", "con"),
    ("nhac", "con"),
    ("ban", "thi"),
    ("tien", "do"),  # "tiến độ": progress, not "do" (because)
    ("khi", "do"),  # "khi đó": then, not "do" (because)
    ("sau", "do"),  # "sau đó mới bắt đầu": after that
    ("truoc", "do"),
    ("trong", "do"),  # "trong đó có nhiệm vụ này": among them
    ("roi", "do"),
    ("xong", "do"),
    ("loi", "do"),  # "lỗi do em theo dõi không sát": the fault is, not "because"
    ("day", "do"),  # "xong rồi đó chú": a particle
    # "việc đó em nộp rồi", "hôm đó", "bên đó": đó pointing back, not "do" (because)
    ("viec", "do"),
    ("vu", "do"),
    ("hoach", "do"),  # "kế hoạch đó phường em chưa bắt đầu"
    ("cao", "do"),  # "báo cáo đó"
    ("thao", "do"),  # "dự thảo đó"
    ("cai", "do"),
    ("hom", "do"),
    ("luc", "do"),
    ("chung", "do"),  # "chừng đó tui mới làm được": by then
    ("bua", "do"),
    ("ben", "do"),
    ("cho", "do"),
    ("nguoi", "do"),
    ("file", "do"),
    ("ban", "do"),
    ("ngay", "do"),
    ("ly", "do"),  # "lý do …": one clause, the reason said
    ("muc", "do"),  # "mức độ hài lòng"
    ("dau", "ma"),  # "xong đâu mà xong": one denial
    ("gi", "ma"),  # "hoàn thành cái gì mà hoàn thành"
    ("chi", "ma"),
    ("nguoi", "ma"),  # "mô có người mà làm": nobody to do it, one clause
    ("ai", "ma"),
    ("voi", "ma"),  # "đường link với mã đơn vị": the code, a noun after "với"
    ("hoi", "thi"),  # "hội thi", "cuộc thi", "kỳ thi": a contest
    ("cuoc", "thi"),
    ("ky", "thi"),
    ("vong", "thi"),  # "vòng thi viết": a round of the recruitment exam
}
_NOT_LEAD_BEFORE = {
    "thi": frozenset({"xa", "tran", "truong", "tuyen", "hanh", "diem", "viet", "nang"}),  # thi viết
    # (and "hồ sơ thi nâng ngạch": an exam)
    "do": frozenset({"dac", "luong"}),  # "đo đạc", "đo lường"
    "vi": frozenset({"tri", "pham", "du"}),  # "vị trí việc làm", "vi phạm", "ví dụ"
    "con": frozenset({"hieu", "dau"}),  # "hồ sơ còn hiệu lực", "chưa có con dấu"
    "ma": frozenset({"qr", "vach", "otp", "pin"}),  # "mã QR", "mã vạch"
}


@dataclass(frozen=True, slots=True)
class Clause:
    text: str  # the clause's tokens joined by single spaces, lead word first
    lead: str  # the linking word that opened it, or ""
    question: bool
    index: int
    condition: bool = False  # "nếu/khi nào … ": supposed, not said to be so
    consequence: bool = False  # what a condition leads to: a plan


def split(norm: str) -> list[Clause]:
    """The clauses of a normalised reply, in order."""
    pieces: list[tuple[list[str], str, bool]] = []
    last = 0
    for stop in [*_STOPS.finditer(norm), None]:
        end = stop.start() if stop else len(norm)
        asks = bool(stop and stop.group(1))
        chunk = norm[last:end]
        # only letters, digits, "_" and spaces: the tokens are the words (faster, the same)
        plain = chunk.replace(" ", "").replace("_", "").isalnum()
        words = chunk.split() if plain else _TOKEN.findall(chunk)
        last = stop.end() if stop else end
        start, lead = 0, ""
        for i, word in enumerate(() if LEADS.isdisjoint(words) else words):  # (most have none)
            if word in LEADS and (_links(words, i) if i else len(words) > 1):
                if words[start:i]:
                    pieces.append((words[start:i], lead, False))
                start, lead = i, word
        if words[start:]:
            pieces.append((words[start:], lead, asks))
        elif asks and pieces:
            pieces[-1] = (pieces[-1][0], pieces[-1][1], True)
    if "phan" in norm:  # (its every test is of a word "phan")
        _parallel_parts(pieces)
    clauses: list[Clause] = []
    then = False  # the clause before was a condition with no consequence of its own
    for k, (words, lead, asks) in enumerate(pieces):
        opener = _opener(words)
        if words == ["khong"] and k + 1 < len(pieces) and pieces[k + 1][1] == "thi":
            opener = 1  # "…, không thì em xin thêm vài hôm": otherwise, a condition
        elif (
            words[-1:] == ["gi"]
            and k + 1 < len(pieces)
            and pieces[k + 1][1] == "thi"
            and lexicon.NEGATORS.isdisjoint(words)
        ):
            opener = len(words)  # "vướng mắc gì thì em báo anh sau": whatever comes up
        cut = _consequence_at(words, opener) if opener else 0
        split_ = [(words[:cut], lead, False), (words[cut:], "thi", asks)] if cut else []
        consequence = then
        then = False
        if not split_:
            text = " ".join(words)
            marked = asks  # ends with "?"
            # "xong chưa thì em chưa dám nói": whether it is, the topic of what follows
            topic = words[-1:] == ["chua"] and k + 1 < len(pieces) and pieces[k + 1][1] == "thi"
            asks = asks or (_asks(words, text) and not _NONE_OF_THEM.search(text) and not topic)
            # "khi nào có kinh phí thì …": a condition; "khi nào phải nộp vậy anh": a question
            if opener and ((k + 1 < len(pieces) and pieces[k + 1][1] == "thi") or not asks):
                then, asks = True, marked
            clauses.append(Clause(text, lead, asks, len(clauses), then, consequence))
            continue
        for i, (piece, lead_, asks_) in enumerate(split_):
            text = " ".join(piece)
            if i:
                asks_ = asks_ or _asks(piece, text)
            clauses.append(Clause(text, lead_, asks_, len(clauses), not i, bool(i)))
    return clauses


def _asks(words: list[str], text: str) -> bool:
    """Whether a question form stands in a clause (``text``: its ``words`` joined)."""
    if lexicon.QUESTION_OPENS.isdisjoint(words) and lexicon.WORDS_ONLY.fullmatch(text):
        return False  # (most clauses: no word a question opens on, each word whole)
    return lexicon.QUESTION.within(words) and bool(lexicon.QUESTION.search(text))


def _parallel_parts(pieces: list[tuple[list[str], str, bool]]) -> None:
    """ "Phần số hóa xong rồi, phần liên thông thì Bộ chưa mở cổng": a part named after
    another part is set against it, as "còn phần …" is (given the lead "còn"); not a list
    ("phần 1 …, phần 2 …") nor a part said alike ("phần B: cũng xong")."""
    named = False
    for k, (words, lead, asks) in enumerate(pieces):
        if words[:1] == ["phan"] and words[1:2] != ["lon"]:
            after = pieces[k + 1][0][:1] if k + 1 < len(pieces) else []
            if (
                named
                and not lead
                and len(words) > 1
                and not words[1].isdigit()
                and "cung" not in words
                and after != ["cung"]
            ):
                pieces[k] = (["con", *words], "con", asks)
            named = True
        elif words[:2] == ["da", "phan"] or (lead and words[1:2] == ["phan"]):
            named = True


# "chưa làm thủ tục nào ạ": not any of them, said, not asked
_NONE_OF_THEM = re.compile(
    r"(?<!\w)(?:chua|khong|chang)(?: \w+){1,4} nao(?: (?:ca|het))?(?: (?:a|ah))?$"
)
_OPENERS: tuple[tuple[str, ...], ...] = (
    ("neu",), ("khi", "nao"), ("khi",), ("he",), ("mien", "la"), ("gia", "su"), ("mot", "khi"),
    ("mien",),  # "miễn có người là làm được ngay"
    ("co", "gi"),  # "có gì chưa đúng anh góp ý để em bổ sung": whatever comes up
)  # fmt: skip
_OPENING_WORDS = frozenset(o[0] for o in _OPENERS)
_NOT_OPENER = frozenset({("he", "thong"), ("khi", "do"), ("khi", "ay"), ("khi", "nay")})  # hệ thống
_SUBJECTS = frozenset({"em", "e", "minh", "toi", "chung", "se", "la"})


def _opener(words: list[str]) -> int:
    """The length of the condition word a clause opens with (after its lead), or 0."""
    start = 1 if words and words[0] in LEADS and len(words) > 1 else 0
    if len(words) <= start or words[start] not in _OPENING_WORDS:
        return 0
    if words[start : start + 2] == ["co", "gi"] and "dau" in words:
        return 0  # "có gì khó khăn đâu anh": nothing is, said outright
    if words[start] == "co" and "gi" in words[start + 2 : start + 4] and "dau" not in words:
        return words.index("gi", start + 2) + 1  # "có vướng mắc gì em báo chị ngay": if any
    for opener in _OPENERS:
        end = start + len(opener)
        if tuple(words[start:end]) == opener and len(words) > end:
            return 0 if (words[start], words[start + 1]) in _NOT_OPENER else end
    return 0


def _consequence_at(words: list[str], opener: int) -> int:
    """Where a condition said without "thì" gives way to what it leads to: "là", "sẽ" or a
    subject after at least one word of the condition ("nếu xong sớm | em báo"), or 0."""
    for i in range(opener + 1, len(words) - 1):
        word = words[i]
        if word == "ben" and words[i + 1] in ("em", "minh", "toi"):
            return i
        if word in _SUBJECTS and words[i - 1] != "ben":
            return i
    return 0


def _links(words: list[str], i: int) -> bool:
    word = words[i]
    if (words[i - 1], word) in _NOT_LEAD:
        return False
    after = words[i + 1] if i + 1 < len(words) else ""
    if not after:
        return False
    if word == "thi" and after == "phai" and words[i + 2 : i + 3] in ([], ["a"], ["khong"]):
        return False  # "đã gửi rồi thì phải": a tag, "I think"
    if word == "con" and words[i - 1] in ("em", "minh", "toi") and after in ("doi", "cho", "dang"):
        return False  # "nên em còn đợi số liệu", "em còn đang làm …": still, after its subject
    if word == "ma" and words[i - 1] == "sao" and after in ("xong", "kip", "lam"):
        return False  # "răng (sao) mà xong được": how could it be, one denial
    return after not in _NOT_LEAD_BEFORE.get(word, ())
