"""What the words of a reply mean to the reader: phrase tables and word classes, folded.

Tables match the normalised clause text of ``bot.understanding.clauses`` (folded, repaired,
single spaces, no punctuation but "%" "/" "." inside numbers). In a table a space matches one
space and small regex is allowed. "cho_" / "doi_" are the "cho" / "doi" that a reply with
diacritics wrote as something other than "chờ" / "đợi" (see ``bot.understanding.normalise``),
so "cho_" is always "for/let" and a bare "cho" may be "chờ".

The tables say what a phrase is; what it means in its place (negated, future, hedged, in a
question, in another sense) is decided by ``bot.understanding.statuses``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from re import _parser  # type: ignore[attr-defined]  # the parsed pattern, for Gated

from bot.understanding import openings

# Each table's bit, and for each word the bits of the tables whose phrases may start with it:
# a clause's words OR'd together (``Words``) tell every table at once whether to scan.
WORD_BITS: dict[str, int] = {}
ANY_BITS = 0  # the tables whose phrases may start anywhere (``starts`` None)
# The tables whose matches surely open on a word of ``opens_on`` (``GATED``), and for each
# word (``WORD_GATES``): its ``WORD_BITS``, the gated tables that may match whatever follows
# it, and what the word after it must start with for the others (all their heads, then each
# table's heads and bit): a clause is not scanned for a table its next words rule out
# (``bot.understanding.openings``).
GATED = 0
WORD_GATES: dict[
    str, tuple[int, int, tuple[str, ...], tuple[tuple[tuple[str, ...], int], ...]]
] = {}


def _gate(word: str, bits: int = 0, open_bits: int = 0, heads: tuple[str, ...] = (), bit: int = 0):
    old_bits, old_open, every, each = WORD_GATES.get(word, (0, 0, (), ()))
    if heads:
        every, each = tuple(sorted({*every, *heads})), (*each, (heads, bit))
    WORD_GATES[word] = (old_bits | bits, old_open | open_bits, every, each)


class Words(frozenset):
    """A clause's words, with ``bits``: the tables one of whose first words is among them."""

    __slots__ = ("bits",)  # (read some 40 times a reply: a slot is faster than a __dict__)
    bits: int

    @classmethod
    def of(cls, words: Iterable[str]) -> Words:
        found = cls(words)
        bits, get = ANY_BITS, WORD_BITS.get
        for word in found:
            bits |= get(word, 0)
        found.bits = bits
        return found


class Table:
    """A phrase table: its pattern, and the words one of which each of its matches starts with
    (None: any), so that a clause without any of them is not scanned at all."""

    __slots__ = ("at_word", "bit", "by_words", "needed", "opens_on", "regex", "starts")
    _made = 0

    def __init__(self, phrases: tuple[str, ...]) -> None:
        global ANY_BITS, GATED
        ordered = sorted(phrases, key=len, reverse=True)
        self.regex = _compiled(ordered)
        starts = [_first_words(p) for p in phrases]
        self.starts = None if None in starts else frozenset().union(*starts)  # type: ignore[arg-type]
        # ``regex`` cut down to the phrases that can open on each first word (in the same
        # order, so the same one matches first): tried where that word stands, it skips the
        # rest. A phrase whose first word is not sure to be a whole word is kept in all.
        opens = {p: _opens_on(p) for p in ordered}
        self.at_word: dict[str, re.Pattern[str]] = {}
        sure = None not in opens.values()  # every match opens on one of ``openers``
        openers = frozenset().union(*(o for o in opens.values() if o)) if sure else frozenset()
        for word in (self.starts or frozenset()) | openers:
            kept = [p for p in ordered if (first := opens[p]) is None or word in first]
            whole = len(kept) == len(ordered) or len(self.regex.pattern) < _CUT_OVER
            self.at_word[word] = self.regex if whole else _compiled(kept)
        # the words every match surely opens on, each as a whole word (None: not sure), so
        # that it is tried only where one stands; search() does so word by word only where
        # trying the whole pattern at each word costs more than a loop over words
        self.opens_on = openers if sure else None
        self.by_words = openers if sure and len(self.regex.pattern) > _BY_WORDS_OVER else None
        # search() first looks for the strings one of which every match holds (as Gated
        # does), when they are few enough for that to cost less than it saves
        needed = _needed(self.regex)
        self.needed = tuple(sorted(needed)) if needed and len(needed) <= _NEEDED_UP_TO else ("",)
        self.bit = 1 << Table._made
        Table._made += 1
        if self.starts is None:
            ANY_BITS |= self.bit
        for word in self.starts or ():
            WORD_BITS[word] = WORD_BITS.get(word, 0) | self.bit
            _gate(word, bits=self.bit)
        if self.opens_on is not None:
            GATED |= self.bit
            for word in self.opens_on:
                heads = openings.heads_after(self.at_word[word], word)
                if heads is None:
                    _gate(word, open_bits=self.bit)
                elif heads:  # (none: no match can open on it)
                    _gate(word, heads=tuple(sorted(heads)), bit=self.bit)

    def within(self, words: Iterable[str]) -> bool:
        if isinstance(words, Words):
            return bool(words.bits & self.bit)
        return self.starts is None or not self.starts.isdisjoint(words)

    def search(self, text: str, *span: int) -> re.Match[str] | None:
        for needed in self.needed:
            if needed in text:
                break
        else:
            return None
        openers = self.by_words
        if span or openers is None or not WORDS_ONLY.fullmatch(text):
            return self.regex.search(text, *span)
        # the first match, as regex.search finds it: no match opens inside a word or on a
        # space, so only where one of the first words stands, with its own phrases
        at_word, position = self.at_word, 0
        for word in text.split(" "):
            if word in openers and (found := at_word[word].match(text, position)):
                return found
            position += len(word) + 1
        return None

    def match(self, text: str, *span: int) -> re.Match[str] | None:
        return self.regex.match(text, *span)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.regex.finditer(text)

    def sub(self, repl: Callable[[re.Match[str]], str], text: str) -> str:
        return self.regex.sub(repl, text)


class Gated:
    """A regex tried only on a text holding one of ``needed``: strings of which every match
    holds one, read off the pattern itself (so whatever is added to it stays gated right).
    A pattern opening with a look-behind gives the regex engine no prefix to skip to, so a
    search tries it at every position; most texts hold none of its strings, and ``in`` costs
    a fraction of that."""

    __slots__ = ("needed", "pattern", "regex")

    def __init__(self, pattern: str) -> None:
        self.regex = re.compile(pattern)
        self.pattern = pattern
        self.needed = tuple(sorted(_needed(self.regex) or {""}))  # "": always tried

    def _may_match(self, text: str) -> bool:
        for needed in self.needed:
            if needed in text:
                return True
        return False

    def search(self, text: str, *span: int) -> re.Match[str] | None:
        for needed in self.needed:  # _may_match, written out: this runs some 40 times a reply
            if needed in text:
                return self.regex.search(text, *span)
        return None

    def match(self, text: str, *span: int) -> re.Match[str] | None:
        for needed in self.needed:  # (as in search)
            if needed in text:
                return self.regex.match(text, *span)
        return None

    def fullmatch(self, text: str, *span: int) -> re.Match[str] | None:
        return self.regex.fullmatch(text, *span) if self._may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.regex.finditer(text) if self._may_match(text) else iter(())

    def findall(self, text: str) -> list:
        return self.regex.findall(text) if self._may_match(text) else []

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        return self.regex.sub(repl, text) if self._may_match(text) else text


def gated(pattern: str) -> Gated:
    return Gated(pattern)


def _needed(regex: re.Pattern[str]) -> set[str] | None:
    """Strings of which every match of ``regex`` holds one (None: none found)."""
    if regex.flags & re.IGNORECASE:
        return None
    return _needed_in(_parser.parse(regex.pattern, regex.flags).data)


def _needed_in(items: list) -> set[str] | None:
    """The strings one of which a match of the parsed sequence ``items`` holds: the best of
    its runs of literal characters and of what its groups, alternations and repeats taken at
    least once need (an alternation needs one of each branch's); look-arounds need nothing of
    the match."""
    best: set[str] | None = None

    def consider(found: set[str] | None) -> None:
        nonlocal best
        if found and (best is None or _selectivity(found) > _selectivity(best)):
            best = found

    run: list[str] = []
    for op, av in items:
        if op is _parser.LITERAL:
            run.append(chr(av))
            continue
        consider({"".join(run)} if run else None)
        run = []
        if op is _parser.SUBPATTERN and not av[1] & re.IGNORECASE:
            consider(_needed_in(av[3].data))
        elif op is _parser.BRANCH:
            branches = [_needed_in(branch.data) for branch in av[1]]
            if all(branches):
                consider(set().union(*branches))  # type: ignore[arg-type]
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT) and av[0] >= 1:
            consider(_needed_in(av[2].data))
    consider({"".join(run)} if run else None)
    return best


def _selectivity(strings: set[str]) -> tuple[int, int]:
    """Longer strings first (rarer), then fewer of them (fewer to look for)."""
    return min(map(len, strings)), -len(strings)


_PLAIN = re.compile(r"[a-z_ |]+")
WORDS_ONLY = re.compile(r"[a-z0-9_ ]*")  # word characters and spaces: words split on spaces
_CUT_OVER = 500  # characters of pattern: a shorter one is not cut per word (it saves little)
_BY_WORDS_OVER = 3_000  # characters of pattern: below, the loop costs more than it saves (measured)
_NEEDED_UP_TO = 8  # strings looked for before a table's search: more cost more than they save


def _first_words(phrase: str) -> frozenset[str] | None:
    """The words a phrase can start with, or None when its start is not plain words."""
    while phrase.startswith(("(?<!", "(?<=")):
        phrase = phrase[phrase.find(")") + 1 :]
    if phrase.startswith("("):
        if phrase.startswith("(?"):
            return None
        close = phrase.find(")")
        inner, after = phrase[1:close], phrase[close + 1 : close + 2]
        if not _PLAIN.fullmatch(inner) or after in ("?", "*", "{"):
            return None
        alternatives = inner.split("|")
        if not all(alt.strip() for alt in alternatives):
            return None
        return frozenset(alt.split()[0] for alt in alternatives)
    word = re.match(r"[a-z_]+", phrase)
    if not word:
        return None
    if phrase[word.end() : word.end() + 1] == "?":
        return frozenset({word.group(), word.group()[:-1]})
    return frozenset({word.group()})


