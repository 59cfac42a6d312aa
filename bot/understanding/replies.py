"""Understand a free-text reply to a nudge: status, percent, new deadline, reason.

Vocabulary, traps and precedence come from shared/reference/status-language.md.
Matching runs on a normalised copy of the reply: NFC, folded (lower-case, no
diacritics, đ→d), raw-Telex residue repaired ("ddang thuwcj hieenj" → "dang thuc
hien"), small typos fixed ("thnah" → "thanh") and chat shorthand expanded ("ht r" →
"hoan thanh roi", "HT lỗi" → "he thong loi"). The reason keeps the original text.

Precedence: extension_requested > blocked > done > in_progress > not_started. A
dispute over who owns the task ("không thuộc chức năng …") is unknown whatever else
it says. A percentage alone sets the status: 100 % done, 0 % not started, anything
between in progress (also "hoàn thành 80%"); "hoàn thành 8/10 xã" is in progress.
"đã thực hiện" counts as done (the usual meaning in status reports), "đã trình" as in
progress (the output is still with a leader). Dates: see ``bot.understanding.dates``.

The reason is the text after "vì/do/lý do" when there is one; otherwise the whole
reply for an obstacle, and for an extension request the clauses that are neither the
request nor its date ("Xin gia hạn đến 30/6, chưa có số liệu" → "chưa có số liệu").
Polite openings ("Dạ", "Báo cáo anh") and final particles ("ạ") are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.understanding.dates import DATE_CUES, cued, extension_date
from storage.enums import Status
from storage.textfold import fold, nfc

PRECEDENCE = (
    Status.EXTENSION_REQUESTED,
    Status.BLOCKED,
    Status.DONE,
    Status.IN_PROGRESS,
    Status.NOT_STARTED,
)


@dataclass(frozen=True)
class ParsedReply:
    status: Status | None  # None: not understood
    percent: int | None  # 0..100, only when written as a percentage
    new_date: date | None  # only for extension requests with an explicit date
    reason: str  # obstacle / extension reason, original spelling; "" if none
    understood: bool


def _table(*phrases: str) -> re.Pattern[str]:
    body = "|".join(p.replace(" ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


# Phrase tables, in folded form. A space matches any spacing; small regex is allowed.
DISPUTE = _table(  # who owns the task: unknown whatever else is said
    "khong thuoc", "khong phai (la )?(viec|nhiem vu|chuc nang)", "nham don vi", "gui nham",
    "khong phai (don vi|co quan|so|phong) (em|minh|toi)", "khong lien quan",
)  # fmt: skip
EXTENSION = _table(
    "gia han", "xin lui", "lui (sang|den|toi|han|thoi han|thoi gian|tien do|lai)", "xin (den|toi)",
    "(xin|de nghi) keo dai", "keo dai (thoi han|thoi gian|han)", "them (thoi gian|tg)",
    "(xin|de nghi) (dieu chinh|thay doi) (thoi han|thoi gian|han|tien do)",
    r"them (\d+|mot|hai|ba|vai|it|mot it|mot vai) (ngay|tuan|thang|hom)",
)  # fmt: skip
BLOCKED = _table(
    "vuong( mac)?", "(gap )?kho khan", "bi tac", "ach tac", "mat mang", "het kinh phi",
    "thieu (huong dan|kinh phi|nhan luc|nguoi|can bo|thiet bi|so lieu|von)",
    "(chua|khong) (co|duoc cap|duoc bo tri|bo tri) (van ban )?"
    "(huong dan|kinh phi|von|nguoi|can bo|nhan luc|so lieu)",
    "khong (vao|truy cap|dang nhap|ket noi) duoc", "loi (he thong|phan mem|mang|ket noi|dang nhap)",
    r"(he thong|phan mem|dich vu cong|dvc|dvctt|trang|website|web|mang|tai khoan|may chu)"
    r"( \w+){0,2} (bi |dang |bao )*(loi|hong|treo|sap)",
)  # fmt: skip
WAITING = _table(  # for another body; "chờ lãnh đạo ký" (own leader) is in progress
    "cho (y kien|so lieu|phan hoi|huong dan|ket qua|kinh phi|tra loi|cung cap)",
    "cho (cac )?(so|ban|nganh|don vi|xa|phuong|huyen|tinh|ubnd|hdnd|bo|trung uong|cap tren"
    "|snv|stp|stc|skhdt|sttttt|vpub|vp|van phong|phong)",
)  # fmt: skip
NEUTRAL = _table(  # "thời gian hoàn thành" is a deadline, not a completion
    "(thoi gian|thoi han|han|moc|ngay) hoan thanh", "de (hoan thanh|xong)", "ky nhan",
    "dang (nhap|ky)",
)  # fmt: skip
QUALIFIED = _table(  # looks done, is in progress
    "co ban (da )?(hoan thanh|xong)", "(sap|gan) (hoan thanh|xong)", "(da )?gui du thao",
    "du thao (da )?(xong|hoan thanh)", "(xong|hoan thanh) (ban )?du thao",
    "(du kien|se|phan dau|co gang) (hoan thanh|xong)", "(mai|mai moi|mai se) (hoan thanh|xong)",
    "(tuan|thang) (sau|toi|nay) (se |moi |la )?(hoan thanh|xong)",
    r"(xong|hoan thanh) (mot phan|phan \d+|buoc \d+|giai doan \d+)",
)  # fmt: skip
RETURNED = _table(  # sent, then sent back
    "(bi )?tra (lai|ve)", "yeu cau (chinh )?sua", "yeu cau bo sung", "chua dat yeu cau",
    "phai (sua|bo sung|lam lai|chinh sua)", "khong (duoc )?(duyet|chap nhan|thong qua)",
)  # fmt: skip
DONE = _table(
    "hoan thanh", "hoan tat", "xong", "done", "ky ban hanh",
    "(gui|nop|ban hanh|cap nhat|bao cao) roi",
    "da (gui|nop|ban hanh|phat hanh|cap nhat|bao cao|ky|xu ly|thuc hien|dang tai|day len|tai len)",
)  # fmt: skip
NOT_STARTED = _table(
    "(chua|khong|chua kip) (duoc |the )?(lam|bat tay|bat dau|trien khai|thuc hien|tien hanh)",
    "(tuan|thang) (sau|toi) (moi |se )?(bat dau|lam|trien khai|thuc hien)",
    "mai (moi |se )?(bat dau|lam|trien khai)",
    "(se|sap) (lam|bat dau|trien khai|thuc hien|tien hanh)",
)  # fmt: skip
IN_PROGRESS = _table(
    "dang", "trien khai", "thuc hien", "tien hanh", "bat dau", "tong hop", "hoan thien", "du thao",
    "soan( thao)?", "xay dung", "ra soat", "chinh sua", "bo sung", "xu ly", "trinh( ky)?",
    "cho (lanh dao|giam doc|thu truong|ky|duyet)", "(xin|lay) y kien", "(da|moi) lam",
    "lam duoc", "tiep tuc",
)  # fmt: skip

_NEGATORS = frozenset({"chua", "khong", "chang"})
_BOUNDARY_WORDS = frozenset({"vi", "do", "nen", "nhung", "ma", "va", "con"})
_BLOCK_FILLERS = frozenset({"co", "gi", "gap", "phai", "con", "bi", "them", "nua", "het"})
_EXT_FILLERS = frozenset({"can", "xin", "phai", "muon", "de", "nghi", "co"})
_GIVE_VERBS = frozenset({"gui", "nop", "chuyen", "bao", "trinh", "giao", "xin", "de"})
_SOLVED = re.compile(r"\s+(da |duoc |da duoc )+(giai quyet|xu ly|thao go|khac phuc)")
_QUESTION_TAIL = re.compile(r"\s*chua(\s+(a|ah|nhi|vay|the))*\s*(\?|$|[,.;!])")
_PERCENT = re.compile(r"(?<![\d.,/])(\d{1,3}(?:[.,]\d+)?)\s*(?:%|phan tram(?!\w))")
_FRACTION = re.compile(
    r"(?<![\w/.-])(\d{1,3}(?:\.\d{3})+|\d+)\s*/\s*(\d{1,3}(?:\.\d{3})+|\d+)(?![\w/%]|[.-]\d)"
)


def parse_reply(text: str, *, today: date, current_deadline: date | None = None) -> ParsedReply:
    """Read one reply. Never raises; what it cannot read gives ``understood=False``."""
    display = nfc(text)
    norm = normalise(display)
    status = _status(norm)
    percent = _percent(norm)
    if percent is not None and status in (None, Status.DONE, Status.IN_PROGRESS):
        if percent == 100:
            status = Status.DONE if status is None else status
        elif percent == 0:
            status = Status.NOT_STARTED if status is None else status
        else:
            status = Status.IN_PROGRESS
    if status is Status.DONE and _partial_count(norm):
        status = Status.IN_PROGRESS
    new_date = None
    if status is Status.EXTENSION_REQUESTED:
        new_date = extension_date(norm, today=today, current_deadline=current_deadline)
    understood = status is not None or percent is not None
    reason = _reason(display, status) if understood else ""
    return ParsedReply(status, percent, new_date, reason, understood)


# --- normalisation ----------------------------------------------------------------

_WORD = re.compile(r"(?<![\w/-])[a-z]+(?![\w/-])")
_SHORTHAND = {
    "dc": "duoc", "k": "khong", "ko": "khong", "kg": "khong", "khg": "khong", "hok": "khong",
    "r": "roi", "e": "em", "vm": "vuong mac", "xog": "xong", "dag": "dang", "dg": "dang",
    "bc": "bao cao", "vb": "van ban", "cv": "cong van", "qd": "quyet dinh", "kh": "ke hoach",
    "tg": "thoi gian", "ktr": "kiem tra", "ld": "lanh dao", "gd": "giam doc", "gh": "gia han",
    "hthanh": "hoan thanh", "htanh": "hoan thanh", "tc": "tai chinh",
}  # fmt: skip
_TYPOS = {  # short slips; a general rule would hit real syllables ("chau" → "chua")
    "xogn": "xong", "xnog": "xong", "dnag": "dang", "dagn": "dang", "thah": "thanh",
    "thnh": "thanh", "vuog": "vuong",
}  # fmt: skip
_FAULT_WORDS = frozenset({"loi", "hong", "treo", "sap"})
_KEYWORDS = frozenset(
    word
    for table in (EXTENSION, BLOCKED, WAITING, QUALIFIED, RETURNED, DONE, NOT_STARTED, IN_PROGRESS)
    for word in re.findall(r"[a-z]{4,}", table.pattern)
)


def normalise(display: str) -> str:
    """The folded, repaired form of an NFC reply that the phrase tables match."""
    if fold(display) != display.lower():
        # With diacritics written, a bare "cho" is "to/for", never "chờ" (waiting).
        display = re.sub(r"(?i)(?<!\w)cho(?!\w)", "cho_", display)
    folded = fold(display)
    matches = list(_WORD.finditer(folded))
    words = [_fix_typo(_untelex(m.group())) for m in matches]
    pieces, last = [], 0
    for i, match in enumerate(matches):
        pieces += [folded[last : match.start()], _expand(words, i)]
        last = match.end()
    return "".join([*pieces, folded[last:]])


def _untelex(word: str) -> str:
    """Undo Telex keys typed with the input method off: "thuwcj" → "thuc"."""
    if len(word) > 2 and word[-1] in "sfrxj" and re.search("[aeiouy]", word[:-1]):
        word = word[:-1]  # a tone key: no Vietnamese syllable ends in s f r x j
    word = re.sub(r"(?<=[aou])w", "", word)  # aw ow uw = ă ơ ư
    word = re.sub(r"^dd", "d", word)
    return re.sub(r"([aeo])\1", r"\1", word)  # aa ee oo = â ê ô


def _fix_typo(word: str) -> str:
    """A doubled letter ("xongg") or, in a long word, two swapped ones ("thnah")."""
    if len(word) < 4 or word in _KEYWORDS:
        return _TYPOS.get(word, word)
    edits = {word[:i] + word[i + 1 :] for i in range(1, len(word)) if word[i] == word[i - 1]}
    if len(word) >= 5:
        edits |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    hits = edits & _KEYWORDS
    return hits.pop() if len(hits) == 1 else _TYPOS.get(word, word)


def _expand(words: list[str], i: int) -> str:
    word, before = words[i], words[i - 1] if i else ""
    if word == "ht":  # hoàn thành, or hệ thống when something is broken
        system = _FAULT_WORDS & set(words[i + 1 : i + 4]) or before in ("tren", "vao", "len")
        return "he thong" if system else "hoan thanh"
    if word in ("th", "tk") and before in ("dang", "dag", "dg", "chua", "da", "se"):
        return "thuc hien" if word == "th" else "trien khai"
    return _SHORTHAND.get(word, word)


# --- status -----------------------------------------------------------------------


def _status(norm: str) -> Status | None:
    if DISPUTE.search(norm):
        return None
    found: set[Status] = set()
    for m in EXTENSION.finditer(norm):
        if not _negated(norm, m.start(), _EXT_FILLERS) and not _passive(norm, m.start()):
            found.add(Status.EXTENSION_REQUESTED)
    for m in BLOCKED.finditer(norm):
        if not _negated(norm, m.start(), _BLOCK_FILLERS) and not _SOLVED.match(norm, m.end()):
            found.add(Status.BLOCKED)
    for m in WAITING.finditer(norm):
        if not _negated(norm, m.start(), _BLOCK_FILLERS) and not _giving(norm, m.start()):
            found.add(Status.BLOCKED)
    norm = _mask(NEUTRAL, norm)
    if QUALIFIED.search(norm):
        found.add(Status.IN_PROGRESS)
    norm = _mask(QUALIFIED, norm)
    returned = RETURNED.search(norm) is not None
    for m in DONE.finditer(norm):
        if _QUESTION_TAIL.match(norm, m.end()):
            continue  # "đã gửi chưa ạ?" is a question
        negated = _negated(norm, m.start(), None)
        found.add(Status.IN_PROGRESS if negated or returned else Status.DONE)
    if NOT_STARTED.search(norm):
        found.add(Status.NOT_STARTED)
    if IN_PROGRESS.search(_mask(NOT_STARTED, norm)) or returned:
        found.add(Status.IN_PROGRESS)
    return next((s for s in PRECEDENCE if s in found), None)


def _mask(table: re.Pattern[str], text: str) -> str:
    return table.sub(lambda m: " " * len(m.group()), text)


def _clause_words(text: str, start: int) -> list[str]:
    """The words before ``start`` in the same clause (after the last , ; . or "vì")."""
    clause = re.split(r"[,;.!?:\n()]", text[:start])[-1]
    words = re.findall(r"[a-z_]+", clause)
    cut = max((i + 1 for i, w in enumerate(words) if w in _BOUNDARY_WORDS), default=0)
    return words[cut:]


def _negated(text: str, start: int, fillers: frozenset[str] | None) -> bool:
    """A negator among the three words before; with ``fillers``, only fillers may follow it."""
    words = _clause_words(text, start)[-3:]
    hits = [i for i, w in enumerate(words) if w in _NEGATORS or (fillers and w == "het")]
    if not hits:
        return False
    return fillers is None or all(w in fillers for w in words[hits[-1] + 1 :])


def _passive(text: str, start: int) -> bool:
    """ "đã được gia hạn" reports an extension granted; "xin được gia hạn" asks for one."""
    return _clause_words(text, start)[-2:] in (["da", "duoc"], ["vua", "duoc"], ["moi", "duoc"])


def _giving(text: str, start: int) -> bool:
    """Unaccented "gửi BC cho Sở" is "to", not "chờ"; "đang chờ Sở" stays waiting."""
    words = _clause_words(text, start)
    if words and words[-1] in ("dang", "van", "con", "phai"):
        return False
    return bool(_GIVE_VERBS & set(words))


# --- numbers ----------------------------------------------------------------------


def _percent(norm: str) -> int | None:
    for m in _PERCENT.finditer(norm):
        value = round(float(m.group(1).replace(",", ".")))
        if 0 <= value <= 100:
            return value
    return None


def _partial_count(norm: str) -> bool:
    """A count below its total ("8/10 xã"), which is neither a date nor a document number."""
    for m in _FRACTION.finditer(norm):
        done, total = (int(g.replace(".", "")) for g in m.groups())
        dated = cued(norm, m.start()) or norm[: m.start()].rstrip().endswith(("hom", "tu"))
        if not dated and done < total:
            return True
    return False


# --- reason -----------------------------------------------------------------------

_CAUSE = re.compile(
    r"(?i)(?<!\w)(?<!đơn )(?<!don )(lý do|ly do|tại vì|tai vi|bởi vì|boi vi|vì|vi|do|bởi|boi)"
    r"(?!\w)\s*:?\s*"
)
_POLITE = re.compile(
    r"(?i)^(?:(?:dạ|vâng|thưa|báo cáo|bao cao)(?!\w)"
    r"(?:\s+(?:anh|chị|chi|a|c|thầy|sếp)(?!\w))?[\s,.]*)+"
)
_PARTICLES = frozenset({"ạ", "a", "nhé", "nha", "ah"})
_DATE_WORDS = DATE_CUES | {"thang", "quy", "nam", "nay", "sau", "em", "xin", "duoc", "khong"}
_CLAUSES = re.compile(r"[,;!?\n]+|\.(?=\s|$)|\s+(?:nhưng|nhung)\s+", re.IGNORECASE)


def _reason(display: str, status: Status | None) -> str:
    """The cause after "vì/do/lý do"; else the obstacle, or what an extension adds."""
    cause = _CAUSE.search(display)
    if cause and _tidy(display[cause.end() :]):
        return _tidy(display[cause.end() :])
    if status is Status.BLOCKED:
        return _tidy(display)
    if status is Status.EXTENSION_REQUESTED:
        kept = [t for c in _CLAUSES.split(display) if (t := _tidy(c)) and _worth_keeping(t)]
        return ", ".join(kept)
    return ""


def _worth_keeping(clause: str) -> bool:
    """Not the request itself, a bare date ("đến 30/6") or thanks."""
    norm = normalise(clause)
    if EXTENSION.search(norm) or "cam on" in norm:
        return False
    return any(w not in _DATE_WORDS for w in re.findall(r"[a-z]{2,}", norm))


def _tidy(text: str) -> str:
    """Without the polite opening ("Dạ", "Báo cáo anh"), final particles and punctuation."""
    text = _POLITE.sub("", text.strip())
    while True:
        text = text.rstrip(" ,.;:!?…")
        head, _, last = text.rpartition(" ")
        if last.lower() not in _PARTICLES:
            return text
        text = head


__all__ = ["ParsedReply", "Status", "normalise", "parse_reply"]