def _compiled(phrases: list[str]) -> re.Pattern[str]:
    body = "|".join(phrases)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])")


def _opens_on(phrase: str) -> frozenset[str] | None:
    """The words every match of ``phrase`` surely opens with, each as a whole word, or None
    when that is not sure (it may open on any)."""
    first = _first_words(phrase)
    if first is None or _top_level_or(phrase):
        return None
    while phrase.startswith(("(?<!", "(?<=")):
        phrase = phrase[phrase.find(")") + 1 :]
    if phrase.startswith("("):
        close = phrase.find(")")
        if all(" " in alt for alt in phrase[1:close].split("|")):
            return first  # each alternative's first word ends at its space
        return first if _bounded(phrase, close + 1) else None
    end = len(re.match(r"[a-z_]+", phrase).group())  # type: ignore[union-attr]
    end += phrase[end : end + 1] == "?"
    if glued := _GLUED.match(phrase, end):  # "chu(_q)?": "chu" or "chu_q"
        first, end = first | {word + glued[1] for word in first}, glued.end()
    return first if _bounded(phrase, end) else None


_GLUED = re.compile(r"\((_[a-z]+)\)\?")


def _bounded(phrase: str, i: int) -> bool:
    """Whether what ``phrase`` matches from ``i`` on surely opens with a non-word character
    (a space, the end) or nothing at all."""
    if i >= len(phrase) or phrase[i] in " $":
        return True
    if phrase.startswith(("(?!", "(?=", "(?<!", "(?<="), i):
        return _bounded(phrase, _close(phrase, i) + 1)  # a look-around consumes nothing
    if phrase[i] == "(":
        close = _close(phrase, i)
        inner = phrase[i + 3 if phrase.startswith("(?:", i) else i + 1 : close]
        cuts = [j for j, ch, depth in _structure(inner) if ch == "|" and not depth]
        starts = [0, *(j + 1 for j in cuts)]  # each alternative opening on a space: "( anh| chi)"
        if not all(inner.startswith(" ", j) for j in starts):
            return False
        after = phrase[close + 1 : close + 2]
        if after == "{":  # "( \\w+){0,3}": taken at least once, or what follows opens
            counts = phrase[close + 2 : phrase.index("}", close)]
            return counts[:1] not in ("", "0", ",") or _bounded(
                phrase, phrase.index("}", close) + 1
            )
        if after in ("?", "*"):
            return _bounded(phrase, close + 2)
        return True
    return False


def _structure(phrase: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) of each character of ``phrase`` from
    ``start`` that is neither escaped nor inside a character class."""
    depth, escaped, in_class = 0, False, False
    for j in range(start, len(phrase)):
        ch = phrase[j]
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            depth += (ch == "(") - (ch == ")")
            yield j, ch, depth


def _close(phrase: str, i: int) -> int:
    """Where the group opening at ``i`` closes."""
    return next(
        (j for j, ch, depth in _structure(phrase, i) if ch == ")" and not depth), len(phrase)
    )


def _top_level_or(phrase: str) -> bool:
    """Whether ``phrase`` has a "|" outside every group and class."""
    return any(ch == "|" and not depth for _, ch, depth in _structure(phrase))


def table(*phrases: str) -> Table:
    return Table(phrases)


_CHO = "cho_?"  # "cho" as "for/let": written "cho", or "cho" typed without diacritics
_BODY = (  # another body: waiting for one of these is an obstacle
    "so|ban|nganh|don vi|xa|phuong|huyen|tinh|ubnd|hdnd|bo(?! phan)|cuc|trung uong|cap tren|snv|stp"
    "|stc"
    "|skhdt|sttttt|vpub|vp|van phong|phong|kho bac|vnpt|viettel|doi_? tac|nha thau|tu van|thue"
    "|tai nguyen|cong an|toa|vien kiem sat|chi cuc|trung tam|ngan hang|du an|cac|ho(?! so)"
    "|buu dien|vnpost|buu chinh|ap|thon|khom|to dan pho|lang|buon|plei|vien thong|nha mang"
    "|tttt|stttt|tnmt|stnmt|bcd|ban chi dao|hoi dong|nha cung cap|don vi cung cap|ncc"
    "|ca (?:xa|phuong|tinh)|bhxh|bao hiem xa hoi|diem truong|tram y te"
    "|thanh tra (?:tinh|so|bo|chinh phu)|kiem toan"  # "chờ Thanh tra tỉnh ban hành kết luận"
)
# Another body, named: as _BODY without the words that also name other things ("các", "họ")
BODY_NAMES = _BODY.replace("|cac|", "|").replace("|ho(?! so)", "")
_OWN_LEADER = (  # the unit's own leader: waiting for a signature is work under way
    "lanh dao|giam doc|pho giam doc|thu truong|chu tich|pho chu tich|truong phong|pho phong"
    "|sep|bi thu|anh truong phong|chi truong phong|anh|chi|ky(?! hop)|duyet|chu ky|ld|pgd|gd|pct"
    "|tp|ptp"
    "|thay hieu truong|co hieu truong|hieu truong|truong tram|truong khoa|truong ban"
)

DISPUTE = table(  # who owns the task: nothing to record whatever else is said
    "khong thuoc", "khong phai (la )?(viec|nhiem vu|chuc nang|dau moi|don vi chu tri)",
    "nham don vi", "gui nham", "chu(_q)? khong phai (cua )?(ben|phong|don vi|so|xa)",
    # "anh nhắn nhầm rồi, em chuyển qua Sở Xây dựng lâu rồi" (not "em nhắn nhầm": a correction)
    "(?<!em )(?<!e )(?<!minh )(?<!toi )nhan nham( nguoi)?",
    # "việc đó bên em đâu có làm, bên Văn phòng … phụ trách": another unit's
    r"(ben|phong|don vi) (em|minh|toi) dau (co )?(lam|phu trach|chu tri)(?! duoc)",
    "xem lai( giup)?( viec)? phan cong",  # "đề nghị anh xem lại việc phân công": not theirs
    "khong phai (don vi|co quan|so|phong|ben|xa|van phong) (em|minh|toi)(?! khong)",
    # "việc số hóa hồ sơ đất đai đâu phải của xã, bên chi nhánh … làm mà": not theirs
    "dau phai (la )?(viec |nhiem vu )?(cua )?(xa|phuong|ben em|phong em|don vi em|truong em|so)",
    "khong lien quan",
    # "giờ đã chuyển về Sở Tư pháp quản lý, xã em không còn làm nữa": no longer theirs
    "(khong|chang) con (lam|phu trach|quan ly|thuc hien)( \\w+){0,3} nua",
    "(ben|phong|don vi) (em|minh|toi) khong phai",
    # "phòng em đã sáp nhập với phòng Tài chính": our unit merged away (not "phần của 2 xã cũ
    # sáp nhập vào đang làm tiếp": the merged-in communes' share of the work)
    r"(phong|xa|don vi|so|ben|truong|phuong|ban|tram) (em|minh|toi) (da |vua )?sap nhap (voi|vao)",
    "da sap nhap (voi|vao) (phong|so|xa|phuong|don vi|ban|truong|trung tam)",
    "trung voi nhiem vu",
    # "sau sắp xếp đã chuyển về Trung tâm Phục vụ hành chính công tỉnh. Đề nghị điều chỉnh lại
    # đầu mối": the task moved to another body with the merger
    "dieu chinh (lai )?dau moi", "sau (sap xep|sap nhap)( \\w+){0,2} (da )?chuyen (ve|sang|cho)",
    # "đã bàn giao cho xã mới sau sáp nhập": the task is another unit's now
    r"ban giao( \w+){0,2} (cho_?|sang|ve) (xa|phuong|don vi|phong|ben|bo phan|co quan)( \w+){0,2}"
    r" (moi|khac)",
    # (not "Phó Giám đốc đã giao Phòng Tổ chức cán bộ": our leader assigned it inside the unit)
    rf"(?<!da )(?<!vua )giao( sang)?( {_CHO})? (phong|bo phan|don vi|ben)",
    rf"(?<!da )(?<!vua )chuyen( sang)?( {_CHO})? (phong|bo phan)",  # (not "đã chuyển Phòng
    rf"(chuyen|dieu chinh)( sang)?( {_CHO})? (don vi|ben)",  # Tổ chức xử lý": routed inside)
    rf"dieu chinh( sang)?( {_CHO})? (phong|bo phan)",
    "khong (phai )?(chu tri|phu trach)",
    # "việc này do Phòng Nội vụ theo dõi": another unit is in charge
    r"do (phong|so|ban|don vi|ubnd|van phong|bo phan|dong chi|trung tam|chi cuc|cong an|xa)"
    r"( (?!em\b|minh\b|toi\b)\w+){0,6} (chu tri|phu trach|theo doi_?|quan ly|dam nhan|lam dau moi)",
)  # fmt: skip
EXTENSION = table(
    "gia han", "xin lui", "xin doi_? (han|thoi han|thoi gian|sang|den|toi|lai|qua)",
    "doi_ (han|thoi han|sang)",  # "dời hạn sang 15/8", "đổi hạn" (not "đợi")
    "(doi|doi_|lui|gia han) deadline", "(deadline|han) (doi|doi_|lui) (qua|sang|den|toi)",
    r"cho_? (em|ben em|toi|minh|\w+) (doi|doi_|lui) (qua|sang|den|toi)",  # "cho Trạm lùi qua …"
    "cho_? (lui|doi_|gia han) (qua|sang|den|toi|them)",  # "Cho lùi qua giữa tháng 8 nhé"
    "xin phep (lui|hoan|nop cham|nop muon|cham)", "xin hoan",
    "hoan (sang|den|toi)",  # "hoãn sang cuối tháng 8" (not "hoàn thành")
    "xin (them )?han",
    r"lui( \w+){1,3} (sang|den|toi)",  # "xin phép lùi việc này đến trước Tết"
    r"lui (sang|den|toi|han|thoi han|thoi gian|tien do|lai|them|\d+ \w+)",
    # not "xin thêm 2 bạn đoàn viên phụ": more hands, not more time
    r"xin (den|toi|sang|them(?! (\d+ |mot |hai |vai )?(ban|nguoi|can bo|nhan su|kinh phi|may"
    r"|thiet bi|doan vien|tinh nguyen vien))|chuyen sang)",
    "xin khat", "xin (hen|hen lai)", "xin gian (den|toi|sang|them|han|tien do|thoi gian)",
    "gian (han|thoi han|tien do)",
    # "đề nghị cho hết quý 3", "xin cho em qua 10/8"
    r"(de nghi|xin) ((anh|chi|a|c) )?(cho_? )?((em|ben em|minh|toi) )?(den|toi|sang|qua|het)"
    r" (het )?"
    r"(quy|thang|ngay|thu|cuoi|giua|dau|tuan|\d+)",
    "hen (lai )?(den|toi|sang)", "khat (den|toi|sang|lai)",
    r"cho_? (em|ben em|toi) no (den|toi|sang)",
    # (not "chờ điều chỉnh dự toán": the budget adjusted, waited for)
    "(xin|de nghi|cho|cho_) (keo dai|dieu chinh(?! (du toan|kinh phi|von|ngan sach|quy hoach))"
    "|chuyen(?! vien| cong tac| tin| cho))",
    "keo dai (thoi han|thoi gian|han)", "them (thoi gian|tg)", "hoan thanh cham",
    "(xin|de nghi) (dieu chinh|thay doi_?) (thoi han|thoi gian|han|tien do)",
    "dieu chinh (thoi han|thoi gian|han)",
    # (not "còn thêm mấy ngày nữa là xong", "để em cố thêm mấy hôm", "sợ trễ thêm mấy hôm":
    # how long the work still takes, no request)
    r"(?<!con )(?<!co )(?<!tre )(?<!cham )(?<!muon )them"
    r" (\d+|mot|hai|ba|bon|nam|vai|may|it|mot it|mot vai|chuc|muoi|dam) (ngay|tuan|thang|hom)",
    rf"{_CHO} (em|ben em|toi|minh|don vi|phong|xa|chung em) (xin |duoc )?(them|den|toi|lui|sang)",
    # "xin anh cho thêm tới 12/8": more time, to a day
    rf"{_CHO} them (den|toi|sang|qua) (\d{{1,2}}(/\d{{1,2}})?"
    r"|(cuoi|giua|dau|het|thang|tuan|ngay|thu) \w+)",
    # "anh cho em trễ tới 5/8 nha": late by leave, to a day
    rf"{_CHO} (em|ben em|toi|minh|don vi|phong em|xa em|chung em) (nop )?(tre|cham|muon)"
    r" (den|toi|sang|qua|them|\d)",
)  # fmt: skip
LATE = table(  # "không kịp hạn", "e sợ không kịp": more time is implied, not asked for
    "(khong|chua chac|kho) kip( han| tien do| thoi gian| thoi han)?",
    "kip khong noi",
    # "cuối tháng chắc chưa kịp đâu" (not "chưa kịp làm": a start not made)
    r"chua kip( han| tien do| thoi gian| thoi han)?(?! (lam|trien khai|thuc hien|bat dau|tien hanh"
    r"|bat tay|khoi dong|xem|doc|gui|nop|bao cao|bao|tra loi|nhan tin|cap nhat|tong hop))",
    # "có thể trễ vài ngày", "có khi phải xin thêm thời gian": lateness foreseen, no request
    r"(co the|co khi|co le|chac|e la|so|kha nang) (la )?(se )?(bi )?(tre|cham|muon|qua han)"
    r"( (vai|mot vai|\d+|may|it|mot it) (ngay|hom|tuan))?",
    "tre (chut|mot chut|xiu|ti|vai ngay|it hom)",  # "cái này trễ chút nha anh"
    r"can them (\d+|mot|hai|ba|nua|muoi|chuc) (ngay|tuan|thang|hom)",  # "cần thêm 1 tuần nữa"
    "(co the|co khi|co le|chac|e la|kha nang) (se )?phai (xin|lui|gia han|doi_|hoan)",  # "dời"
    # "chắc phải qua tháng 8 anh ạ" (not "… sang tháng 8 mới bắt tay vào làm": a start put off)
    r"(co the|co khi|chac|e la|kha nang) (se )?phai (qua|sang|keo sang)(?!( \w+){0,6} moi)",
    "(doi|cho) them (chut|xiu|ti|it hom|vai hom|vai ngay)",  # "đợi thêm chút nha chị"
    # "chắc để qua tháng 8 tính": put off past the deadline, foreseen
    r"(chac|co le|co khi) de (qua|sang|toi|den) (thang \d+|thang sau|tuan sau)( \w+)? tinh",
    "(khong biet|chua biet|khong chac) (co )?kip",
    "han( chot)? co (duoc )?(lui|gia han|keo dai)",  # "…, hạn chót có lùi không anh?"
    # "không biết tháng 8 có (làm) kịp (bắt đầu) không", "không biết sang tháng 8 có bắt đầu
    # được không nữa": a start feared late
    r"(khong biet|chua biet|khong chac)( \w+){0,3} co (\w+ )?(kip|bat dau duoc|lam duoc)"
    r"( \w+){0,2} khong",
)
OBSTACLE = table(
    "vuong( mac)?", "gap kho khan", "kho khan", "bi tac", "ach tac", "mat mang", "bi ket", "ket o",
    "het (kinh phi|tien|von)",
    # (not "đang kết nối", "kết xuất", "kết quả": folded like "kẹt")
    "(dang|bi) (tac|ket(?! (viec|cong viec|nhiem vu|lich|noi|xuat|hop|qua|luan|thuc|nap|toan)))",
    "khong hop tac", "chap chon", "mau thuan",
    "bao tri", "ket vu",
    # "Kẹt vì tỉnh chưa ban hành mẫu biểu": stuck (folded like "kết": not "tổng kết", "cam kết")
    "(?<!tong )(?<!so )(?<!cam )(?<!lien )(?<!doan )(?<!ky )ket (vi|do)",
    "lam tiep (khong|ko|chua) duoc",  # "…, làm tiếp không được": cannot go on
    # a line or a certificate gone: "đường truyền bị đứt", "chữ ký số hết hạn"
    r"(mang|duong truyen|internet|wifi|cap quang|song)( \w+){0,4} (bi |dang )*"
    r"(dut|mat|chap chon|hong|yeu|kem|rot)",
    # "không tải hồ sơ lên được": the upload itself fails
    r"(khong|ko) (tai|up|upload|nhap|dang nhap|truy cap)( \w+){0,4} (len )?duoc",
    r"(chu ky so|tai khoan|chung thu|chung thu so|token)( \w+){0,6} (bi |da )?het han",
    # "kẹt chữ ký số chị ơi", "vụ này kẹt quá trời": stuck ("kẹt" folds as "kết")
    "ket (chu ky so|chu ky|chung thu|tai khoan|kinh phi|tien|nguoi|phan mem|he thong|mang)",
    "ket qua troi",
    # the people concerned refusing: "dân phản đối", "các hộ chưa đồng ý"
    r"(dan|nguoi dan|ho dan|cac ho|nhan dan)( \w+){0,2} (phan doi_?|khong dong y|chua dong y"
    r"|khieu nai|khieu kien|khong hop tac)",
    "(mat|cup|cat) dien", "lu lut", "mua lu",
    # "chưa bàn giao hồ sơ", "hồ sơ còn ở huyện cũ chưa bàn giao": what the work needs, withheld
    "chua (duoc )?ban giao (ho so|tai lieu|du lieu|kho|con dau|tai khoan|phan mem|so sach)",
    r"(ho so|tai lieu|du lieu|kho|so sach)( \w+){0,5} chua (duoc )?ban giao",
    "khong co (song|mang|internet|wifi|dien)(?! gi)",  # "không có sóng điện thoại"
    "bao lu", "sat lo", "ngap (lut|ung|nuoc)", "nuoc (lu )?ngap",
    "ngap (qua|het|sau|nang|tran(?! (cong viec|viec)))",  # (not "ngập tràn công việc": busy)
    "(van|con|dang|bi) ngap",  # "giờ trụ sở vẫn ngập"
    # "điện cũng mất, máy tính không dùng được" (a road fallen in is a hardship told as often as
    # what stops the work: not here)
    "(dien|nuoc) (cung )?(mat|cup)",
    r"(may tinh|may scan|may in)( \w+){0,5} (bi )?(khong dung duoc|hu|hong)",
    r"(he thong|phan mem|may)( \w+)? (van )?(khong|chua|ko) cho_? (nhap|dang nhap|doi_?|sua|gui"
    r"|tai|nop|ky)",  # "hệ thống hắn không cho nhập tên xã mới"
    "(vi|do) duong (bi |dang )?sat",  # the road fallen in
    "duong (lay|bi lay|sat lo|bi sat|ngap|bi ngap|tac|bi tac|chia cat)",  # the road impassable
    "khong (dang nhap|dang_ nhap|vao|truy cap)( \\w+){1,4} duoc",  # "… hệ thống để nộp được"
    "mat (du lieu|file|ho so|tai lieu|mang|ket noi|song)",
    # (not "anh coi có thiếu gì nhắn em"; nor "thiếu nhi", "thiếu niên": children)
    "thieu(?! gi(?!\\w))(?! (nhi|nien)(?!\\w))( \\w+)?", "chua co nguoi",
    "(chua|khong) thong nhat (duoc )?(voi|y kien)",
    # "chưa có ai làm": nobody to do it (status-language.md: no staff is an obstacle)
    "(chua|khong) (co )?ai (lam|trien khai|thuc hien|tien hanh|phu trach|theo doi|dam nhan"
    "|bat tay)",
    "(chua|khong) (co )?(ai|nguoi) (lam )?thay",  # "cán bộ phụ trách nghỉ phép, chưa có ai thay"
    "dau co (ai|nguoi) (ma )?(lam|phu trach|theo doi)",  # "mô có người mà làm"
    "(khong|chua) (co )?ai nam (duoc )?(viec|nhiem vu|noi dung|ho so|mang)",  # nobody who knows
    r"(can bo|nguoi|cong chuc)( \w+){0,2} (di vang|vang mat)",  # "vì cán bộ đi vắng"
    r"(can bo|nguoi|anh em)( \w+){0,2} nghi het",
    "bi co lap", "cuon troi", "(lu|nuoc) cuon",  # "lũ cuốn trôi cầu treo, 4 bản bị cô lập"
    "chua (ban )?giao (chia khoa|kho|ho so|tai lieu|du lieu|con dau)",  # "chưa giao chìa khóa"
    # "hướng dẫn của Bộ chưa có": the guidance the work follows not issued
    r"(huong dan|mau|bieu mau|mau bieu|van ban huong dan|cong van huong dan)( \w+){0,3} (van )?"
    "(chua|khong) (co|ve|ban hanh|ra|gui)",
    "chua (duoc )?(phan|cap|mo) quyen",  # "tài khoản cấp rồi nhưng chưa phân quyền"
    "(chua|khong) (co|duoc cap|duoc bo tri|bo tri|bo tri duoc|duoc giao|nhan duoc) "
    "(van ban |thong tu |nghi dinh |cong van |quyet dinh )?"
    "(huong dan|kinh phi|von|nguoi|can bo|nhan luc|so lieu|mau|mau bieu|tai khoan"
    "|chu ky so|chung thu so|mat bang|dia diem|thiet bi|may|con dau|(duong )?link|form|file mau"
    "|tien(?! do)|ngan sach)",  # "chưa có tiền nên đang dừng" (not "tiến độ")
    # "chưa có ý kiến" (an opinion owed), not "không có ý kiến gì thêm" (no objection)
    "chua (co|nhan duoc) (van ban )?y kien(?! gi)",
    # "chưa ban hành được do chưa có QĐ giao biên chế của tỉnh": the cause, a decision owed
    # "vì sau sáp nhập chưa có quyết định phân công lại": a few words of when between
    r"(do|vi)( \w+){0,4} chua (co|nhan duoc) (quyet dinh|van ban|cong van|chu truong|chi tieu"
    "|ke hoach)",
    # "máy scan vẫn chưa về", "kho bị dột": what the work needs not there, or damaged
    r"(may|may scan|may chu|may tinh|thiet bi|tai khoan|chu ky so|kinh phi)( \w+){0,2} (van )?chua"
    " (ve|den|co|duoc cap|duoc giao|ban giao)",
    "bi (dot|ngap|chay|mat dien|mat mang|uot|hong hoc)",
    # "máy móc hư hết trơn": broken (southern "hư")
    r"(may|may moc|may tinh|may chu|thiet bi|may in|may scan|may photo|phan mem|he thong)"
    r"( \w+){0,2} (bi )?(hu|hong)"
    r"(?! so)",
    # "QĐ của tỉnh chưa về tới xã nên em chưa có căn cứ làm": the basis for the work missing
    "(chua|khong) co can cu", "chua (ve|den) (toi|den) (xa|phuong|so|phong|don vi|ben em|em)",
    rf"can (co )?(y kien|so lieu|huong dan|van ban|quyet dinh|ket qua) (cua |tu )?(ben )?({_BODY})",
    # "kinh phí chưa được cấp", "chưa được bố trí vốn": not granted what the work needs
    r"(kinh phi|von|tien|nguon|chu ky so|tai khoan|bien che)( \w+){0,2} (van )?(chua|khong) "
    r"(duoc )?(cap|bo tri|phan bo|giai ngan|chuyen)",
    "(chua|khong) duoc (cap|bo tri|phan bo|giai ngan)( kinh phi| von| tien)?",
    # "kinh phí … chưa được Sở Tài chính cấp": the body that owes it named in between
    rf"(chua|khong) duoc ({_BODY})( \w+){{0,3}} (cap|bo tri|phan bo|giai ngan|phe duyet|duyet"
    r"|tham dinh)(?!\w)",
    "khong (vao|truy cap|dang_? nhap|ket noi|mo|gui|nhap|day|ky|tai|lien he|lien lac|dang_( tai)?"
    "|cap nhat|bao cao|nop|upload|tai len|day len|scan|quet|in|chup|doc|luu|xuat|mo file"
    "|ban hanh|phat hanh)"
    " (duoc|len duoc|di duoc)",
    "khong (lam|thuc hien|trien khai|hoan thanh)( gi)?( them| tiep)? (duoc|kip)",
    # "tụi em đăng nhập hổng được mấy bữa nay": the verb first, then "không được"
    "(dang nhap|dang_ nhap|truy cap|ket noi|tai len|day len|upload)( \\w+)? (khong|ko) (vao )?duoc",
    "(khong|ko|chang) (kham|lam|gong|theo|xu ly) noi",  # "không kham nổi việc ni"
    "loi (he thong|phan mem|mang|ket noi|dang_? nhap|chu ky|font|du lieu)",
    r"(he thong|phan mem|dich vu cong|dvc|dvctt|trang|website|web|mang|tai khoan|may chu"
    r"|may)( (?!sua|fix|het|khac)\w+){0,4} (bi |dang |bao )*((?<!xin )loi(?! chinh ta| danh may"
    r"| bo go| go)|hong|treo|(?<=dang )(nang cap|bao tri)(?! xong)"
    r"|sap(?! nhap| xep| toi| xong)|khoa"
    r"|cham(?! diem| cong))",  # not "bộ máy sau sáp nhập"
    # "không còn ai làm được nên đang bị dừng": nobody left, the work halted
    "(khong|chang) con ai (lam|phu trach|theo doi|thuc hien)", "(bi|phai) (tam )?dung lai",
    "dang bi dung", "phai (tam )?dung( lai)?(?! lop)", "set danh", "bi chia cat",
    "bi (loi(?! bo go| go| chinh ta)|hong|treo|khoa|tan cong|hack|nhiem virus|gian doan)",
    r"bi( \w+){0,3} (niem phong|tam giu|thu giu|phong toa)",  # "bị Thanh tra tỉnh niêm phong"
    "(?<!tra )(?<!xin )(?<!loi_ )(?<!soat )(?<!chuyen )(?<!nhan )(?<!gui )"  # not "chuyển lời"
    "loi(?! (ich|noi|nhan|hua|moi|khai|chinh ta|danh may|bo go|go|cua (em|toi|minh|ben em)"
    "|(la )?do (em|toi|minh)|tai (em|toi|minh)"
    "|(chi|anh|co|ong|ba|thay|chu|bac) (?!oi)\\w))",  # "lỗi của em", "lỗi do em": my fault;
    # "em forward lời chị Mai": her words (not "lỗi chị ơi")
)  # fmt: skip
WAITING = table(  # for another body; "chờ lãnh đạo ký" (own leader) is OWN_WAIT
    # (not "Phó Chủ tịch đã cho ý kiến": given, folded like "chờ")
    "(?<!da )(?<!vua )(?<!moi )(?<!thay )(cho|doi) (y kien|so lieu|phan hoi|huong dan|ket qua"
    "|kinh phi"
    "|tra loi|cung cap|xac nhan|tin"
    "|quyet dinh cua|danh muc cua"
    "|phe duyet|tham dinh|giai ngan|van ban|thong tin|chi dao|cap kinh phi"
    "|(bo sung|dieu chinh) (du toan|kinh phi|von)|thong bao (thue|ket qua|cua))",
    # (not "thay đổi bộ tiêu chí": changed, folded like "đợi Bộ"; nor "ghép số liệu lại cho xã
    # mới": for it)
    rf"(?<!lai )(?<!thay )(cho|doi) (cac |ben |hop |cuoc hop )?({_BODY})(?! moi\b)",
    # "giờ chờ mấy ảnh góp ý": southern "them", their comments awaited (not a signature: ours)
    r"(cho|doi) (may anh|may chi|may ong|may ba|may ong ay|ho|ben do|ben kia|ben ay)( \w+){0,2}"
    " (gop y|y kien|cho y kien|tra loi|phan hoi|duyet|xem xet|tham dinh|phe duyet|xac nhan)",
    # "chờ 3 xã" (not "chạy số liệu cho 23 xã": for them, folded alike)
    rf"(?<!so lieu )(?<!du lieu )(?<!bao cao )(?<!tai lieu )(?<!ho so )(cho|doi) \d+ ({_BODY})",
    rf"(cho|doi) \d+ ({_BODY})( \w+){{0,2}} (gui|nop|chuyen|dua|cung cap|bao cao)(?!\w)",
    r"(cho|doi) (ben|phia) (?!em\b|minh\b|toi\b)\w+",  # "chờ bên điện lực": any other side
    "(cho|doi) (dang uy|chi bo|thuong truc dang uy)",  # "đợi Đảng ủy xã cho ý kiến" (whose?)
    # "giờ bên đó thẩm định chưa xong": their appraisal not over
    r"(ben do|ben kia|ben so|so|tinh|ho)( \w+){0,2} (tham dinh|phe duyet|duyet|xem xet|xu ly)"
    " (van )?chua xong",
    # "phụ thuộc vào bên VNPT", "… vào tiến độ của đơn vị tư vấn": theirs to do
    rf"phu thuoc (vao )?((tien do|ket qua|y kien|ke hoach) cua )?(cac |ben |phia )?({_BODY})",
    rf"bong (dang )?(o|nam o) (chan|phia|ben) ({_BODY})",  # "giờ bóng ở chân Sở"
    # "giấy tờ đang nằm bên Sở từ đầu tháng" (not "anh Nam bên văn phòng": a name)
    rf"(?<!anh )(?<!chi )(?<!a )(?<!c )(?<!em )(?<!chu )(?<!co )nam (ben|o|tai) ({BODY_NAMES})",
    "hen lan hen lua",
    r"(so|ben|phong|xa|don vi|cong an|truong|tram)( \w+){0,6} (thi )?chua thay (gui|nop|chuyen)",
    # "Sở Tư pháp hẹn trả kết quả trong tuần sau": their answer, promised, awaited
    r"(so|ubnd|tinh|bo|cuc|chi cuc|ben do|ben kia|ho|phong|trung tam|van phong)( \w+){0,3}"
    r" hen( \w+){0,6} (tra|gui|co|bao|cho_?) (ket qua|y kien|van ban|danh sach)",
    "(cho|doi) (den |toi )?ky hop",  # "tờ trình đã gửi, chờ kỳ họp thứ …": the council's session
    rf"(cho|doi) (hop|cuoc hop|y kien)( \w+){{0,3}} (voi|cua) (cac )?({_BODY})",
)  # fmt: skip
OWN_WAIT = table(
    f"(cho|doi) ({_OWN_LEADER})",
    # "đợi a Phó GĐ đi công tác về ký": "a"/"c" for anh/chị before a title
    r"(cho|doi) (a|c|anh|chi) \w+ (pgd|gd|ct|pct|tp|ptp|pho giam doc|giam doc|truong phong"
    "|pho phong|chu tich|pho chu tich|hieu truong|truong tram)",  # "chờ a Tuấn PGD ký nháy"
    r"(cho|doi) (hop|cuoc hop)( \w+){0,2} (lanh dao|ban giam doc|ban lanh dao)",
    "(cho|doi) (thuong truc|tt) (ubnd )?(xa|phuong)",  # our own commune's leaders (not the
    # council's standing committee, "Thường trực HĐND xã": another body)
    "(cho|doi) (a|c|anh|chi) (ky|duyet)",  # "đã trình Giám đốc, chờ a ký ban hành"
    "(cho|doi) (ong|ba|sep) (ay )?(ky|duyet)",  # "trình chủ tịch xã rồi, đợi ông ký thôi"
    "(cho|doi) (a |c |ong |ba |co |thay |dong chi |d/c )?(pho )?(giam doc|chu tich|truong phong"
    "|hieu truong|hieu pho|lanh dao"
    "|thu truong|sep|gd|pct|pgd|tp|ptp"
    "|ct)",  # "tui đợi ổng Chủ tịch ký hoài", "đợi a PCT đọc lại bản cuối"
    # "chờ … về ký": a signature or approval at the end of the clause is the unit's own step
    "(cho|doi) (in( ra)? |ky )?(dong dau|dong moc|in ra|vao so)",  # "chỉ chờ in ra đóng dấu"
    r"(cho|doi)( \w+){1,6} (ve )?(ky|duyet)( la (nop|gui|phat hanh|ban hanh|xong))?"
    r"( (a|ah|anh|chi|nhe|nha|roi|thoi))*$",
)
CONDITION = table(  # a start that waits for something: weakly an obstacle
    "sau khi (co|nhan duoc) (huong dan|kinh phi|y kien|van ban|so lieu)",
    # "tháng sau mới có kinh phí": what the work needs comes only later
    "(moi|se) (co|duoc cap|duoc bo tri|duoc giao) (kinh phi|von|huong dan|nguoi|can bo|tai khoan)",
    "chua nhan duoc (van ban|cong van|quyet dinh|ke hoach)",  # the task not handed over yet
)
NEGATED_OBSTACLE = table(
    "khong (co )?(gi )?(vuong|kho khan)( mac)?( (vuong|kho khan)( mac)?)?( gi)?",
    "het vuong( mac)?", "khong thieu",
    "chua (thay|co|gap) (gi )?(vuong|kho khan)( mac)?( gi)?",  # "chưa thấy vướng gì"
    "(vuong|kho khan|vuong mac)( \\w+)? gi dau",  # "vướng gì đâu anh": none
)  # fmt: skip
# Trouble named vaguely, or work halted without a cause: weakly an obstacle, to be asked about
TROUBLE = table("(co|gap|phat sinh|bi) (chut |it |mot so )?(van de|truc trac)")
HALT = table(
    "dang (bo|de)( (do|day))?$",  # "việc ni đang bỏ đó": left aside
    # (not "tạm dùng máy của xã bên", "dùng lại mẫu cũ": using, folded like "dừng")
    "tam dung( lai)?(?! (may (tinh|scan|in|cua|chu)|(mau|ban|file) (cu|cua)|tai khoan|laptop))",
    "dung lai(?! (may (tinh|scan|in|cua|chu)|(mau|ban|file) (cu|cua)|tai khoan|laptop))",
    "tam ngung", "ngung lai", "tam hoan", "tam gac( lai)?",
    "dung im( luon)?",  # "đứng im luôn anh ơi": at a standstill
    "dang dung het",  # "hiện đang dừng hết để ứng phó với lũ"
    # "việc số hoá hồ sơ bên em đang dừng" (not "bộ phận một cửa đang dùng": folded alike)
    r"(viec|cong viec|nhiem vu|so hoa|ra soat|trien khai|du an|ke hoach)( \w+){0,4}"
    " dang (bi )?dung$",
)  # fmt: skip
# Signed or approved by the unit's own leader after it was handed up: work under way
SIGN_UP = table(
    r"trinh (lanh dao|giam doc|pho giam doc|chu tich|pho chu tich|truong phong|thu truong|ld|gd)"
    r"( \w+){0,2} (ky|duyet)"
)
# "vẫn kịp": on time, so under way
ON_TIME = table(
    "(van|van se|se|dam bao|chac chan|con|du kien|du kien se) kip( han| tien do)?",
    "(em|e|ben em|minh|toi) (lam|xong|hoan thanh) kip",  # "không xin gia hạn đâu, em làm kịp"
    "(ben em|em|minh|xa em|phong em) kip (ma|a|roi|anh|chi)",  # "khỏi gia hạn chị, bên em kịp mà"
)  # fmt: skip
# "đã cấp 1.250 chữ ký số": an act done, with no word of the task's completion
DID = table(
    "da (cap|phan bo|bo tri|lap|thanh lap|in|phat|mua|cap phat|tuyen truyen|tra ket qua|dan)"
)
# "hơi chậm": the work is slow, so it moves; an obstacle only if nothing says it moves
SLOW = table("(hoi|bi|dang|con|kha|rat) cham(?! nhat)( tien do)?")
# "Cũng tạm ổn rồi": fine, said of the work, but done or going well?
FINE = table(
    "tam on", "on roi", "cung on", "on ca roi", "cung tam tam roi", "tam tam roi",
    "tam duoc roi", "cung tam duoc roi",  # "cũng tạm được rồi anh, còn chút xíu"
)  # fmt: skip
# "đã xong 1 đợt": one round of a recurring task, or the task?
ROUND = table(r"(\d+|mot) (dot|lan|ky)", r"(dot|lan|ky) (\d+|mot|dau)")
# A condition or a "whatever comes up": what follows is hypothetical ("có gì vướng em báo")
HYPOTHETICAL = re.compile(
    r"(?<!\w)(?:neu|gia su|tru khi|ngoai tru khi|lo khi|phong khi"
    r"|(?<!so )(?<!cac )(?<!nhung )(?<!vai )(?<!\d )truong hop|co gi)"
    r"(?: \w+){0,3}$"
)
# "xong … (rồi) mới/sẽ …" after the completion word: it ends what comes first, the task comes
# after ("trả lời xong kiến nghị rồi mới làm", "em xong việc tiếp dân sẽ làm luôn"); not
# "xong rồi em sẽ gửi" (done already), matched against the words after the completion word
THEN = gated(
    r"^(?! roi\b)(?: \S+){0,5}? (?:roi )?(?:(?:em|e|minh|toi|anh|chi) )?(?:se|moi)"
    r" (?!xong|duoc|roi|a\b|nhe|nha)\w"
)
# "báo cáo lãnh đạo rồi trả lời anh sau": "rồi" as "then", a verb after it
THEN_VERB = re.compile(
    r"^ (?:(?:em|e|minh|toi) )?(?:se )?(?:gui|bao|tra loi|cap nhat|nhan|lam|trinh|xem|hoi)(?!\w)"
)
# "còn thiếu chữ ký của phó chủ tịch": our own leader's signature, the last step, not an obstacle
OWN_SIGNATURE = re.compile(
    r"thieu (?:chu ky(?: so)?|ky)(?: (?:cua|cho))? (?:a |c |anh |chi |ong |ba |dong chi )?"
    r"(?:lanh dao|giam doc|pho giam doc|chu tich"
    r"|pho chu tich|truong phong|pho phong|thu truong|sep|ld|gd|ct|pct)(?!\w)(?! (?:so|ubnd|tinh))"
)
# What the coordinator sent: a fault in opening it is the message's, not the task's
OUR_MESSAGE = re.compile(
    r"(?<!\w)(?:file|tep|link|duong link|tai lieu|van ban) (?:\w+ ){0,2}(?:dinh kem|gui kem"
    r"|anh gui|chi gui|trong tin nhan)(?!\w)|(?<!\w)tin nhan (?:cua )?(?:anh|chi|bot|he thong)"
)
# A request to the coordinator to resend what was sent ("anh gửi lại giúp em")
RESEND = re.compile(r"(?<!\w)(?:anh|chi|a|c) (?:gui|chuyen|cung cap|up) lai(?!\w)")
RESOLVED = gated(
    r"(da |duoc |da duoc )+(giai quyet|xu ly|thao go|khac phuc)"
    r"|(giai quyet|xu ly|thao go|khac phuc|sua) (xong|roi|duoc)"  # "giờ khắc phục rồi", "máy
    # scan hỏng hôm trước sửa xong rồi"
    # "giờ hết rồi", "giờ chạy bình thường rồi": the fault gone
    r"|(?:gio|nay|hien) (?:da )?(?:het|on|chay binh thuong|binh thuong)(?: \w+)? roi"
    r"|(?:moi|da) (?:co|dung|chay) lai(?!\w)"  # "mất điện cả buổi sáng, chiều mới có lại"
)
EASING = frozenset({"chut", "xiu", "hoi", "nho", "it", "cham", "tuy"})
EXTENSION_QUESTION = re.compile(r"gia han")

DONE = table(
    "hoan thanh", "hoan tat", "xong", "done", "ky ban hanh", "xong xuoi",
    "ok het roi", "(gui|nop) (file|ban) (dinh kem|kem)",  # "em gửi file đính kèm ạ, QĐ số …"
    r"da duoc( \w+){1,5} (phe duyet|ky ban hanh|thong qua|chap thuan)",  # "đã được Chủ tịch
    # UBND tỉnh phê duyệt ngày 10/7 rồi"
    # "báo cáo 34/BC-SNV ngày 30/6, bên em gửi đúng hạn" (not "cam kết nộp đúng hạn 31/7")
    r"(?<!ket )(?<!se )(?<!hua )(gui|nop|ban hanh) dung han(?! \d)",
    r"da (?!lam )(?!xong )\w+( (?!xong)\w+)? va (ban hanh|phat hanh|ky ban hanh|gui|nop)",  # "đã
    # tiếp thu và ban hành" (not "đã làm xong và gửi": read as it stands)
    # "em làm hết tuần trước rồi" (not "làm hết sức rồi": tried hard)
    r"lam het(?! suc| kha nang| muc| gio| thoi gian)( \w+){0,3} roi",
    r"(file|ban) (bao cao|bc|ke hoach|kh|quyet dinh|qd)( \w+){0,2} dinh kem",
    # publishing and issuing acts are done verbs like sending: "công khai rồi", "đã đăng lên"
    r"(gui|nop|ban hanh|phat hanh|cap nhat|bao cao|ky|niem yet|cong khai|dang tai|dang_ tai|up"
    r"|to chuc|upload|tai len|day len"
    r"|dang_ len|dua len|pho bien)( [\w/.-]+){0,8} roi",
    # (not "đã chuyển Phòng Tổ chức xử lý": routed to a phòng of ours)
    "da (duoc )?(gui|nop|chuyen(?! cong tac| nganh| vien| (cho_? )?(phong|bo phan|to|chuyen vien))"
    "|ban hanh|phat hanh|cap nhat|bao cao|ky"
    "|xu ly|dang_? tai|day len"
    r"|dang_ (\d+ )?(len|tin|bai|tren)|dang (\d+ )?(len|tin|bai)|dua len|pho bien"
    "|tai len|niem yet|cong khai|to chuc|phe duyet|ra (thong bao|quyet dinh|van ban|ke hoach)"
    "|trinh va|upload|up len)",
    "da (duoc )?thuc hien(?! duoc)",
    r"da (up|upload|tai|day|dua|nhap|dong bo)( \w+){0,3} len",  # "đã up minh chứng lên phần mềm"
    "da dang_? (tren|o|len) (trang|cong|website|web|fanpage|nhom|zalo)",  # posted, unaccented
    r"co (ke hoach|kh|quyet dinh|qd|bao cao|bc)( so)? \d+/\S+ roi",  # "Có KH số 205/KH-SYT rồi"
    "da co (quyet dinh|van ban|ke hoach|cong van|thong bao|ket qua|bao cao|quy che"
    "|nghi quyet|chi thi|ket luan|bc|kh|cv|tb|qd)"
    "(?! (don doc|nhac|hoi|xin y kien|de nghi|yeu cau|giuc))",  # not "đã có công văn đôn đốc"
    "da (thong bao|tra loi|cong bo|ban giao|nghiem thu|phan hoi)",
    r"da duoc( \w+){0,3} (thong qua|phe duyet|ban hanh|ky ban hanh)",
    "lam roi", r"da lam(?! xong| hoan| duoc| tiep| dang| lai)( \w+){1,4} roi",
    "lam (tu )?lau roi",  # "việc này Sở làm lâu rồi mà": did it long ago, or long at it?
    r"lam tu (truoc|lau|hom|thang|tuan|dau nam)( \w+){0,3} roi",
    "phe duyet va ban hanh", "ban hanh (roi|xong)",
    # "link kết quả khảo sát em để ở đây", "em gửi link báo cáo": the product handed over
    "link (ket qua|bao cao|bc|san pham|file|tai lieu)( \\w+){0,4} (o day|day|duoi|ben duoi|nhe|a)",
    "(gui|de|dinh kem|gan|dan) (link|duong link|duong dan) (ket qua|bao cao|bc|san pham)",
    # "em đính kèm ảnh chụp biên bản kiểm tra": the record of the work handed over
    "(dinh kem|gui kem|gui) (anh |chi )?(anh chup|hinh|hinh anh|ban chup|ban scan|file)( \\w+){0,2}"
    " (bien ban|bao cao|bc|ket qua|quyet dinh|ke hoach)",
    # "em gửi kèm BC số 67/BC-UBND", "em gửi file báo cáo đính kèm": the product handed over
    "(gui|nop) (kem|dinh kem)( theo)? (file |ban |ban mem )?(bao cao|bc|ke hoach|kh|quyet dinh"
    "|qd|to trinh|ttr|cong van|cv|thong bao|tb|van ban|danh sach|ket qua|san pham)",
    # "em đính kèm Báo cáo số 76/BC-UBND ạ": the product itself attached
    "dinh kem (file |ban )?(bao cao|bc|ke hoach|kh|quyet dinh|qd|to trinh|cong van|cv) so",
    "(gui|nop) (anh |chi |a |c |so |phong )?(file |ban |ban mem )?(bao cao|bc|ke hoach|kh"
    "|ket qua|san pham)( \\w+){0,2} (dinh kem|kem theo)",
    # "bên em nộp từ tuần trước mà": sent since then
    "(gui|nop|trinh|ban hanh|bao cao) (len |ve )?(tu|hom) (hom|tuan|thang|ngay|dau|qua|\\d)",
    # "đã trình ký và phát hành số 58/BC-SNV": the last act named after the steps before it
    r"da (trinh ky|trinh|ky|ky duyet|duyet|hoan thien)( \w+){0,4} (va|roi) (ban hanh|phat hanh"
    r"|gui|nop|dang tai)",
)  # fmt: skip
# "… xem bên em đã nộp chưa": whether it went, to be checked; no report of the sending
_WHETHER_SENT = r"xem( \w+){0,3} (da )?(nop|gui|xong|lam|hoan thanh)( \w+)? chua"
WHETHER_SENT = re.compile(rf"(?<!\w)(?:{_WHETHER_SENT})(?!\w)")
NEUTRAL = table(  # looks like completion, is not
    "(thoi gian|thoi han|han|moc|ngay) (hoan thanh|xong)", "de (hoan thanh|xong)", "ky nhan",
    "muon (hoan thanh|xong)", "neu (hoan thanh|xong)", "khi nao (hoan thanh|xong)",
    "de (em|minh|toi|ben em|chung em) (lam |hoan thanh |lam cho )?(hoan thanh|xong)",
    "(hoan thanh|xong) thi", "sau khi( \\w+){0,4} xong", "da nhan",
    "hoan thanh (xuat sac|tot) nhiem vu",  # a yearly rating, the title of an award
    "tiep tuc duy tri( cap nhat| van hanh| thuc hien)?",  # after the work: its upkeep
    # the completion report as a document's name: "mẫu báo cáo hoàn thành", "báo cáo hoàn thành
    # nhiệm vụ 6 tháng là cái nào"
    "mau (bao cao )?hoan thanh", "bao cao hoan thanh nhiem vu",
    "nhan ban giao xong",  # "em vừa nhận bàn giao xong, chưa làm gì": the handover, not the task
    _WHETHER_SENT,  # "để em kiểm tra lại xem bên em đã nộp chưa": whether, a check promised
    # "đã gửi anh cái công văn hỏi về việc này rồi": a question sent, not the product
    "(gui|nop)( anh| chi)?( cai)? (cong van|van ban|tin nhan|email|mail) hoi",
)  # fmt: skip
PARTIAL = table(  # completion of a part: work under way
    "du thao", "ban thao", "ban nhap", "ban du thao", "phan lon", "mot phan",
    # not "phần mềm" (software), "phản hồi", nor "bộ phận một cửa" (a unit)
    r"(?<!bo )phan (?!mem|men|nay|ni|hoi|anh|cong|tram|loai|mong|bo|cap|quyen|tich|lap|ky"
    r"|(?:so|xa|phuong|phong|ban|don vi|ubnd) |viec (?:nay|ni)(?!\w))\w+",  # ("phần việc này":
    # the task)
    r"buoc \w+", r"giai doan \d{1,2}(?![\d-])", "khau", "gan het", "phan (viec )?chinh", "phan cua",
    r"dot \d+", "so bo", "(mot|1) nua", "(mot|1) phan", "(lay|xin) y kien", "gop y",
)  # fmt: skip
OWN_PART = table(  # "phần của em", "phần việc của phòng em": the writer's own unit's part
    "phan( viec)? (cua )?(ben |phong |don vi |xa |bo phan )?(em|minh|toi)",
    # "phần Sở Xây dựng em chốt xong rồi": a unit's part, the writer's own or not
    r"phan( viec)? (cua )?(so(?! hoa| lieu| hieu)|xa|phuong|phong|ban|don vi|ubnd) \w+",
    # "phần việc của trạm", "phần của trường": a unit beside the commune's, its own part
    r"phan( viec)? cua (tram|truong|ca|cong an|buu dien|chi nhanh|bhxh|ban chqs|bchqs|to|thon"
    "|ap|khu pho|to dan pho|bo phan|nha truong)",
)
HEDGE = table(
    "co ban", "ve co ban", "gan", "gan nhu", "sap(?! (xep|nhap))", "tuong doi_?", "hau nhu",
    "(?<!ho )so so(?! hoa)",  # "xong sơ sơ rồi, mai em rà lại": roughly (not "hồ sơ số hóa")
)  # fmt: skip
DOUBT = table(
    "chac",
    # "e là sang tháng 9 mới bắt đầu được" ("e" read as "em"): afraid so, not "em là …" (I am)
    "em la(?= (sang|qua|phai|khong|kho|den|toi|het|cuoi|dau) )",
    "chac la",
    "hinh nhu",
    "nghi la",
    "co le",
    "(?<!trung )tam",  # (not "trung tâm": a centre)
    "tam tam",
    "chac chan la",
    "goi la",
    "coi nhu",
    "duong nhu",  # "dường như xong rồi": it seems
    "co ve",  # "có vẻ xong rồi"
    "coi bo",  # southern "coi bộ xong rồi"
    "nghe dau",  # "nghe đâu bên đó gửi rồi": hearsay
    "may ra",  # "tháng 8 may ra mới bắt đầu được": perhaps, with luck
)
RETURNED = table(
    "bi tra (lai|ve)", "(?<!kiem )(?<!thanh )tra (lai|ve)",  # not "đoàn thanh tra về"
    "(?<!kiem )(?<!thanh )tra (ho so|du thao)",  # "STP trả hồ sơ vì thiếu bản giải trình"
    "yeu cau (chinh )?sua", "yeu cau bo sung",
    "chua dat yeu cau", "phai (sua|bo sung|lam lai|chinh sua)", "(?<!di )lam lai",
    "khong (duoc )?(duyet|chap nhan|thong qua)",
)  # fmt: skip
START = (
    "lam|bat tay|bat dau|trien khai|thuc hien|tien hanh|dong toi|dung toi|dong den|lam gi"
    "|dong tay|dung tay|dong vao|dung vao|dung den|dung vo|dong vo"  # southern "đụng vô"
    "|khoi dong|khoi cong|mo dau|to chuc|khai giang"  # "lớp bồi dưỡng sẽ khai giảng 22/7"
)
_FEW_LEFT = (
    r"(\d+|mot|hai|ba|vai|it|mot vai|mot chut|chut)( \d+)? (dau viec|viec|muc|phan|noi dung"
    "|ho so|thu tuc|xa|phuong|buoc|khau|ti|chut)"
)
UNDONE = table(  # not finished, under way
    "chua (du|het|xong het|hoan chinh|xong han|on lam|on)", "gan( gan)? roi",
    "(duoc|xong) (chung |khoang |tam |gan )?(phan nua|mot nua|1 nua|nua)(?! thang| tuan| nam)",
    "i ach", "cham chap",  # "làm thì có làm nhưng ì ạch lắm": going, slowly
    # "mới rà được 60 thủ tục": so far (not "mới được 2 tuần": a time)
    r"moi (\w+ ){0,2}duoc (khoang |tam |chung )?\d+(?! (tuan|ngay|thang|nam|hom|bua|lan|gio))",
    # "còn nằm trên bàn sếp": with our own leader
    "nam (tren|o) ban (sep|lanh dao|giam doc|chu tich|pho chu tich|truong phong)",
    # "chỉ còn 1 2 đầu việc nhỏ": a few items left
    rf"(chi|van) con {_FEW_LEFT}", rf"con {_FEW_LEFT}", r"con \d+ \w+( \w+)? nua",
    # "được 8 phần rồi": eight parts in ten
    r"duoc (khoang |tam )?([1-9]|mot|hai|ba|bon|nam|sau|bay|tam|chin) phan(?! mem| tram)",
    r"duoc (hon |gan |khoang |tam )?(mot )?nua",  # "chắc cũng được hơn nửa rồi"
    "dan dan", "ngay nao cung (lam|nhap|lam them)", "hang ngay", "moi ngay",
    r"tu tu(?! (\d|ngay|thang|hom|dau|nam|tuan|quy|luc))",  # not "điện tử từ 11/7"
    # "em gửi bản dự thảo để anh góp ý trước": a draft out for comments
    r"(gui|trinh|nop) (anh |chi |a |c |so |phong )?(ban )?(du thao|nhap)( \w+){0,3} (de|xin)"
    " (anh |chi |a |c |so |cac \\w+ )?(gop y|y kien|xem|cho y kien)",
)  # fmt: skip
NOT_STARTED = table(
    f"(chua|khong|chua kip|van chua) (duoc |the |kip |co )?({START})",
    f"dau co (duoc |the )?({START})",  # "đâu có bắt đầu được đâu": not at all
    "chua (co|lam) (du thao|ban nhap|ban thao)( nao| gi)?",  # "chưa có draft gì hết": nothing
    # "nội dung kiểm tra … chưa được Sở triển khai": the passive, the agent named
    f"chua duoc (so|xa|phuong|ubnd( \\w+)?|tinh|phong|don vi|co quan|ben em) ({START})",
    "chua (co )?gi", "chua dong gi", "chua (co|len|xay dung) ke hoach",
    r"chua (kip )?mo( \w+){0,3} ra xem",  # "em còn chưa mở biểu mẫu ra xem": not looked at
    "chua phan cong( nguoi)?( lam)?", "chua (co )?ai nhan (viec|nhiem vu)", "chua nhuc nhich( gi)?",
    "chua co (lam|dong|trien khai|bat dau) gi",  # "chưa có làm gì hết": southern
    "chua co dong tinh", "chua co thoi gian( de)? (lam|trien khai|thuc hien)",
    "chua mo (ra|file|ho so|tai lieu|van ban)",  # "chưa mở ra xem": not even opened
    "moi (tinh|nghi) (toi|den)( chuyen)?",  # "giờ mới tính tới chuyện ngồi làm"
    "chua (viet|go|soan|lam) (duoc )?(dong|chu|trang|chut) nao",  # "chưa viết dòng nào"
    "chua (nhap|scan|so hoa|cap nhat|ra soat|lam) (duoc )?(ho so|thu tuc|ban|cai|bo) nao",
    # "báo cáo năm nay em chưa tổng hợp": the first step of the product not taken
    "(chua|van chua) (tong hop|soan|soan thao|xay dung|ra soat|lap)(?! xong| duoc| het| du)",
    "(chua|khong) (he )?(co )?ai (dong|dung)( tay)? (vao|den|toi)",  # nobody has touched it
    "chua ai (lam|trien khai|thuc hien|tien hanh|bat tay)",  # nobody has begun (or is there?)
    # "chưa có ai làm" is nobody to do it: an obstacle (OBSTACLE), not a start not made
)  # fmt: skip
START_VERB = table(
    "bat dau",
    "giao viec",
    "giao nhiem vu",
    "hop giao (viec|nhiem vu)",
    "phan cong",
    "bo tri (duoc )?(nguoi|can bo)",  # "từ 3/8 phường mới bố trí được người"
    "dung (toi|den|vao)",  # "mai mốt mới đụng tới được"
    "to chuc",
    "len ke hoach",
    "xay dung ke hoach",
    "lam",
    "trien khai",
    "thuc hien",
    "tien hanh",
    "bat tay",
    "khoi dong",
    "khoi cong",
    "khai giang",  # "lớp bồi dưỡng sẽ được khai giảng vào ngày 22/7": the course opens then
    "chuyen sang (lam )?(viec|nhiem vu|noi dung)",  # "… xong mới chuyển sang việc này"
)
PROGRESS = table(  # under way; "dang" is the aspect, the rest are steps of the work
    "trien khai", "thuc hien", "tien hanh", "bat dau", "tong hop", "hoan thien", "soan( thao)?",
    "(gio|bay gio) (em |minh |toi )?ngoi (lam|soan|tong hop|viet)",  # "giờ em ngồi làm báo cáo"
    "xay dung", "ra soat", "chinh sua", "bo sung", "xu ly", "(?<!toan )trinh( ky)?", "tham dinh",
    "khao sat", "(xin|lay) y kien", "tiep thu", "nghien cuu", "don doc", "kiem tra",
    "lam duoc", "(da|moi) lam", "lam them duoc", "tiep tuc", "on track", "so hoa", "lam tiep",
    "lam do",
    # "báo cáo thì em làm tới biểu 2 rồi": how far the work has come
    r"(lam|viet|soan|nhap) (toi|den) (bieu|phan|muc|buoc|khau|trang|chuong|cau|phu luc) \w+",
    "cap nhat", "nhap",
    "(?<=moi )o (buoc|khau|giai doan)",  # "xong đâu, mới ở bước dự thảo thôi": that far only
    "(?<=moi )(duoc|xong|lam duoc) (phan|buoc|khau) \\w+",  # "mới được phần khung thôi": so far
    r"(tam|khoang|chung|gan) \d phan(?! (viec|cua|nay|nao|con|lon|\d))",  # "tầm 8 phần rồi"
    "sua", "giai quyet", "thu thap", "to chuc", "tim hieu", "viet", "theo doi_?", "(?<=van )lam",
)  # fmt: skip
PLANNING = table(
    "chuan bi",
    "tinh (lam|trien khai|bat dau)(?! viec)",  # "đang tính làm đây anh": thinking of starting
    "len ke hoach",
    "phan cong",
    "giao nhiem vu",
    "nghien cuu",
    "tim hieu",  # "mới nhận bàn giao, đang tìm hiểu": getting to know the task
)
BUSY = table(  # "đang" about something else than the task
    # (not "đang họp triển khai": a step of the work)
    "ban", "hop(?! (trien khai|thong nhat|ban|phan cong|lay y kien|xin y kien|gop y))",
    "don (het )?(vao |cho )?(bc|bao cao|viec|suc)",  # "giờ đang dồn BC quý": another report
    "xuc bun", "don (dep|bun|rac)", "khac phuc (hau qua|lu|bao|sat lo)", "chong (lu|bao)",
    "nghe (dien thoai|dt)",  # "giờ đang xúc bùn ở trụ sở", "đang nghe điện thoại"
    "di (hop|cong tac|hoc|vang|viec)", "cong tac", "nghi", "o(?! (buoc|khau|giai doan|cong doan))",
    "lo",
    "om", "nam vien", "benh", "lu bu",  # "chưa làm, đang ốm mấy hôm nay"
    "roi (qua|lam|ca len|tung|beng)",  # "giờ đang rối quá": swamped (not "rồi")
    "ket (viec|cong viec|nhiem vu|lich)",  # "giờ đang kẹt việc khác"
    "ngoi (hop|truc)",  # "em đang ngồi họp thay chị trưởng phòng"
    "tap trung (cho_?|vao)", "(tap trung|lam|giai quyet) (cac )?(viec|nhiem vu|cong viec) khac",
    r"lam (cai |mot )?(bao cao|ho so|ke hoach|de an|van ban)( \w+){0,3} khac",  # another one
    "don suc", "uu tien", "lo (viec|cong tac)", "tiep doan",
    "lam viec voi doan",
    "(cho|doi) (den|het|qua|xong)",
    # "cả phòng đang dồn đoàn giám sát", "đang trực bầu cử", "đang phục vụ đại hội"
    "don (cho_?|vao|suc|doan|dot|viec)", "truc", "phuc vu", "tiep (dan|khach)",
    "do (dot|viec|cong viec|hop|doan)",  # "đang dở đợt kiểm tra của tỉnh": busy with it
    "chuan bi (cho_? )?(dai hoi|doan|dot|hoi nghi|bau cu|ky hop|le|tet)",
    # where the writer is: "em đang chạy sang bên tiếp dân", "đang chạy xe", "đang đi cơ sở"
    "chay (sang|qua|ra|ve|xuong|len|xe|di)", "lai xe", "tren (duong|xe)", "o ngoai",
    "di (co so|duong|xe|thon|ban|ap|xa|dia ban|hien truong|tiep|xuong|ra|ve)",
)  # fmt: skip

NEGATORS = frozenset({"chua", "khong", "chang", "ko"})
# Before "chờ/đợi", these make it the verb waiting ("đang chờ", "còn đợi"), not "cho" (to, for)
WAIT_ASPECTS = frozenset({"dang", "van", "con", "phai"})
# "mai" (tomorrow), not the name after a title: "chị Mai gửi báo cáo rồi"
TOMORROW = (
    r"(?<!\bchi )(?<!\banh )(?<!\bco )(?<!\bchu )(?<!\bbac )(?<!\bc )(?<!\ba )(?<!\bdong chi )mai"
)
FUTURE = table(
    "se", "sap(?! (xep|nhap))", "du kien", "(du|em|minh|toi|ben em|anh|chi|chung em) dinh",
    "phan dau", "co gang", "ke hoach la", TOMORROW, "ngay mai", "ngay kia",
    "(de|sau|qua) (ram|tet|le)",  # "để qua rằm em làm"
    "tuan (sau|toi|nay)", "thang (sau|toi)", r"thang \d+", "nam (sau|toi)", "sang tuan",
    "sang thang", "sang nam", "chieu( nay)?(?! qua)", "toi nay", "sang mai", r"thu \d", "dau thang",
    "thu (hai|ba|tu|nam|sau|bay) (toi|nay|sau)",  # "thứ hai tới bên em triển khai"
    "cuoi (tuan|thang)", "sau khi", "sau dot", "qua dot", "het dot", "doi qua", "doi den",
    "cho den", r"tu \d+/\d+", "roi moi", "de (em|e|minh|toi)", "khi nao", "bao gio",
    r"(\d+|vai|mot hai|hai ba) (hom|ngay|bua|tuan) nua",  # "2 hôm nữa bên em khởi động"
    "(sau|qua|ra|het) (tet|le|dot)",
    "(di hop|hop|di cong tac|di|ve) (ve|xong)",
)  # fmt: skip
# "… rồi à", "… chứ", "hả", "sao": opens on one of its four words (after its look-behinds)
_ASKED_BACK = (
    "((?<!% )(?<!thoi )(?<!anh )(?<!chi )(?<!chu )(?<!co )a_q|chu_q|ha|sao)"
    "( (anh|chi|em|a|ah|nhi|vay|the|nhe))*$"
)
_ASKED_BACK_OPENS = frozenset({"a_q", "chu_q", "ha", "sao"})
_QUESTION_PHRASES = (
    "bao gio", "khi nao", "the nao", "o dau", "(cho|gui|bao) ai", "phai khong", "co phai",
    "duoc khong", "dc khong", "khong (anh|chi|a|ah|nhi|nhe|nha)$",
    "khong (moi nguoi|ca nha|anh chi|cac anh chi|cac ban)$",  # "còn ngập không mọi người"
    # (not "chờ tỉnh thẩm định xem đạt chưa ạ": whether, embedded in a report)
    "(?<!da )(?<!van )(?<!xem dat )(?<!xem duoc )(?<!sua )(?<=[a-z] )chua"  # (not "sửa chữa")
    "( (anh|chi|a|ah|nhi|vay|em|the))*$",
    "cho_? (em|toi|minh) hoi", "lam sao", "nhu nao",
    # "hỏi anh" (not "phản hồi anh", nor "để em hỏi lại chị Thảo": one the writer will ask)
    "(?<!phan )(?<!hoi )(?<!de em )(?<!em se )hoi (lai )?(anh|chi)",
    "khong biet", "(?<!chut )(?<!cai )nao (a|ah)$",
    # "xong chưa là răng anh", "… là cái nào anh": what the question means, asked back
    "la (rang|sao|cai nao|viec nao|bao cao nao|xong cai gi|cai gi)"
    "( (anh|chi|a|ah|nhi|vay|rua|the|ri|em chua hieu))*$",
    # (not "mới 20% à chị": only so far, said, not asked)
    # (not "… em mới làm được anh à": "anh à" speaks to him)
    _ASKED_BACK,
    # "cần hoàn thành trước ngày mấy vậy chị": which day, asked
    "(ngay|hom|bua|luc|thu|tuan|thang) (may|nao)( (vay|the|a|ah|anh|chi|nhi|ha|rua|ri))*$",
)  # fmt: skip
QUESTION = table(*_QUESTION_PHRASES)


# The words one of which opens every match of QUESTION, as a whole word, in a text of words
# and spaces only (``Table.opens_on``, which "à/chứ/hả/sao" keeps from it being known for the
# table: its look-behinds stand inside its group): such a text without any of them asks not.
def _question_opens() -> frozenset[str]:
    opens = set(_ASKED_BACK_OPENS)
    for phrase in _QUESTION_PHRASES:
        if phrase is not _ASKED_BACK:
            words = _opens_on(phrase)
            if words is None:  # a phrase added that may open on any word: gate it by hand
                raise ValueError(f"QUESTION phrase opening on any word: {phrase!r}")
            opens |= words
    return frozenset(opens)


QUESTION_OPENS = _question_opens()
REQUEST = table(
    "xin", "de nghi", "cho_? phep", "xin phep", "duoc khong", "dc khong", "co the",
    r"cho_? (em|ben em|toi|minh|don vi|chung em)",
)  # fmt: skip
# What a percent is a share of when it is not the task's progress: "100% hồ sơ", "100% các xã"
COUNTED_AFTER = re.compile(
    r"\s*(?:cac |so )?(?:ho so|xa|phuong|thi tran|thu tuc|tthc|can bo|cong chuc|vien chuc|don vi"
    r"|co quan|nguoi|dan|doanh nghiep|truong|thon|to|ban|phong|huyen|dich vu|hai long|dong y"
    r"|muc do"  # "đạt 98% mức độ hài lòng"
    r"|van ban|kinh phi|von|ngan sach|du toan"
    r"|dung han|truoc han|tre han|qua han|truc tuyen|toan trinh"
    r"|(?:duoc )?giai quyet (?:dung|truoc|tre|qua) han)(?!\w)"
)  # money: "giải ngân 40% kinh phí" is a share; so are files on time: "98,5% đúng hạn",
# "98,7% giải quyết đúng hạn"
# A period the percent belongs to that is not now: last year's result, not this task's progress
OTHER_PERIOD = re.compile(r"(?<!\w)(?:nam (?:20\d\d|ngoai|truoc|roi)|ky truoc|cung ky)(?!\w)")
INDICATOR = table(  # a percent after these is a measure, not the task's progress
    "ty le", "ti le", "chi so", "chi tieu", "muc tieu", "hai long", "giam", "tang", "cat giam",
    "chiem",  # "312 hồ sơ trực tuyến, chiếm 67% tổng số"
    "tiet kiem",
    "so voi", "diem", "xep hang", "muc do", "giai ngan",
    # a share of the files handled: "giải quyết đúng hạn 98%", "nộp trực tuyến 45%"
    "dung han", "truoc han", "tre han", "qua han", "truc tuyen", "toan trinh",
)  # fmt: skip
# A contrast saying the delivery did not arrive: "… mà bên Sở bảo chưa nhận được".
NOT_RECEIVED = re.compile(
    r"(?<!\w)(?:chua|khong) (?:thay |duoc )?(?:\w+ ){0,2}(?<!xac )(?:nhan|den|toi)(?!\w)"
)
# Another body that has not yet delivered what the work needs: "Bên Viettel chưa bàn giao".
# Also "chưa thấy Sở TTTT cấp tài khoản" (not "chưa thấy phản hồi": the answer awaited).
_OWED = (
    "ban giao|giao|cung cap|gui|cap|phe duyet|duyet|chuyen|giai ngan|bo tri|tham dinh|xem xet"
    "|xu ly"
    "|giai quyet|huong dan"  # "Sở chưa hướng dẫn"
    "|mo cong|mo ket noi|mo quyen|cap quyen|phan quyen"  # "Bộ chưa mở cổng kết nối"
    "|dua(?= (?:so lieu|du lieu|ho so|van ban|qua|sang|ve|len))"  # "chưa đưa số liệu qua"
)
BODY_UNDELIVERED = re.compile(
    rf"(?<!\w)(?:ben (?:do|ho|kia)|(?:ben|cac)? ?(?:{_BODY}))"
    r"(?: (?!em\b|minh\b|toi\b|e\b)\w+){0,3} (?:van )?chua "
    rf"(?:{_OWED}|tra loi|tra ket qua|phan hoi|co y kien|gop y|cho y kien|thong nhat|ky|hoi am"
    r"|ket luan|co van ban|co ket qua)(?!\w)"
    rf"|(?<!\w)chua thay (?:ben |cac )?(?:{_BODY})(?: \w+){{0,2}} (?:{_OWED})(?!\w)"
)
# A person named after "chờ anh/chị …" who belongs to another body: "chị Lan bên phòng TC"
OF_BODY = re.compile(rf"(?: \w+){{0,3}} (?:ben|o|thuoc) (?:{_BODY})(?!\w)")
# Something the reader's day holds besides the task: "(đi) họp xong", "ăn cơm xong".
ACTIVITY = gated(
    r"(?<!\w)(?:(?:^|(?<=di )|(?<=vua )|(?<=moi )|(?<=em )|(?<=anh )|(?<=chi )|(?<=cuoc )"
    r"|(?<=buoi ))hop|an (?:com|trua|sang|toi)|(?:di )?cong tac(?: ve)?|tiep (?:dan|doan)"
    r"|di hoc|(?<!hoi )(?<!de )nghi(?: phep)?|di viec"
    r"|(?:kiem tra|check|doc|xem) (?:mail|email|hop thu|zalo|tin nhan))$"  # "check mail xong"
)
# A promise to report later: "em kiểm tra lại rồi báo anh sau", "chiều em cập nhật".
LATER_REPORT = gated(
    r"(?<!\w)(?:(?:bao|bao cao|gui|tra loi|cap nhat|nhan|nhan lai|phan hoi)(?: \w+){0,2} sau"
    r"|roi (?:em |minh |toi )?(?:bao|gui|tra loi|cap nhat|nhan))(?!\w)"
)
# A bare "làm ngay": a start promised now, not yet begun.
AT_ONCE = re.compile(
    r"(?<!\w)(?:lam|trien khai|thuc hien|xu ly|bat tay(?: vao)?) (?:ngay(?! \d)|lien|luon)(?!\w)"
)
ACK = table(  # (not "cán bộ đi vắng", "vắng mặt": away)
    "da nhan", "nhan duoc", "da xem", "ok", "(?<!di )vang(?! mat)", "da ro", "ro roi", "cam on"
)
