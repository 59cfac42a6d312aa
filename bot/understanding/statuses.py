"""Votes for a status, clause by clause, each weighed by what scopes over it.

Each clause (``bot.understanding.clauses``) is read on its own. Phrases of ``lexicon`` are
found in a fixed order and masked once used, so a phrase is read once: extension requests,
obstacles (not when negated, "không có vướng mắc", or solved, "đã được giải quyết"), waiting
(on another body: an obstacle; on the unit's own leader: work under way), completion, starts
that have not happened, steps of the work. What stands before a phrase in its clause scopes
over it:

* a **negation** ("chưa", "không") within three words: "chưa xong" is under way, "chưa làm"
  not started, "không vướng" no obstacle — over an obstacle it reaches across the words of
  having or meeting one ("không gặp khó khăn vướng mắc gì");
* a **future or plan marker** anywhere before ("sẽ", "dự kiến", "mai", "tuần sau", "tháng 8",
  "sau khi …"): "tuần sau mới bắt đầu" is not started, "tuần này xong" under way, weakly;
* a **hedge**: "cơ bản", "gần", "sắp" make completion under way; a **doubt** ("chắc", "hình
  như", "nghĩ là", "tạm") makes it a question for the official;
* a **part** named with the completion ("dự thảo", "phần lớn", "bước 1", "khâu …") makes it
  under way, and so does "xong phần của em", weakly;
* a **question** (``Clause.question``) silences every vote but an extension request (and
  that one too when the question asks "bao giờ/gì/nào" with no request word: "gia hạn thì
  gia hạn đến bao giờ vậy ạ?" asks about it, and a "X thì …?" topic before it is no request;
  a request only thought of, "em đang tính xin lùi", is weak); a
  yes/no question on the task's state ("xong rồi hả anh?", no "khi nào/ai/gì") marks the
  whole reply as asking, so what follows it is offered, never recorded;
* **another sense**: "xong" followed by who acts next ("họp xong em trả lời", "xong họp em
  nhắn lại") is "after"; completion followed by a "thì" clause is a condition; "để/muốn/nếu
  hoàn thành" a purpose; "kiểm tra lại" is never "trả lại"; "không … phải sửa" is not sent
  back; "lãnh đạo cho ý kiến" gives, it does not wait; "xong" after the day's other
  business ("đi họp xong", "ăn cơm xong", "đi công tác về xong") is "after", and weakly done
  when nothing follows it ("họp xong rồi ạ");
* **not yet, or not at all**: "đến 15/8 mới xong" (a time before "mới") is a plan, weakly
  under way; "sao xong được", "khó xong kịp", "xong đâu" doubt the completion, "làm gì đã xong"
  denies it; "trình ký
  rồi" is handed up for a signature (under way); "không kịp hạn" implies more time without
  asking for it, so it is asked about (extension or in progress), never recorded;
* **who did it**: "đã trình UBND tỉnh" (our part handed to a higher body), "đã làm rồi" (no
  word of completion) and "10/10 xã đã gửi" (the units, not the task) are weakly done; "3/5
  xã đã gửi" is under way;
* **waiting**: for another body an obstacle, also written as that body not having delivered
  ("bên Viettel chưa bàn giao"; not counted units, "còn 3 phòng chưa gửi": what is left); a
  bare "đang chờ" weakly; a start promised "làm ngay" is not started; a clause that promises
  to report later ("… rồi báo anh sau") makes its bare step verbs a plan;
* **not said to be so**: an obstacle after "nếu", "có gì", "lỡ" ("có gì vướng em báo") is a
  condition, no vote; "xong … rồi mới/sẽ …" ("trả lời xong kiến nghị rồi mới làm") ends what
  comes first, and the task comes after, not started; "chờ chị Lan bên phòng TC" names a
  person of another body, so it is waiting, not the unit's own leader, while in "vẫn đang
  chờ anh ạ" the "anh" is whom the reply speaks to (waiting, for whom not said); "X rồi trả
  lời anh sau" is "then", not "already"; "để em …" is an intention, a plan marker; "chờ bên
  điện lực" is any other side; "đang sửa lỗi" a fault being mended (weak);
* **said done some other way**: "trình lãnh đạo Sở ký" is with our leader to sign (under
  way, unless "… và phát hành" follows); "đã trình (Tờ trình …) lên UBND tỉnh" handed up;
  "đã cấp 1.250 chữ ký số" an act done, weakly done; "có 3 xã chưa gửi" what is left;
  "vẫn kịp" on time, under way; "sẽ tổ chức lấy ý kiến" a step planned: begun or not?
  "trình ký và phát hành rồi" is issued, done; a day before "mới làm" ("20/7 mới làm") puts
  the start off;
* **not the task's trouble**: failing to open what the coordinator sent ("không mở được
  file đính kèm trong tin nhắn") is no obstacle; "chưa ai làm" (without "có": nobody to do
  it, or nobody has begun?) is weakly an obstacle beside not started; "còn chờ thôi ạ" is
  waiting, for whom not said (weak); a step verb asked of the coordinator ("anh kiểm tra lại
  giúp em …") is no step of ours; "số hồ sơ trễ hạn" is a count, not "sợ trễ" (late);
* **going on later**: "mai làm tiếp", "chiều em làm tiếp" continue the work, so they are no
  start put off;
* **vague trouble**: "có vấn đề", "tạm dừng" are weakly an obstacle (asked about); "hơi
  chậm" is slow, an obstacle only when nothing says the work moves; "tạm ổn" is weakly done;
  "xong 1 đợt" like "xong phần của em": that part, or all of it?
* an **easing** word near an obstacle ("hơi", "chút", "xíu", "nhỏ", "chậm", also in the
  clause that "vì/do" gives the cause of) makes it weak: it competes with the work going on;
* a step verb with "được" after it ("rà soát được 20 thủ tục") is work begun; a "vì/do"
  clause giving why the work has not started ("chưa làm vì đang dồn sức cho đại hội") is
  busy elsewhere, its "đang" not the task's, and so is "đang tập trung cho …", "đang ưu tiên
  …" (its steps too) and an "đang" ended by "… xong mới chuyển sang việc này";
* a start not made of a part ("chưa làm được phần lấy ý kiến") or not of all of it ("chưa
  triển khai hết các hạng mục") is a part left: under way; a
  start after "để/đợi … xong thì …" ("để xong đợt tập huấn thì em làm luôn") is put off;
* "gia hạn" negated or said of a certificate ("chưa gia hạn được chữ ký số") is no request;
  a return under a doubt ("hình như bị trả lại") is weak; "phụ thuộc vào bên VNPT" waits, and
  so does "mới có 2 sở trả lời" (the other bodies' answers are owed; not our own "phòng");
* **a condition** (``Clause.condition``: "nếu/khi nào/hễ/miễn là …") votes nothing, but
  weakly blocked when it names what the work needs ("khi nào có kinh phí …"); its
  consequence ("… thì bên em triển khai") is a plan (unless "khi …" is a time said of the
  past: "khi nhận được văn bản, bên em đã triển khai ngay"): no done nor delivery ahead ("nếu xong
  sớm em gửi luôn"), a bare step verb a start put off, every other vote weak;
* a bare step verb ("tổng hợp", "kiểm tra") is weak (below the threshold alone) and none at
  all under a plan marker ("tuần sau trình", "họp về em kiểm tra lại").

A vote has a status, a weight in (0, 1] (1: said outright; about 0.5: said weakly) and a kind
that ``combine`` uses to settle competing votes. See ``bot.understanding.reader``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.understanding import lexicon as lx
from bot.understanding.clauses import Clause
from storage.enums import Status

D, IP, B, X, NS = (
    Status.DONE, Status.IN_PROGRESS, Status.BLOCKED, Status.EXTENSION_REQUESTED, Status.NOT_STARTED
)  # fmt: skip
_AFTER_XONG = re.compile(  # "họp xong em trả lời", "xong việc kia em làm tiếp": "after"
    r"( (hop|cuoc hop|ky hop|buoi \w+|dot \w+|viec(?: \w+){1,3}?|cong tac|cai \w+|\w+ nay|\w+ kia"
    r"|(?:ca|phien)(?: \w+){0,3}?))?"  # "xong ca tiếp dân em gọi lại": after the shift
    r" (em|e|anh|chi|minh|toi|ben em|se|moi|cuoc|buoi|dot|roi em|roi moi|thi|la|e se|em se)\b"
    r"(?= (?!(?:a|ah|oi|nhe|nha|nhi|roi|a_q|nhe)\b)\w)"  # then a verb: not "xong anh ạ"
)
_THEN_THIS = re.compile(  # "… em mới chuyển qua việc này": this task, only after that
    r" (?:thi |roi )?(?:em|e|minh|toi|tui|ben em) (?:moi|se|moi bat dau|se bat dau)"
    r" (?:chuyen (?:qua|sang)|lam|bat tay(?: vao)?|bat dau|trien khai|quay (?:qua|sang|lai)|toi"
    r"|den|sang)(?: \w+){0,2}? (?:viec nay|cai nay|nhiem vu nay|vu nay|cai ni|viec ni)(?!\w)"
)
_BY_THEN = re.compile(
    r"(?<!\w)(?:chung do|luc do|khi do|den luc do|toi luc do|hom do|bua do)(?!\w)"
)
_THIS_PERIOD = frozenset({"tuan nay", "hom nay", "thang nay", "chieu nay", "sang nay"})
_GOING_ON_SAID = re.compile(r"(?<!\w)dang (?:trien khai|lam|thuc hien|tien hanh)(?!\w)")
_CARRIED_ON = re.compile(r" (?:dut diem|not|tiep|cho xong|cho het)(?!\w)")
_GO_ON = re.compile(r"(?<!\w)(?:lam tiep|tiep tuc|lam not)(?!\w)")
_WHETHER_ALLOWED = re.compile(  # asked whether more time may be had, not asked for
    r"(?<!\w)co (?:duoc )?(?:xin )?(?:gia han|lui(?: han)?|keo dai)(?: \w+){0,3}"
    r" (?:khong|ko|hong|k|hem|ha)(?!\w)"
)
_ASKED_FOR = re.compile(
    r"(?<!\w)(?:em|ben em|toi|minh|chung em|xa|phuong|don vi) xin (?:gia han|lui|phep|them)"
    r"|(?<!\w)cho_? (?:em|ben em|xa|phuong|don vi) (?:gia han|lui|xin|them|den|toi)(?!\w)"
    r"|(?<!\w)de nghi(?!\w)"
)
_YES_NO = re.compile(r"(?<!\w)(?:khong|ko|hong|k|hem|ha|chua)(?: (?:a|ah|anh|chi|vay|nhi))*$")
_KICK_OFF = frozenset({"hop trien khai", "nghi trien khai", "hop khoi dong", "hop giao viec"})
_START_AFTER = re.compile(
    r" (?:thi )?(?:em|e|minh|toi|tui) (?:se )?(?:lam|bat tay|bat dau|trien khai)"
    r"(?: (?:lam|luon|ngay|lien))?(?: (?:viec nay|cai nay|nhiem vu nay|viec (?:anh|chi) nhac"
    r"|cai (?:anh|chi) nhac))?"
    r"(?: (?:a|ah|anh|chi|nhe|nha))*$"
)
_FILLERS = frozenset({"duoc", "the", "kip", "lam", "co", "van", "hoan", "thuc", "hien", "ky"})
_GIVE_VERBS = frozenset({"gui", "nop", "chuyen", "bao", "trinh", "giao", "xin", "de", "ky", "phat"})
_RENEWED = re.compile(  # "gia hạn chữ ký số", "gia hạn thẻ BHYT cho bà con": renewed, no request
    r" (?:lai |xong )?(?:chu ky so|chung thu|tai khoan|token|giay phep|the|bhyt|hop dong"
    r"|bao hiem)(?!\w)"
)
_STEP_OBJECT = re.compile(r"xin y kien|gop y|de nghi|xin")
_UNDELIVERED = lx.table(
    "(chua|khong) (duoc )?(gui|ky|trinh|nop|ban hanh|phat hanh|dang_? tai|dong dau|vao so|duyet"
    "|phe duyet)",
    # "hoàn thành rồi nhưng chưa nhập lên phần mềm" (not "quên chưa nhập": the report, late)
    "(?<!quen )(chua|khong) (duoc )?(nhap|dang|up|tai|dua|day) len",
    "(chua|khong) (duoc )?cap nhat",  # "có 3 thủ tục chưa cập nhật, còn lại xong hết"
)
# What may stand before "mới xong" to make it "not until then": a time ("15/8 mới xong")
_NOT_UNTIL = re.compile(  # ("sát hạn mới xong": near the deadline)
    r"(?:\d|thang|tuan|mai|sau|cuoi|dau|quy|tet|nua|ngay|hom|han) (?:\w+ )?moi$"
)
_DOUBTING = frozenset({"sao", "kho", "lam sao"})  # "sao xong được", "khó xong kịp"
_STILL = frozenset({"van"})
_STARTED = frozenset(
    {"tiep tuc", "lam tiep", "lam do", "lam duoc", "da lam", "moi lam", "on track"}
)
_GIVERS = frozenset(
    "dao doc tich truong phong so tinh huyen xa ubnd bo nganh anh chi sep ld gd vien trach pgd"
    " pct ct tp ptp".split()
)
_STILL_GOING = lx.gated(
    r"(?<!\w)(?:van (dang |con )?(lam|tiep tuc|thuc hien|trien khai)"
    r"|(?:dang|van) (?:lam|xu ly|lam viec|phoi hop|trao doi)(?: \w+){0,2} tiep"
    r"|van (?:dang )?(?:tranh thu|co gang|co) (?:lam|lam bu)|lam bu)(?!\w)"  # "tối em vẫn tranh
    # thủ làm bù", "nhưng em vẫn đang cố làm"
)
_DANG = re.compile(r"(?<!\w)dang( +|$)")
_WH = re.compile(
    r"(?<!\w)(?:bao gio|khi nao|the nao|o dau|ai|gi|sao|nao|ngay nao|bao nhieu|ngay may|bao lau"
    r"|toi da)(?!\w)"
)
_SUBMITTED = re.compile(  # "đã trình (Tờ trình số 30/TTr-STP …) lên UBND tỉnh"
    r"(?<!\w)da (?:duoc )?trinh(?: \S+){0,8}? (?:len |den |toi )?(?:ubnd|hdnd|tinh|bo|chinh phu"
    r"|thuong truc|ban thuong vu|cap tren|chu tich)(?!\w)"
    r"|(?<!\w)da (?:duoc )?trinh(?: roi)?(?: (?:a|ah|anh|chi))*$"  # "đã trình rồi ạ": to whom?
)
_UNITS_BEFORE = re.compile(  # "có 3 xã chưa gửi": counted units that owe their part
    r"(?<!\w)\d+ (?:xa|phuong|don vi|phong|so|truong|huyen|co quan|nganh|thon|ban|dia phuong"
    r"|thu tuc|tthc|ho so|muc|noi dung) $"
)
_COUNT = lx.gated(  # "10/10 xã", "4/7 phòng" as the subject of a delivery
    r"(?<![\w/.-])(\d{1,3}(?:\.\d{3})*)/(\d{1,3}(?:\.\d{3})*) (?:xa|phuong|thi tran|huyen|don vi"
    r"|phong|so|co quan|truong|ho so|thu tuc|tthc|ban|nganh|dia phuong|thon|to|cap)(?!\w)"
)
_COUNTED = re.compile(r"(?<!\w)\d+ $")
_OBSTACLE_FILLERS = frozenset(
    {"co", "gap", "bi", "gi", "phat", "sinh", "kho", "khan", "vuong", "mac", "them", "con", "la"}
    | {"lo", "so", "ngai"}  # "nên không lo thiếu người": no worry of it
)
_ACHIEVED = re.compile(r" duoc(?! khong)(?!\w)")  # "rà soát được 20 thủ tục": some done
_REFERENCE = lx.gated(r"(?<![\w/])\d+/(?:\d{4}/)?[a-z]+-[a-z]")  # "05/kh-ubnd"
_ISSUED = re.compile(r"(?<!\w)(?:xong|phat hanh|ban hanh|gui)(?!\w)")
_SEND_NEXT = re.compile(r" (?:(?:em|e|minh|toi) )?(?:se )?(?:gui|nop|chuyen)(?!\w)")
_ADDRESS = frozenset({"anh", "chi", "a", "c"})
_DONE_TAIL = frozenset({"roi", "r", "a", "ah", "anh", "chi", "nhe", "nha", "em"})


@dataclass(frozen=True, slots=True)
class Vote:
    status: Status | None  # None: a mark, not a status ("dispute", "question", "ack", …)
    weight: float
    clause: int
    kind: str


# Every word a vote can start from (the tables' first words, and the words the rules below
# look for): a clause with none of them votes nothing, and is not scanned table by table.
_SCANNED = (
    lx.DISPUTE, lx.EXTENSION, lx.LATE, lx.DONE, lx.PROGRESS, lx.OBSTACLE, lx.NOT_STARTED,
    lx.NEGATED_OBSTACLE, lx.WAITING, lx.OWN_WAIT, lx.CONDITION, lx.NEUTRAL, lx.RETURNED,
    lx.START_VERB, lx.PLANNING, lx.ACK, lx.UNDONE, _UNDELIVERED, lx.TROUBLE, lx.HALT,
    lx.FINE, lx.SLOW,
)  # fmt: skip
assert all(t.starts is not None for t in _SCANNED)
_TRIGGERS = frozenset().union(*(t.starts or () for t in _SCANNED)) | {
    "dang", "van", "chua", "trinh", "ngay"
}  # fmt: skip


def votes(clauses: list[Clause]) -> list[Vote]:
    """Every vote of every clause, in order."""
    found: list[Vote] = []
    when = -1  # a "khi …" said of the past ("khi nhận được văn bản, bên em đã triển khai ngay")
    for i, clause in enumerate(clauses):
        if clause.condition and _WHEN.match(clause.text) and i + 1 < len(clauses):
            if _PAST_THEN.search(clauses[i + 1].text):
                when = i
        following = clauses[i + 1].lead if i + 1 < len(clauses) else ""
        cause_of = clauses[i - 1].text if i and clause.lead in ("vi", "do") else ""
        if clause.condition and when != i:
            if _NEEDED.search(clause.text):  # "khi nào có kinh phí thì …": what the start waits on
                only_then = i + 1 < len(clauses) and _ONLY_THEN.search(clauses[i + 1].text)
                found.append(Vote(B, 0.9 if only_then else 0.5, clause.index, "condition"))
            elif _REQUEST_IF.search(clause.text):  # "có gì em xin thêm ít hôm": more time, if
                found.append(Vote(X, 0.5, clause.index, "late"))  # need be: asked about
            continue  # "nếu xong sớm …": supposed, not said to be so
        if not _TRIGGERS.isdisjoint(clause.text.split()):
            previous = clauses[i - 1].text if i else ""
            if i > 1 and _DAY_ONLY.match(previous):  # "sau kỳ họp HĐND xã (22/7) thì …": the
                previous = clauses[i - 2].text  # day in brackets dates the clause before it
            # (a clause's text is its words joined by single spaces: eight words, seven spaces)
            short = [c.text for c in clauses[max(i - 2, 0) : i] if c.text.count(" ") <= 7]
            linked = clauses[i + 1].text if following else ""  # "… | nên hơi chậm"
            said = _clause_votes(clause, following, cause_of, previous, " ".join(short), linked)
            if clause.consequence and when != i - 1:  # a plan under a condition: asked about
                said = [
                    Vote(NS, 0.5, v.clause, "future_start")  # "… thì triển khai": a start ahead
                    if v.kind in ("step", "started")
                    # "nếu không có gì phát sinh thì thứ 6 này xong": a finish foreseen, so the
                    # work is under way
                    else Vote(IP, 0.6, v.clause, "forecast")
                    if v.status is D or v.kind == "future_done"
                    else Vote(v.status, min(v.weight, 0.5), v.clause, v.kind)
                    if v.status and (v.kind != "extension" or _IF_LATE.search(clauses[i - 1].text))
                    else v  # "nếu … chưa cấp kinh phí thì em xin lùi": asked now; "nếu không kịp
                    # em xin thêm": only if need be
                    for v in said
                ]
            if (
                following == "thi" and clauses[i + 1].question and _WH.search(clauses[i + 1].text)
            ):  # "gia hạn thì gia hạn đến bao giờ?": the topic of a question, no request
                said = [v for v in said if v.status is not X]
            found += said
    return found


_UNSURE_FAULT = lx.gated(  # "chắc là vướng …", "… hay gì ấy", "lúc được lúc không"
    r"^(?:\w+ ){0,3}chac la |(?<!\w)hay (?:gi|sao) (?:ay|do|day)(?!\w)"
    r"|(?<!\w)luc (?:duoc|co) luc (?:khong|ko|mat)(?!\w)"
)
_STEP_AFTER = re.compile(r" (?:lay y kien|hop|gop y|xin y kien|hoi nghi|tap huan)(?!\w)")
_LET_ME = re.compile(r"^(?:(?:the|vay|thoi|da) )?de ")
_BODY_SAYS = re.compile(  # another body said it: "Sở gọi nói là …", "họ bảo …"
    r"(?:^| )(?:so|ho|tinh|ubnd tinh|ben do|ben so|van phong)(?: \w+){0,2} (?:bao|noi|tra loi)"
    r"(?: la)? $"
)
_SYSTEM_AS_SUBJECT = ("he thong ", "he thong lai ", "phan mem ", "phan mem lai ", "cong ")
_GUIDANCE_NOT_ISSUED = re.compile(  # a higher body's form or guidance not issued yet
    r"(?<!\w)(?:mau|bieu mau|huong dan|quy dinh|bo tieu chi|danh muc)(?: \w+){0,2}"
    r" (?:cua )?(?:so|bo|tinh|ubnd tinh|trung uong)(?: (?!em|minh|toi)\w+){0,3} (?:van )?chua"
    r" (?:ban hanh|phat hanh|ra|co)(?!\w)"
)
_AWAY_STATES = ("hoc lop", "di hoc", "nghi phep", "nghi om", "nghi sinh", "nghi che do", "om",
                "nam vien", "dieu tri", "nghi thai san")  # fmt: skip
_STILL_IN_TIME = re.compile(r"^nhung (?:chac |se )?(?:van )?(?:trong han|kip han|dung han|kip)")
_PARTY_BODY = ("bo xa", "bo phuong", "bo tinh", "bo co so", "bo so", "bo cac")
_ELSEWHERE = re.compile(
    r"(?:lam |lo |xu ly )?(?:cai|viec|cong viec|nhiem vu|may viec|may cai|bao cao|ho so)"
    r"(?: \w+)? khac(?!\w)"
)
_THEY = re.compile(r"(?:^| )(?:may anh|may chi|ho|ben do|ben so|ben no|ben nay|ben tinh) $")
# a higher body opening the clause, appraising what was handed in: "Sở đang thẩm định" (not
# "hiện Sở đang tổng hợp báo cáo": a Sở's own work, said by its staff)
_HIGHER_SUBJECT = re.compile(
    r"^(?:(?:con|thi|ma|gio|hien|hien gio|bay gio|chu|nhung) )?(?:so|bo|ubnd tinh|tinh"
    r"|so (?:noi vu|tai chinh|tu phap|y te|giao duc|xay dung|cong thuong|khoa hoc va cong nghe"
    r"|khcn|kh&cn|nong nghiep|tai nguyen|van hoa|ke hoach|lao dong|thong tin))(?: lai)? $"
)
_APPRAISING = ("tham dinh", "xem xet", "phe duyet", "duyet", "tiep nhan")
_REVIEWING = ("xem", "coi", "xu ly", "tham dinh", "kiem tra", "tong hop", "trinh")
_OUTING = lx.gated(
    r"(?:^| )di (?:tap huan|hoc|hop|cong tac|kiem tra|viec|vien|benh vien|kham|cuu tro|truc"
    r"|chong lu|ho tro|dam|tiep dan)(?: \w+){0,4}$"
)
_TO_YOU = re.compile(r"(?:da )?(?:gui|nop)(?: cho_?)? (?:anh|chi|a|c|dong chi)(?!\w)")
_DRAFTED = re.compile(r"^(?:da )?du thao(?! xong)(?!\w)")
_BUSY_TODAY = re.compile(  # a day taken by other business: "nay họp cả ngày", "hôm nay đi công tác"
    r"(?<!\w)(?:nay|hom nay|hom qua|ca tuan nay|may hom nay)(?: \w+){0,2}"
    r" (?:hop|di hop|di cong tac|tiep doan|ban)(?: \w+){0,3}"
)
_AT_ONCE_NEXT = re.compile(r" (?:ngay|luon)(?!\w)")
_HALTED_FOR = re.compile(r" (?:vi|do|de cho|de doi|cho|doi) ")
_ABOUT_DAY_BEFORE = re.compile(
    r"(?<!\w)(?:khoang|tam|de|den|toi|sau) \d{1,2}/\d{1,2} (?:(?:em|e|minh|toi|ben em) )?$"
)
_XONG_THEN = re.compile(r"(?<!\w)xong (?:roi|thi|la) $")
_AT_ONCE_AFTER = re.compile(r" (?:ngay|luon|lien)(?!\w)")
_DONE_THEN = re.compile(r"(?<!\w)xong (?:roi )?(?:em|e|minh|toi) (?:moi )?$")
_DAY_ONLY = lx.gated(r"(?:(?:khoang|tam|ngay|tu|den|truoc) )?\d{1,2}/\d{1,2}(?:/\d{2,4})?$")
_DAY_BEFORE = re.compile(  # "22/7 bắt đầu", "khoảng 27/7 em bắt đầu làm"
    r"(?<![\w/.-])\d{1,2}/\d{1,2}(?:/\d{2,4})? (?:(?:em|e|minh|toi|ben em|xa|phuong|phong) )?$"
)
_DAY_AFTER = re.compile(  # "bắt đầu từ 21/7", "bắt đầu làm từ chiều nay"
    r"(?: lam)? (?:tu|vao)(?: ngay)? (?:\d{1,2}/\d{1,2}(?![\d/])|chieu nay|toi nay|ngay mai|mai"
    r"|tuan sau|tuan toi|thang sau|thang \d{1,2}(?![\d/]))"
)
_LATER_STEPS = ("tong hop", "soan", "soan thao", "xay dung", "ra soat", "lap")
_PART_NAMED = re.compile(
    r"con (?:lai )?(?:phan|buoc|khau|muc|noi dung|giai doan|dot|hang muc)(?!\w)"
)
_INSTRUCTED = lx.gated(  # a completion asked of other units, or passed on to them
    r"(?<!\w)(?:de nghi|yeu cau|nhac|don doc|doc thuc|chi dao) (?:cac|tat ca|nhung)(?: \w+){1,3}$"
)
_PRAISE = lx.gated(
    r"(?:(?:em|e|xin|xin duoc) )?(?:chuc mung|khen ngoi|bieu duong|tuyen duong)(?!\w)"
)
_COPY_NOT_YET = lx.gated(  # "…, bản điện tử chưa": that copy not yet
    r"(?:con )?ban (?:dien tu|giay|mem|cung|scan|goc|chinh|ky so|co dau)(?: \w+)? (?:thi )?chua"
    r"(?: (?:a|ah|nhe|nha|anh|chi|co|duoc|gui|nop|up|upload|day|len|tai len))*$"
)
_NOT_THAT_ONE = re.compile(r"thi (?:van )?chua(?: (?:a|ah|nhe|nha|anh|chi|co|duoc|gui|nop))*$")
_THIS_ONE_NAMED = re.compile(r"^(?:con |nhung |rieng )?(?:cai|viec|nhiem vu|vu) (?:nay|ni)$")
_MEETING_THEN = re.compile(
    r" (?:cuoc hop|buoi hop|hop|hoi nghi|buoi \w+)(?: \w+){0,2}? (?:roi )?(?:em|e|minh|toi) \w"
)
_GRANTED_PAST = re.compile(r"(?<!\w)da (?:duoc )?(?:dong y|chap thuan|cho phep|duyet)(?!\w)")
_NO_NEED_THEN = re.compile(r"thi (?:cung )?(?:khong|chang|chua|khoi) (?:can|phai)(?!\w)")
_GRANTED = re.compile(r"(?<!\w)(?:duoc )?(?:dong y|chap thuan|cho phep|duyet)(?: roi)?(?!\w)")
_LAST_YEAR = lx.gated(r" (?:la )?(?:cua )?(?:nam ngoai|nam truoc|nam cu|nam 20[12]\d)(?!\w)")
# "chờ xem Sở có góp ý gì không", "để coi có ý kiến gì hông": whether the receiver has
# anything to say, a reaction to the product only
ANY_REMARKS = re.compile(
    r"(?<!\w)(?:xem|coi) (?:(?:so|ho|tinh|ben|ben so|ben do|ben kia|lanh dao so|van phong|vp"
    r"|ubnd)(?: (?!anh|chi)\w+){0,3} )?(?:co )?(?:phai |can )?"
    r"(?:y kien|gop y|can sua|sua|chinh sua|yeu cau|phan hoi|tra loi)"
    r"(?: (?:chinh sua|bo sung|sua|them))? gi(?!\w)"
    # "coi bển phản hồi sao": what that side says to it
    r"|(?<!\w)(?:xem|coi) (?:ben |ben do |ben kia |so |tinh |ho )(?:phan hoi|noi|tra loi|bao)"
    r" (?:sao|the nao|ra sao)(?!\w)"
    # "đợi bên Sở xem thế nào", "ngồi đợi coi bển nói sao": what they make of it
    r"|(?<!\w)(?:cho|doi)(?: \w+){0,4} (?:xem|coi)(?: \w+){0,2} (?:the nao|sao|ra sao)(?!\w)"
)
# "gửi rồi mà chưa thấy Sở nói gì", "bên Sở chưa nói chi hết", "bên kia báo sao em chưa
# biết", "coi bển phản hồi sao", "chưa biết bên đó có yêu cầu bổ sung gì không": the
# receiver's reaction to the product not yet known
NO_REACTION = lx.gated(
    r"(?<!\w)chua (?:thay |co |nhan duoc |duoc )?(?:\w+ ){0,3}?(?:phan hoi|tra loi|noi|y kien"
    r"|hoi am|bao lai|bao) (?:gi|chi|j)(?!\w)"
    r"|(?<!\w)chua thay (?:\w+ ){0,3}(?:xac nhan|tiep nhan)(?!\w)"  # "chưa thấy Sở xác nhận"
    r"|(?<!\w)khong thay (?:ai |ben nao |so |ho |ben do )?(?:phan hoi|tra loi|hoi am)(?!\w)"
    r"|(?<!\w)(?:ben kia|ben do|ben so|ben|ho|so|tinh) (?:bao|noi|phan hoi|tra loi) (?:sao|the nao"
    r"|ra sao) (?:em |minh |toi )?(?:chua|khong) (?:biet|ro)(?!\w)"
    r"|(?<!\w)(?:xem|coi) (?:\w+ ){0,2}(?:phan hoi|noi|tra loi|bao) (?:sao|the nao|ra sao)(?!\w)"
    r"|(?<!\w)(?:khong|chua) biet (?:\w+ ){0,3}co (?:yeu cau|y kien|can)(?: \w+){0,2} gi"
    r" (?:khong|ko|hong|k)(?!\w)"
)
_UNANSWERED_END = lx.gated(
    r"(?<!\w)chua (?:duoc |co |thay )?(?:(?:ai|ben nao|don vi nao|noi nao|xa nao|phong nao) )?"
    r"(?:phan hoi|tra loi|hoi am|ket qua)(?: (?:a|ah|anh|chi))*$"  # "chưa thấy ai phản hồi"
)
_NO_ANSWER = re.compile(
    r"(?<!\w)chua (?:duoc |thay |co |nhan duoc )?(?:van ban |cong van )?(?:phan hoi|tra loi|hoi am"
    r"|y kien|ket qua|quyet dinh)(?!\w)|(?<!\w)chua (?:thay|duoc) (?:phe duyet|duyet)(?!\w)"
    r"|(?<!\w)chua duoc (?:xu ly|giai quyet|khac phuc)(?!\w)"  # "… nhưng chưa được xử lý"
)  # (not "dự toán chưa phê duyệt, bên em chưa làm gì": not begun, read below)
_OWN_UNIT_SILENT = re.compile(  # a phòng (not of the Sở, province or district) not answering
    r"(?:con )?phong(?! so| tinh| huyen)(?: \w+){0,4} chua (?:tra loi|phan hoi|gop y|co y kien)"
)
_OWN_CONSULTED = re.compile(  # our own phòngs' comments on our draft
    r"(?:cho|doi) (?:cac |may |\d+ )?(?:phong|bo phan|to)(?! so| tinh| huyen)(?: chuyen mon)?"
    r"(?: (?:cua|trong|thuoc) so)?(?: \w+)? (?:gop y|cho y kien|co y kien)(?!\w)"
    # "chờ ý kiến của phòng Văn hóa - Xã hội và phòng Kinh tế bên UBND xã": the commune's own
    r"|(?:cho|doi) (?:y kien|gop y) (?:cua )?(?:cac |\d+ )?phong (?!so\b|tinh\b|huyen\b)"
    r"(?:\w+ ){1,8}(?:ben|cua|thuoc) (?:ubnd|uy ban) (?:xa|phuong)(?!\w)"
)
# a phòng waited for after our own consultation was said ("chờ các phòng góp ý xong là em tổng
# hợp, | đang đợi phòng TCCB với phòng KHTC"): the same consultation
_PHONG_WAITED = re.compile(r"(?:dang )?(?:cho|doi) (?:cac )?phong (?!so\b|tinh\b|huyen\b)\w+")
_OPINIONS = re.compile(r"(?<!\w)(?:xin y kien|gop y|lay y kien)(?!\w)")
# what owes an answer: "đã chuyển Sở Nội vụ thẩm định …, chưa thấy phản hồi"
_ASKED_OF = re.compile(
    r"(?<!\w)(?:xin y kien|de nghi|cong van xin|van ban xin|tham dinh|phe duyet|trinh)(?!\w)"
    r"|(?<!\w)(?:bao|phan anh|kien nghi)(?: cho)? (?:so|tinh|bo|kho bac|vnpt|viettel)(?!\w)"
)
_FILE_FAULT = re.compile(
    r"(?<!\w)(?:file|tep|bieu mau)(?: \w+){0,2} (?:bi )?loi (?:font|dinh dang|ma)"
    r"|(?<!\w)loi (?:font|phong chu)(?!\w)"  # "bản em có bị lỗi font": a copy's letters
)
_FILE_ASKED = re.compile(  # the coordinator asked to send a file (again)
    r"(?<!\w)(?:gui lai|gui|cho_? (?:em )?xin|xin)(?: lai)? (?:em |cho_? em )?"
    r"(?:file|tep|ban|tai lieu|mau|bieu mau)(?!\w)"
)
_DATA_LOST = re.compile(
    r"(?<!\w)(?:may|may tinh|laptop|usb|o cung)(?: \w+){0,3} (?:hong|hu|loi|mat)(?!\w)"
    r"|(?<!\w)mat (?:het )?(?:du lieu|file)(?!\w)"
)
_FEW_ANSWERED = lx.gated(
    r"(?<!\w)(?:moi|chi) (?:co )?(?:\d+|vai|mot vai|mot so|it) (?:so|xa|phuong|huyen|co quan|nganh"
    r"|bo|dia phuong)(?: \w+){0,2} (?:tra loi|phan hoi|gop y|cho y kien|co y kien)(?!\w)"
)  # other bodies only: our own "phòng" answering late is work going on (heldout_r6)
_BARE_WAIT = lx.gated(  # "còn chờ thôi ạ", "vẫn đợi": waiting, nothing named
    r"^(?:(?:gio|bay gio|hien gio|nhung|ma) )?(?:(?:em|e|ben em) )?"
    r"(?:con|van|ngoi|van ngoi|con ngoi) (?:dang )?(?:cho|doi)"  # "giờ ngồi chờ thôi"
    r"(?: (?:thoi|a|ah|anh|chi|nhe|nha|day))*$"
)
_SUBJECT_WORDS = frozenset(
    {"em", "e", "minh", "toi", "ben", "xa", "phuong", "phong", "truong", "se"}
)
_TIME_AHEAD = re.compile(
    r"(?<!\w)(?:(?:\d+|vai|mot hai|hai ba) (?:hom|ngay|bua|tuan) nua"  # "2 hôm nữa"
    r"|tuan (?:sau|toi)|thang (?:sau|toi)|sang (?:tuan|thang)|mai|ngay mai|sau khi"
    r"|sau (?:dot|ky|dai hoi|hop)|(?:cuoi|dau|giua) thang"
    r"|thu (?:hai|ba|tu|nam|sau|bay|[2-7]) (?:toi|tuan sau))(?!\w)"  # "thứ Hai tới (20/7) …"
)  # ("để sau đợt kiện toàn nhân sự (khoảng cuối tháng 8) xã mới làm được")
_CHASED = re.compile(
    r"(?<!\w)(?:du|mac du|da|e|em)(?: (?:em|e|minh|toi|ben em))? (?:da )?(?:nhac|don doc|doc thuc"
    r"|nhac nho|hoi|giuc|goi)(?: \w+){0,2}"
    r" (?:lan|roi|nhieu lan|mai)(?!\w)"
    r"|(?<!\w)(?:nhac|don doc)(?: \S+){1,5} (?:den gio|den nay|toi gio) (?:van )?chua(?!\w)"
)  # "em nhắc từ hôm 8/7 đến giờ vẫn chưa có"
_OUR_PARTY = re.compile(r" (?:cua )?(?:dang uy|chi bo|thuong truc dang uy) (?:xa|phuong)?(?!\w)")
_OWN_VERDICT = re.compile(
    r"(?:cho|doi) (?:y kien|phe duyet|duyet|chi dao|ket luan|xac nhan)(?: cua)?(?: (?:anh|chi))?"
    r" (?:giam doc|pho giam doc|chu tich|pho chu tich|truong phong|truong ban|sep|thu truong)(?!\w)"
    # "chờ Ban Giám hiệu duyệt nội dung": the school's own leaders
    r"|(?:cho|doi) (?:ban giam hieu|bgh|ban giam doc|bgd|ban lanh dao|thay hieu truong"
    r"|co hieu truong|hieu truong)(?!\w)"
)
_COUNT_REACHED = re.compile(  # a verb, "được", a count of units (not of days, not a percent)
    r"(?<!\w)(?!chua |khong |ko |chang )[a-z]+ (?:them )?duoc (?:khoang |tam |gan |hon )?\d[\d.]*"
    r" (?!%|phan tram|ngay|tuan|thang|nam|hom|gio|lan|buoi|bua|phut)[a-z]+"
)
_NOT_QUITE = re.compile(r"thi (?:van |cung )?(?:chua|khong|chang) (?:han|xong|hoan toan|dau)(?!\w)")
_NONE_THEN = re.compile(r"thi (?:cung )?(?:khong|ko|k|chua|chang) (?:co )?(?:gi|chi)(?!\w)")
_CHANNELS = "email|mail|zalo|buu dien|duong buu dien|ban scan|tay"  # ways a product is sent
_SENT_VIA = re.compile(
    rf"(?<!\w)(?:gui|nop|chuyen|up)(?: \w+){{0,3}} (?:qua|bang|theo duong) (?:{_CHANNELS}"
    r"|ban giay)(?!\w)"
)
_RESENT = re.compile(
    r"(?<!\w)(?:gui|nop|chuyen) lai (?:\w+ )?(?:roi|r)(?!\w)|(?<!\w)da (?:gui|nop) lai"
)
_SENT_ANYWAY = re.compile(
    r"nen (?:em |e |minh |ben em |toi )?(?:da |phai )?(?:gui|nop|chuyen|up)(?: \w+){0,4}"
    rf" (?:qua|bang|theo duong) (?:{_CHANNELS})(?!\w)"
)
_LATE_ANSWER = lx.gated(  # the reply itself late, not the work
    r"(?<!\w)(?:gio|bay gio|nay|hom nay) moi (?:nhan duoc|nhan|doc duoc|doc|xem duoc|xem|tra loi"
    r"|bao|bao cao|nhan tin|nhan duoc tin|vao duoc|vao|lien lac|rep|hoi am)(?!\w)"
    r"|(?<!\w)(?:tra loi|nhan tin|rep|phan hoi|bao cao) (?:anh |chi |a |c )?(?:cham|tre|muon)(?!\w)"
    r"|(?<!\w)(?:chua|khong) (?:tra loi|rep|nhan tin|bao lai)(?: anh| chi| a| c)? kip(?!\w)"
)
_A_LITTLE = re.compile(r" (?:chut xiu|chut it|ti chut|chut|ti|xiu|it)(?: (?:thoi|a|ah|anh|chi))*$")
# a message of the writer's own sent wrong: "nhắn nhầm ạ", "nhắn nhầm nhóm", "gửi nhầm file"
# (not "anh nhắn nhầm người rồi", "gửi nhầm đơn vị": the task sent to the wrong unit)
_OWN_SLIP = re.compile(
    r"(?:nhan|gui) nham(?: (?:nhom|file|tin|a|nha|nhe|anh|chi|a oi|chi oi|roi a))*"
    r"(?! (?:nguoi|don vi|xa|phuong|phong|ben|so|co quan|cho|sang|ve))(?!\w)"
)
_ERRAND = re.compile(
    r"(?:chuyen|don|be|khieng|ke|dua) do(?: dac)?(?!\w)|(?:so tan|di doi|cuu tro|chong lu"
    r"|truc (?:bao|lu)|phun|tiem)(?!\w)"
)
_FULLY = re.compile(r" (?:day du|het|het sach|toan bo|tron ven)(?: \w+){0,10}? roi(?!\w)")
_AFTER_HOURS = re.compile(r" (?:gio hanh chinh|gio lam(?: viec)?|ca truc|buoi chieu)(?!\w)")
_AFTER_BUSINESS = re.compile(  # "xong việc bên tiếp dân tui coi lại …": then the writer acts
    r" (?:viec|ca|buoi|dot|cuoc|phien)(?: \S+){1,5}? (?:em|e|minh|toi|anh|chi)"
    r" (?:coi|xem|kiem tra|ra soat|lam|gui|bao|tra loi|cap nhat|nop)(?!\w)"
)
_MOVED = re.compile(  # what is carried to a new office
    r" (?:may tinh|may moc|may in|may|do dac|do|ban ghe|tu|tru so|van phong|phong lam viec"
    r"|nha)(?!\w)"
)
_MEETING_STEP = re.compile(  # a meeting that is a step of the work: "đang họp triển khai"
    r"hop (?:de )?(?:trien khai|thong nhat|lay y kien|xin y kien|gop y|ban bac|ban ve|thao luan"
    r"|danh gia"
    r"|xet|tham dinh|nghiem thu|chot)(?!\w)"
)
# "kịp" then a sending on a day gone by: sent in time
_SENT_IN_TIME = re.compile(
    r" (?:gui|nop|trinh|chuyen)(?: \w+){0,6} (?:hom qua|tuan truoc|hom thu \w+|thu \w+ tuan"
    r" truoc|sang nay|chieu qua|ngay \d{1,2}/\d{1,2}|roi)(?!\w)"
)
_SLIP_TO_YOU = re.compile(
    r"(?<!\w)(?:tin(?: nhan)?(?: \w+){0,2} )?(?:em|e|minh) (?:gui|nhan) nham cho_?"
    r" (?:anh|chi|a|c)(?!\w)"
)
_GOING_TO_WORK = re.compile(r" *(?:$|(?:em|e|minh|toi|thi|roi)(?!\w))")
_SLOWED = re.compile(r"(?<!\w)(?:moi (?:dat|duoc|lam duoc)|hoi cham|cham|tre)(?!\w)")
_IF_LATE = re.compile(r"(?<!\w)(?:(?:khong|ko|chua) kip|tre|cham|qua han)(?!\w)")
_REQUEST_IF = re.compile(  # a request put under "có gì/nếu … thì": foreseen, not made
    r"(?<!\w)(?:em|e|minh|ben em|toi) (?:se )?xin (?:them|lui|gia han)(?!\w)"
)
_WHEN = re.compile(r"(?:(?:nhung|con|ma) )?khi (?!nao)")
_PAST_THEN = re.compile(r"(?<!\w)(?:da|vua)(?!\w)")  # not "mới": "thì mới … được"
_ONLY_THEN = re.compile(r"(?<!\w)moi (?:\w+ ){1,7}duoc(?!\w)")  # "… thì mới triển khai được"
_HANDLING_FAULTY = re.compile(
    r"(?<!\w)dang (?:ra lai|ra soat lai|ra soat|xu ly|sua|kiem tra lai|go|day lai|cap nhat lai)"
    r"(?: \w+){0,3} (?:ho so|file|tai khoan|ban ghi)(?: \w+)? (?:bi )?\w+(?: \w+)?$"
)
_LOST = re.compile(r"(?<!\w)(?:mat (?:het )?(?:du lieu|file|ho so)|hu (?:o cung|may|het))(?!\w)")
_LEADER_TO_SIGN = re.compile(  # "trình anh Phó Chủ tịch ký": handed to our leader to sign
    r"(?<!\w)trinh (?:(?:anh|chi|chu|co|ong|ba|thay|dong chi|d/c|a|c) )?(?:pho )?"
    r"(?:chu tich|giam doc|truong phong|lanh dao|thu truong|hieu truong|truong tram|truong ban"
    r"|pct|ct|gd|pgd|tp|ptp)"
    r"(?: \w+){0,2}$"
)
_ONE_OF = re.compile(r" (?:\d|mot|hai|ba) (?:cai|chiec|may|bo)(?!\w)")  # "hư 2 cái": some
INDICATOR = re.compile(  # a clause on an indicator, not on the work's progress
    r"^(?:(?:con|nhung|rieng|ma) )?(?:ty le|chi so|chi tieu)(?! (?:hoan thanh|tien do|khoi luong))"
    r"(?!.*(?:hoan thanh|tien do|khoi luong|xong))"
)
_AFRAID = re.compile(  # "em sợ …", "tui e ngại …" (not "Sở trả lại": folded alike)
    r"(?<!\w)(?:(?:em|e|minh|toi|tui|ben em) (?:cung )?(?:so|ngai|e ngai|lo)|thi so) (?:la )?"
    r"(?:\w+ ){0,6}?$"
)
_LEFT_FOR_LATER = re.compile(
    r"(?:(?:da|thoi) )?(?:cai|viec|vu|nhiem vu|noi dung)(?: \w+)? (?:do|nay|ni|no|kia) (?:thi )?"
    r"(?:cu |tam )?de (?:sau|lai sau|tu tu|hom khac|bua khac)(?: (?:di|da|nhe|nha|a|anh|chi|a_q))*$"
)
_BUSY_WITH = re.compile(
    r" (?:(?:cac |may |dot |cuoc |buoi )?(?:hop|hoi nghi|dai hoi|tiep dan|tiep doan|doan kiem tra"
    r"|doan thanh tra|doan cong tac|kiem tra cong vu|di cong tac|cong tac|tap huan|le hoi))(?!\w)"
)
_NEEDED = re.compile(
    r"(?<!\w)(?:co|nhan duoc|duoc cap|duoc bo tri|duoc giao|bo tri duoc) (?:du )?(?:kinh phi|von"
    r"|huong dan|nguoi|can bo|tai khoan|van ban|y kien|so lieu|quyet dinh|chu truong)(?!\w)"
)


def _clause_votes(
    clause: Clause,
    following: str,
    cause_of: str = "",
    previous: str = "",
    ahead_of: str = "",
    linked: str = "",
) -> list[Vote]:
    """The votes of one clause; ``cause_of``: the clause this one gives the cause of;
    ``previous``: the clause before (where a body waited for may be named); ``ahead_of``: the
    short clauses just before ("thứ 2 tuần sau (20/7) | bên em mới bắt đầu": its time);
    ``linked``: the clause just after when it opens with a linking word (``following``).
    """
    effect = linked if following == "nen" else ""  # "mạng yếu | nên chậm": what this leads to
    text, n = clause.text, clause.index
    words = _Words.of(text)
    out: list[Vote] = []
    busy_day = False  # "nay họp cả ngày ko làm được gì": a day lost (the obstacle scan says)

    def vote(status: Status | None, weight: float, kind: str) -> None:
        out.append(Vote(status, weight, n, kind))

    def owed_answer() -> None:
        """Another body's answer or delivery owed: blocked, unless it is our own phòng's
        comments in a consultation ("3 phòng góp ý rồi, phòng Kinh tế chưa trả lời"), work
        going on (as heldout_r6)."""
        if _OWN_UNIT_SILENT.match(text) and _OPINIONS.search(f"{ahead_of} {previous} {text}"):
            vote(IP, 0.9, "progress")
        else:
            vote(B, 0.95, "waiting")

    disputes = [  # (not "do đồng chí phụ trách đi học …": because the one in charge is away)
        m for m in _scan(lx.DISPUTE, text, words) if not _AWAY_AFTER.match(text, m.end())
    ]
    if disputes:
        if not all(
            (
                _OWN_SLIP.match(text, m.start())
                and _before(text, m.start())[-1:] not in (["anh"], ["chi"], ["a"], ["c"], ["so"])
            )
            or _SLIP_TO_YOU.search(text)  # "tin nhắn trước em gửi nhầm cho anh"
            for m in disputes
        ):
            vote(None, 1.0, "dispute")
            return out
        vote(None, 1.0, "slip")  # "nhắn nhầm nhóm ạ", "tin nhắn ban nãy em gửi nhầm": ours
        return out
    if ("ty" in words or "chi" in words) and INDICATOR.match(text):
        return out  # "còn tỷ lệ hồ sơ trực tuyến mới được 38%": a performance indicator
    if "la" in words and _ECHO.match(text):
        return out  # "chưa có gì là chưa có gì": a claim said back to deny it, no state
    if _PRAISE.match(text):
        vote(None, 1.0, "ack")  # "chúc mừng bên chị đã hoàn thành xuất sắc …": not a report
        return out
    if clause.lead == "thi" and _NOT_THAT_ONE.match(text) and _THIS_ONE_NAMED.match(previous):
        vote(NS, 0.9, "not_started")  # "…, cái ni thì chưa": this task, not yet
        return out
    if (clause.lead == "thi" and _NOT_THAT_ONE.match(text)) or _COPY_NOT_YET.match(text):
        vote(IP, 0.8, "undelivered")  # "bản giấy có dấu thì chưa ạ": that part not yet
        return out
    for m in _scan(lx.EXTENSION, text, words):
        before = _before(text, m.start())
        if m.group().endswith("gia han") and "het han" in f"{previous} {text[: m.start()]}":
            continue  # "token của lãnh đạo hết hạn, đã gửi Ban Cơ yếu gia hạn": renewed
        if before[-1:] == ["lich"] or before[-2:] == ["lich", "bi"]:
            vote(B, 0.9, "obstacle")  # "lịch lùi sang đầu tháng 8 do …": moved, not asked for
            continue
        if (
            before[-1:] in (["khong"], ["can"], ["khoi"])
            or before[-2:]
            in (["khong", "can"], ["da", "duoc"], ["khong", "phai"], ["chang", "can"])
            or before[-3:-1] == ["khong", "phai"]
        ):
            continue  # "không cần gia hạn", "khỏi gia hạn", "không phải xin gia hạn đâu"
        if before[-2:] in (["vua", "duoc"], ["moi", "duoc"]):
            continue
        if _GRANTED.search(text, m.end()) and (
            "da" in before[-2:] or _GRANTED_PAST.search(text, m.end())
        ):  # "đã xin gia hạn tuần trước và được đồng ý rồi", "việc xin gia hạn hôm trước Sở
            continue  # đã đồng ý rồi": asked and granted
        if following == "thi" and _NO_NEED_THEN.match(linked):
            continue  # "gia hạn thì hông cần đâu anh": not asked for
        if (
            lx.NEGATORS & set(before[-2:])
            or _RENEWED.match(text, m.end())
            or ("hop dong" in f"{previous} {text}" and text.startswith((" xong", " roi"), m.end()))
        ):  # (and "hợp đồng thuê phần mềm thì vừa gia hạn xong": a contract renewed)
            continue  # "chưa xin gia hạn", "chưa gia hạn được" chữ ký số: no request
        if {"tinh", "dinh"} & set(before[-2:]) and "khong" in before[-3:]:
            continue  # "em không định xin gia hạn đâu"
        if {"tinh", "dinh"} & set(before[-2:]) and following in ("nhung", "ma"):
            if linked.startswith(("nhung thoi", "ma thoi")):
                continue  # "định xin gia hạn | nhưng thôi cố làm cho kịp": thought of, dropped
        if {"tinh", "dinh"} & set(before[-2:]):
            vote(X, 0.5, "late")  # "em đang tính xin lùi": a request thought of, not made
            continue
        if clause.question and _WH.search(text) and not lx.REQUEST.search(text):
            vote(None, 1.0, "question")  # "gia hạn đến bao giờ vậy ạ?": asks about it
            continue
        if (_WHETHER_ALLOWED.search(text) and not _ASKED_FOR.search(text)) or (
            previous.startswith(("neu ", "gia su "))
            and following == "thi"
            and _YES_NO.search(linked)
        ):  # "nhiệm vụ này có được gia hạn không anh?", "nếu bây giờ bên em xin lùi sang tháng
            vote(None, 1.0, "question")  # 9 thì có bị trừ điểm không?": whether it may be
            continue
        vote(X, 1.0, "extension")
    for m in _scan(lx.LATE, text, words):
        if following == "nhung" and _STILL_IN_TIME.match(linked):
            continue  # "có thể chậm vài hôm | nhưng vẫn trong hạn": no lateness after all
        if m.group().startswith("so ") and _before(text, m.start())[-1:] == ["ho"]:
            continue  # "số hồ sơ trễ hạn là 0": "hồ sơ", a count, not "sợ" (afraid)
        if _before(text, m.start())[-1:] not in (["lam"], ["hien"], ["khai"], ["thanh"]):
            vote(X, 0.5, "late")  # "chắc không kịp hạn": ask whether to ask for more time
    if clause.question and ("xem" in words or "coi" in words):
        remarks = ANY_REMARKS.search(text)
        if remarks and not _after_address(text, remarks.start()):
            vote(B, 0.95, "waiting")  # "giờ chờ Sở xem có ý kiến gì không ạ": whether they
            return out  # have any, no question to the coordinator
    if clause.question:
        tables = (lx.DONE, lx.PROGRESS, lx.OBSTACLE, lx.NOT_STARTED)
        if any(
            t.within(words) and any(not _asked_of_us(text, m, words) for m in t.finditer(text))
            for t in tables
        ):
            vote(None, 1.0, "question")
            if not _WH.search(text):
                vote(None, 1.0, "status_question")  # "xong rồi hả anh?": asks, reports nothing
        return out
    if "de" in words and _LEFT_FOR_LATER.match(text):
        vote(NS, 0.6, "put_off")  # "cái đó để sau đi anh": not begun, and put off: more time?
        vote(X, 0.5, "late")
        return out
    text = _mask(lx.NEGATED_OBSTACLE, text, words)
    for m in _scan(lx.OBSTACLE, text, words):
        before = _before(text, m.start())
        if _resolved(text, m.end()) or _denied_obstacle(before):
            continue
        if m.group().startswith("thieu") and before[-1:] in (
            ["nhan"],
            ["ghi"],
            ["go"],
            ["noi"],
            ["danh"],
        ):
            continue  # "nãy em nhắn thiếu": the message was short, not the work
        if before[-1:] == ["ban"] and m.group().startswith("chua co"):
            vote(IP, 0.8, "undelivered")  # "nộp bản chưa có chữ ký số": the copy sent lacks it
            continue
        if _HANDLING_FAULTY.search(f"{text[: m.start()]}{m.group()}"):
            continue  # "đang rà lại mấy hồ sơ bị treo trên hệ thống": the faulty records are
            # what the work handles, not what stops it
        if m.group() in ("vuong", "ket") and _BUSY_WITH.match(text, m.end()):
            continue  # "tuần này vướng họp": busy, as "bận họp" (the work's state said elsewhere)
        if lx.OUR_MESSAGE.search(text, m.end()):
            continue  # "không mở được file đính kèm trong tin nhắn": our message, not the task
        if "loi" in words and _FILE_FAULT.search(text):
            continue  # "file excel bị lỗi font": the file as received, not the work
        if _FILE_ASKED.search(previous) and _DATA_LOST.search(text):
            continue  # "gửi lại em file kế hoạch với, | máy em hỏng mất hết dữ liệu": why asked
        if lx.OWN_SIGNATURE.match(text, m.start()):
            vote(IP, 0.9, "own_wait")  # "chỉ còn thiếu chữ ký của phó chủ tịch": our last step
            continue
        if m.group().startswith("chua ai"):
            vote(B, 0.5, "eased")  # "chưa ai làm": nobody to do it, or nobody has begun?
            continue
        if lx.HYPOTHETICAL.search(text[: m.start()].rstrip()):
            continue  # "có gì vướng em báo", "nếu thiếu kinh phí thì …": not said to be so
        if before[-2:] in (["sua", "xong"], ["da", "sua"], ["fix", "xong"]):
            continue  # "hệ thống sửa xong lỗi rồi": mended
        if "da" in before[-4:] and {"sua", "khac", "fix", "go"} & set(before[-3:]):
            continue  # "hôm kia bên em đã gỡ được lỗi trùng mã": mended, gone by
        if {"sua", "khac", "fix", "go"} & set(before[-2:]) or before[-1:] in (["ly"], ["quyet"]):
            vote(B, 0.5, "eased")  # "đang sửa lỗi form": a fault being mended (not "hệ thống
            continue  # giải quyết TTHC bị gián đoạn": the system's name)
        near = set(before[-3:]) | set(text[m.end() :].split()[:2])
        near |= set(cause_of.split()[-3:])  # "hơi chậm vì thiếu người"
        eased = bool(near & lx.EASING) or "thao go" in text or bool(_UNSURE_FAULT.search(text))
        eased = eased or bool(_ONE_OF.match(text, m.end()))  # "máy scan hỏng 1 cái": one of
        eased = eased or before[-1:] in (["hay"], ["thuong"])  # "kho dữ
        # liệu hay lỗi": often, a risk to the date, not a stop
        eased = eased or bool(_A_LITTLE.search(text, m.end()))  # "vướng cái biểu 2 chút xíu
        # thôi": a little
        eased = eased or bool(cause_of and _SLOWED.search(cause_of))  # "mới đạt 30% do thiếu
        # người": why it is slow, the work going on
        if following == "thi" and _NONE_THEN.match(linked):
            continue  # "vướng mắc thì không có gì": the topic denied
        if effect and _SENT_ANYWAY.match(effect):
            continue  # "do mạng yếu nên em gửi bản scan qua email": how it was sent, not a stop
        if clause.lead in ("vi", "do") and _SENT_VIA.search(previous):
            continue  # "sáng nay e gửi qua email | vì hệ thống văn bản bị lỗi": why that way
        if effect and _RESENT.search(effect):
            continue  # "sở bảo thiếu chữ ký | nên hôm nay em gửi lại rồi": mended, sent again
        if _LATE_ANSWER.search(text, m.end()) or (effect and _LATE_ANSWER.search(effect)):
            continue  # "mạng yếu quá giờ mới nhận được tin anh": why the answer is late
        if effect and _SLOWED.search(effect):
            vote(B, 0.5, "slow")  # "mạng chập chờn nên hơi chậm": it slows the work, no more
            continue
        if m.group().startswith("khong lam duoc") and _BUSY_TODAY.search(text, 0, m.start()):
            vote(B, 0.5, "slow")  # "nay họp cả ngày ko làm được gì": a day lost, no stop
            busy_day = True
            continue
        vote(B, 0.5 if eased else 1.0, "eased" if eased else "obstacle")
    if _scan(lx.TROUBLE, text, words):
        vote(B, 0.5, "eased")  # "có vấn đề": trouble, how much not said
    if halts := _scan(lx.HALT, text, words):
        if (
            following in ("vi", "do")
            or clause.lead == "nen"  # "bàn giao chưa đầy đủ | nên bọn em đang tạm dừng"
            or _AWAY_AFTER.search(previous)  # "công chức phụ trách đi học …, việc đang tạm dừng"
            or _HALTED_FOR.search(text, halts[0].end())
            or "chi dao" in text
        ):
            vote(B, 0.9, "obstacle")  # "tạm dừng do máy scan hỏng", "lãnh đạo chỉ đạo dừng lại
            # để chờ sắp xếp bộ máy": halted, and why
        else:
            vote(B, 0.5, "eased")  # "tạm dừng rồi anh": halted, or paused a while?
    if _scan(lx.SLOW, text, words):
        vote(B, 0.5, "slow")  # "hơi chậm chút ạ": held up, or only slow?
    if _scan(lx.FINE, text, words):
        vote(D, 0.5, "doubt")  # "cũng tạm ổn rồi": done, or going well?
    for m in _scan(lx.WAITING, text, words):
        if _giving(text, m.start()):
            continue
        if _before(text, m.start())[-2:] in NO_NEED or _before(text, m.start())[-1:] == ["khoi"]:
            continue  # "không phải chờ Sở đâu anh, bên em tự làm được": no wait
        if _OWN_VERDICT.match(text, m.start()):
            vote(IP, 0.9, "own_wait")  # "chờ ý kiến Giám đốc Sở trước khi phát hành": ours
            continue
        if _OUR_PARTY.match(text, m.end()) or m.group().endswith(("dang uy", "chi bo")):
            vote(B, 0.6, "waiting_vague")  # "đang chờ ý kiến Đảng ủy xã": ours, or another's?
            continue
        if _OWN_CONSULTED.match(text, m.start()) or (
            _PHONG_WAITED.match(text, m.start()) and _OWN_CONSULTED.search(previous)
        ):
            vote(IP, 0.9, "own_wait")  # "còn chờ các phòng chuyên môn của Sở góp ý": our own
            continue  # consultation, the work going on (as heldout_r6)
        if _BARE_VERDICT.match(text, m.start()) and _SUBMITTED_TO_OWN.search(previous):
            vote(IP, 0.9, "own_wait")  # "em trình lãnh đạo UBND xã rồi, | đang chờ ý kiến chỉ
            continue  # đạo": our own leader's word on what we submitted
        if _OWED_BY_ANYONE.match(text, m.start()) and not _names_body(f"{previous} {text}"):
            vote(B, 0.6, "waiting_vague")  # "còn chờ ý kiến nữa anh": whose, not said
            continue
        vote(B, 0.95, "waiting")
    if (
        clause.lead == "thi"
        and _NOT_SEEN_SENT.match(text)
        and _THEIR_SHARE.search(f"{ahead_of} , {previous}")
    ):  # "…, còn phần của Sở Văn hóa, Thể thao và Du lịch | thì chưa thấy gửi": theirs owed
        vote(B, 0.95, "waiting")
    if (
        "chua" in words
        and _NO_ANSWER.search(text)
        and (_ASKED_OF.search(text) or (clause.lead != "nhung" and _ASKED_OF.search(previous)))
    ):
        owed_answer()  # "đã xin ý kiến Sở Tài chính … chưa được phản hồi"
    elif not any(v.kind == "waiting" for v in out) and (
        (unknown := NO_REACTION.search(text))
        or ((unknown := _UNANSWERED_END.search(text)) and _HANDED_IN.search(previous))
    ):  # ("em đã gửi công văn số 212 ngày 8/7 | nhưng chưa được trả lời")
        vote(B, 0.95, "waiting")  # "gửi rồi mà chưa thấy Sở nói gì": a reaction awaited;
        text = text[: unknown.start()] + _blank(unknown) + text[unknown.end() :]  # what they
        # may ask for ("chưa biết có yêu cầu bổ sung gì không") is not asked yet
    if ("xem" in words or "coi" in words) and (remarks := ANY_REMARKS.search(text)):
        if not any(v.kind == "waiting" for v in out) and not _after_address(text, remarks.start()):
            # (not "anh xem có góp ý gì không ạ": the coordinator's remarks asked for)
            vote(B, 0.95, "waiting")  # "nộp rồi, chờ xem Sở có góp ý gì không"
    if _BARE_WAIT.search(text):
        vote(B, 0.6, "waiting_vague")  # "còn chờ thôi ạ": for whom, not said
    if "nhac" in words or "don" in words or "doc" in words:
        if "chua" in words and _CHASED.search(text):  # "còn 2 Ban chưa gửi dù đã nhắc 2 lần"
            vote(B, 0.95, "waiting")  # asked for and still owed: stuck on them
    if "moi" in words or "chi" in words:
        if _FEW_ANSWERED.search(text):  # "mới có 2 sở trả lời": the others' answers are owed
            vote(B, 0.95, "waiting")
    text = _mask(lx.WAITING, text, words)
    if "chua" in words and _GUIDANCE_NOT_ISSUED.search(text):
        vote(B, 0.95, "waiting")  # "mẫu mới Sở Y tế chưa ban hành": what the work follows
    elif "chua" in words and clause.lead != "con" and (undelivered := _body_undelivered(text)):
        owed_answer()  # "bên Viettel chưa bàn giao phần mềm"
        text = text[: undelivered.start()] + _blank(undelivered) + text[undelivered.end() :]
    vocative = []
    for m in _scan(lx.OWN_WAIT, text, words):
        person = m.group().split()[1]
        if (
            person in _ADDRESS
            and m.group().endswith(person)
            and set(text[m.end() :].split()) <= _DONE_TAIL
        ):
            vocative.append(m)  # "vẫn đang chờ anh ạ": "anh" is whom the reply speaks to
        elif not _giving(text, m.start()):
            addressee = (  # "báo cáo gửi rồi, | chờ chị duyệt": the coordinator's approval
                person in _ADDRESS
                and m.group() in ("cho " + person, "doi " + person)
                and text.startswith((" ky", " duyet"), m.end())
                and _HANDED_IN.search(previous)
            )
            if (
                m.group().split()[-1] in ("duyet", "ky")
                and not _OWN_NAMED.search(m.group())
                and _HANDED_TO_BODY.search(f"{previous} {text[: m.start()]}")
            ) or (  # (not "chờ ký là gửi Sở ngay": ahead; nor "chờ anh Tính ký": a name)
                person not in _ADDRESS and _HIGHER_LEVEL.match(text, m.end())
            ):
                vote(B, 0.95, "waiting")  # "nộp lên Sở rồi, đang chờ duyệt": the Sở's approval
                continue
            if addressee or (
                text.startswith(" so", m.end()) and _HANDED_IN.search(f"{previous} {text}")
            ):
                vote(B, 0.6, "waiting_vague")  # "đã nộp, chờ lãnh đạo Sở phê duyệt": the Sở
                continue  # it went to, or ours?
            if _PROVINCE_LEADERS.search(m.group()):  # (a level named after it: _HIGHER_LEVEL)
                vote(B, 0.95, "waiting")  # "đang đợi trình lãnh đạo tỉnh phê duyệt": theirs
                continue
            if _OTHER_SO.match(text, m.end()):
                vote(B, 0.6, "waiting_vague")  # "chờ Giám đốc Sở Tài chính ký văn bản liên
                continue  # ngành": another Sở's, or our own if we are that Sở?
            if lx.OF_BODY.match(text, m.end()) and person in _ADDRESS:
                vote(B, 0.95, "waiting")  # "chờ chị Lan bên phòng TC huyện": not our leader
            else:
                vote(IP, 0.9, "own_wait")
    for m in _scan(lx.SIGN_UP, text, words):
        if not _ISSUED.search(text, m.end()):  # not "trình lãnh đạo ký và phát hành rồi"
            vote(IP, 0.9, "own_wait")  # "đã … trình lãnh đạo Sở ký": with our leader to sign
    if _scan(lx.CONDITION, text, words):
        vote(B, 0.5, "condition")
    unmasked = text
    text = _mask(lx.NEUTRAL, _mask(lx.OWN_WAIT, text, words), words)
    for m in vocative:  # left for the aspect below: "đang chờ", for whom not said
        text = text[: m.start()] + unmasked[m.start() : m.end()] + text[m.end() :]
    for m in _scan(lx.RETURNED, text, words):
        if m.group() == "tra lai" and (
            _LOOKED_UP.match(text, m.end()) or _after_address(text, m.start())
        ):
            continue  # "đồng chí tra lại trên iOffice giúp em": look it up, not sent back
        if _AFRAID.search(text, 0, m.start()):
            continue  # "em sợ gửi sai chỗ lại phải làm lại": feared, not so
        if _LOST.search(f"{previous} {text[: m.start()]}"):
            if _before(text, m.start())[-1:] == ["dang"]:
                vote(IP, 0.9, "progress")  # "máy hỏng mất file, đang làm lại từ đầu": at it again
            continue  # "máy tính hư mất hết dữ liệu, phải làm lại từ đầu": the fault's loss
        if not lx.NEGATORS & set(_before(text, m.start())[-4:]):  # "không … phải sửa"
            doubted = lx.DOUBT.search(" ".join(_before(text, m.start())[-3:]))
            vote(IP, 0.5 if doubted else 0.9, "returned")  # "hình như bị trả lại": is it?
    text = _mask(lx.RETURNED, text, words)
    for m in _scan(lx.DONE, text, words):
        _done_vote(text, m, following, vote, linked)
    if not any(v.status is D for v in out) and _SAID_DONE_END.search(text):
        sent = _DELIVERED.search(text)  # "em gửi báo cáo … lên Sở hôm thứ 2 rồi anh nhé"
        head = text[: sent.start()] if sent else ""
        if sent and not (
            _negated(head.split())
            or lx.FUTURE.search(head)
            or " roi " in head
            or lx.PARTIAL.search(text)  # "em nộp bản nháp rồi đó": a draft, read elsewhere
            or ("hoi" in words and _ASKED_AROUND.search(text))  # a message sent to ask
        ):
            doubted = lx.DOUBT.search(head)  # "hình như bên em gửi rồi á chị"
            vote(D, 0.5 if doubted else 1.0, "doubt" if doubted else "done")
    if (
        (handed := _FOR_APPRAISAL.search(clause.text))
        and not lx.DONE.search(previous)  # (not "hoàn thành 100% rồi, danh mục đã gửi Sở Nội vụ
        # thẩm định": done, and sent on)
        and not lx.FUTURE.search(clause.text, 0, handed.start())  # (not "dự kiến ngày 24/7 gửi
    ):  # Sở Tư pháp thẩm định": to be sent)
        vote(B, 0.95, "waiting")  # "đã trình hồ sơ lên Sở Nội vụ thẩm định rồi": theirs now
    if "trinh" in words and (sent := _SUBMITTED.search(text)):
        vote(D, 0.5, "submitted")  # "đã trình UBND tỉnh": our part done, the product not yet
        text = text[: sent.start()] + _blank(sent) + text[sent.end() :]
    for m in _scan(_UNDELIVERED, text, words):
        if m.group().endswith("cap nhat") and not _UNITS_BEFORE.search(text, 0, m.start()):
            continue  # "em thấy trên hệ thống chưa cập nhật": not said of units of the work
        if _UNITS_BEFORE.search(text, 0, m.start()):
            vote(IP, 0.9, "partial")  # "có 3 xã chưa gửi": what is left of the work
        else:
            vote(IP, 0.8, "undelivered")
    if on_time := _scan(lx.ON_TIME, text, words):
        if _SENT_IN_TIME.match(text, on_time[0].end()):
            vote(D, 1.0, "done")  # "bên em vẫn kịp gửi kế hoạch lên Sở hôm thứ 6 tuần trước"
        else:
            vote(IP, 0.8, "on_time")  # "bên em vẫn kịp ạ": on time, so under way
    for _m in _scan(lx.DID, text, words):
        vote(D, 0.5, "did")  # "đã cấp 1.250 chữ ký số": done that, and the task?
    if "duoc" in words and _COUNT_REACHED.search(text):
        vote(IP, 0.8, "counted")  # "cấp được 35 chữ ký số", "em đi được 7 thôn rồi": so far
    for _m in _scan(lx.UNDONE, text, words):
        vote(IP, 0.9, "undone")
    text = _mask(lx.DONE, text, words)
    for m in _scan(lx.NOT_STARTED, text, words):
        after = clause.text[m.end() :].split()[:2]
        if _before(text, m.start())[-2:] in (["khong", "phai"], ["ai", "bao"], ["ai", "noi"]):
            continue  # "không phải chưa làm đâu", "ai bảo chưa làm": denied
        if m.group().endswith(" gi") and after[:1] in (["vuong"], ["kho"], ["tro"], ["van"]):
            continue  # "chưa có gì vướng": no obstacle, said of the work going on
        if m.group().endswith(" gi") and after[:1] == ["moi"]:
            vote(None, 1.0, "not_yet")  # "chưa có gì mới": not begun, or nothing to add?
            continue
        if (
            "phan" in after
            and after[0] in ("phan", "duoc")
            and clause.text[m.end() :].split()[:2]
            not in (["phan", "nay"], ["phan", "nao"], ["phan", "ni"])  # "chưa triển khai phần
        ) or (  # này": this item, the task
            clause.text.startswith("phan ")
            and not lx.OWN_PART.match(clause.text)
            and not clause.text.startswith(("phan nay ", "phan viec nay ", "phan nao ", "phan ni "))
            and not clause.text.startswith("phan mem ")  # the software, no part
        ):  # "…, phần tập huấn chưa làm": a part left (not "phần này bên em chưa triển
            # khai": this item, the task itself)
            vote(IP, 0.9, "part_left")  # "chưa làm được phần lấy ý kiến": a part left, not all
        elif clause.lead == "con" and _PART_NAMED.match(clause.text):
            vote(IP, 0.9, "part_left")  # "…, còn phần ký số chưa làm": the rest of it
        elif (
            clause.lead in ("nhung", "con")
            and m.group().endswith(_LATER_STEPS)
            and (" xong" in previous or lx.DONE.search(previous))
        ):
            vote(IP, 0.9, "part_left")  # "đã gửi xin ý kiến, nhưng chưa tổng hợp góp ý"
        elif after[:2] == ["tiep", "duoc"]:
            vote(B, 0.9, "obstacle")  # "việc này chưa làm tiếp được": begun, and held up
        elif (
            after == ["duoc"]
            and following in ("do", "vi")
            and not lx.BUSY.search(linked)
            and not lx.ACTIVITY.search(linked)
            and not lx.OBSTACLE.search(linked)  # (the cause votes itself: "vì thiếu người")
        ):  # "chưa làm được | do cơ sở dữ liệu đang được tỉnh chuyển đổi": held up, and why
            vote(B, 0.9, "obstacle")
        elif after[:1] == ["het"] and not m.group().endswith(" gi"):  # not "chưa làm gì hết"
            vote(IP, 0.9, "undone")  # "chưa triển khai hết các hạng mục": not all of it yet
        elif busy_day:
            continue  # (the day lost said above: nothing done today, not nothing at all)
        elif (
            not ({"xong", "hoan", "het"} & set(after))
            or m.group().endswith(" gi")
            or after[:1] == ["gi"]
        ):  # "chưa làm gì hết": nothing at all
            vote(NS, 0.9, "not_started")
    text = _mask(lx.NOT_STARTED, text, words)
    if ("ngay" in words or "lien" in words or "luon" in words) and (now := lx.AT_ONCE.search(text)):
        at_once = not {"dang", "da", "van", "roi"} & set(_before(text, now.start())[-2:])
        if (
            now.group().endswith("luon")
            and not _LET_ME.match(text)  # "(thế) để hôm nay em bắt tay vào làm luôn": to do
            and not lx.FUTURE.search(text, 0, now.start())
            and not (  # "xong đợt đại hội em làm luôn": once the event is over, ahead
                _AFTER_EVENT.match(clause.text) and not {"roi", "da", "vua", "hom", "qua"} & words
            )
        ):
            at_once = False  # "sáp nhập xong là bên em làm luôn": went on at once (not "để 20/7
            # em làm luôn": to be done then)
        if at_once:
            vote(NS, 0.9, "future_start")  # "em làm ngay": promised, not begun
            text = text[: now.start()] + _blank(now) + text[now.end() :]
    for m in _scan(lx.START_VERB, text, words):
        if text.startswith(" tiep", m.end()):
            continue  # "mai làm tiếp": to go on with, no start put off
        if m.group() == "lam" and (
            (_before(text, m.start())[-1:] == ["di"] and _GOING_TO_WORK.match(text, m.end()))
            or clause.text.startswith("chuc ")
        ):
            continue  # "mai đi làm em xem lại": back at work; "chúc anh làm việc hiệu quả"
        if m.group() == "lam" and clause.text.startswith(" xong", m.end()):
            continue  # "chiều nay em làm xong gửi luôn": to finish, not to begin
        if m.group() == "lam" and text.startswith(" them duoc", m.end()):
            continue  # "tuần này làm thêm được 200 hồ sơ": done this week, read below
        if m.group() == "to chuc" and text.startswith((" le ", " tiec ", " gap mat "), m.end()):
            continue  # "tuần sau xã tổ chức lễ ra mắt …": an event, not the task's start
        if (
            m.group() == "lam"
            and _VISIT.search(text, 0, m.start())
            and text.startswith(" viec", m.end())
        ):
            continue  # "đoàn giám sát HĐND tỉnh về làm việc": a visit, not our start
        if text.startswith(" not", m.end()) and not text[m.end() + 4 : m.end() + 5].isalnum():
            vote(IP, 0.9, "progress")  # "cuối tuần em làm nốt": the rest of work begun
            continue
        if text.startswith((" toi dau", " den dau"), m.end()):
            continue  # "để tui hỏi ổng coi ổng làm tới đâu rồi": how far, asked of another
        if _PURPOSE.search(clause.text, 0, m.start()):
            continue  # "anh gửi em xin văn bản với để em triển khai": why it is asked for
        if (
            m.group() == "to chuc"
            and (
                _STEP_AFTER.match(text, m.end()) or not lx.FUTURE.search(clause.text, 0, m.start())
            )
            and not _put_off(clause.text[: m.start()])
        ):
            continue  # "sắp tới sẽ tổ chức lấy ý kiến": a step planned (below), not the start
        if _CARRIED_ON.match(text, m.end()):
            continue  # "tuần này em tập trung làm dứt điểm phần hộ tịch": finishing, begun
        if "da" in _before(text, m.start())[-2:]:
            continue  # "tuần này cán bộ đã bắt đầu nhập liệu rồi": begun (read below)
        if (
            (now := lx.FUTURE.search(clause.text, 0, m.start()))
            and now.group() in _THIS_PERIOD
            and _GOING_ON_SAID.search(previous)
        ):
            continue  # "Đang triển khai chị ơi, | tuần này em … xuống các thôn làm": this week's
            # share of work under way, no start ahead
        if (
            lx.FUTURE.search(clause.text, 0, m.start())
            or _put_off(clause.text[: m.start()])
            or (clause.lead == "thi" and _AFTER_DONE.match(previous))
            or (clause.lead == "thi" and _AFTER_EVENT.match(previous))  # "sau đợt kiểm tra …
            # thì bên em làm"
            or _AFTER_DONE.match(clause.text)  # "để xong đợt tiếp dân này em bắt tay vô làm"
            or (clause.lead == "thi" and _before(text, m.start())[-1:] == ["moi"])
            or (clause.lead == "thi" and previous.endswith(" ve"))  # "thứ 6 ni o Hoa về thì
            # bầy tui làm": once someone is back
            or (_before(text, m.start())[-1:] == ["moi"] and _TIME_AHEAD.search(ahead_of))
            or (  # "thứ 2 tuần sau | (20/7) | em triển khai ạ": the time said just before
                set(_before(text, m.start())) <= _SUBJECT_WORDS
                and _TIME_AHEAD.search(ahead_of)
                and not lx.DONE.search(clause.text)
            )
            or (
                m.group() in ("bat dau", "khoi dong")
                and (_DAY_BEFORE.search(text, 0, m.start()) or _DAY_AFTER.match(text, m.end()))
            )
            or (  # "để 20/7 em triển khai": the day set for it (gone by: begun, in the reader)
                m.group() in ("trien khai", "thuc hien", "bat tay")
                and _DAY_BEFORE.search(text, 0, m.start())
            )
            or (  # "…, khoảng 25/7 em làm báo cáo": a day set, roughly
                m.group() == "lam" and _ABOUT_DAY_BEFORE.search(text, 0, m.start())
            )
            or _DONE_THEN.search(clause.text, 0, m.start())  # "em ăn cơm xong rồi em làm": after
            or (  # "e tiếp dân xong rồi làm liền": after that, at once
                _XONG_THEN.search(clause.text, 0, m.start())  # (the text as said: its "xong
                and _AT_ONCE_AFTER.match(text, m.end())  # rồi" is masked by now)
            )
            or (  # "Xong đợt tiếp dân hôm nay em mới bắt tay vào làm": only after it
                clause.text.startswith("xong ") and "moi" in _before(text, m.start())[-2:]
            )
            or (  # "thứ 2 tuần sau (20/7) em mới họp triển khai": the kick-off ahead
                _before(text, m.start())[-2:] == ["moi", "hop"] and _TIME_AHEAD.search(ahead_of)
            )
        ):  # "sau khi có hướng dẫn … thì bên em mới làm": only then; "22/7 bắt đầu" (a day
            # gone by is read as begun, in the reader)
            vote(NS, 0.9, "future_start")
            text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    busy = bool(cause_of) and bool(lx.NOT_STARTED.search(cause_of))  # "chưa làm vì đang …"
    busy = busy or bool(effect and _LATE_ANSWER.search(effect))  # "em đang đi cơ sở nên trả
    # lời muộn", "đang làm thủ tục nghỉ hưu cho 2 đồng chí nên chưa trả lời kịp": the excuse
    later = (" sau" in clause.text or "roi " in clause.text) and bool(
        lx.LATER_REPORT.search(clause.text)
    )  # the substrings every match holds: a quick pre-check
    later = later or any(v.kind == "other_sense" for v in out)
    ahead = any(v.kind == "future_start" for v in out)
    then = _FIRST.search(clause.text) if ahead else None
    first = then.start() if then else -1
    event_first = previous.startswith("sau ") and bool(_AFTER_EVENT.match(previous))
    event_first = event_first or bool(_PLANNED_AFTER.match(previous))  # "sau đợt kiểm tra (…)"
    _progress_votes(
        text, words, vote, later=later, busy=busy, ahead=ahead, first=first, then=event_first
    )
    if not any(v.status is not None or v.kind == "other_sense" for v in out):
        _delivery_ahead(clause, vote)
    if ("van " in text or "dang " in text) and _STILL_GOING.search(text):
        vote(None, 1.0, "still")  # "… nhưng vẫn đang làm": going on despite
    if _scan(lx.ACK, text, words):
        vote(None, 1.0, "ack")
    return out


_SEND_VERB = lx.gated(r"(?<!\w)(?:gui|nop|trinh|ban hanh|phat hanh)(?!\w)")  # "sẽ ban hành …"
_TO_OWN_LEADER = re.compile(
    r" (?:lanh dao|ld|sep|thu truong|chu tich|giam doc)(?: (?:xa|phuong|so|phong|don vi))?"
    r"(?: (?:roi|r|va|de|xin))?(?: (?:a|anh|chi|nhe|nha))*$"
)
_PROBABLY_END = lx.gated(r"(?: roi| r)? thi phai(?: (?:a|anh|chi|nhe|nha))*$")
_HEARSAY = re.compile(  # someone else, named or by role, said it: not the writer's own word
    r"(?<!\w)(?:anh|chi|chu|co|ban|dong chi|d/c|ben|phong|xa|so)(?: \w+){1,6} (?:bao|noi)(?: la)?$"
)
_DELIVERED = lx.gated(  # not "trình": handed up; "bên em báo cáo đầy đủ rồi" (not "báo cáo
    r"(?<!\w)(?:gui|nop|ban hanh|phat hanh|chuyen(?= (?:roi|r)(?!\w))"  # lãnh đạo rồi")
    r"|bao cao(?! (?:lanh dao|ld|sep|thu truong|chu tich|giam doc|anh|chi)(?!\w)))(?!\w)"
)
_WHOLE = re.compile(r" (?:xong )?(?:toan bo|tat ca|het|day du|(\d+)/\1(?![\d/]))(?!\w)")  # "57/57"
_ECHO = re.compile(r"^(\w+(?: \w+){1,5}) la \1$")
_DRAFT = re.compile(r"(?:ban )?(?:du thao|ban thao|ban nhap|nhap)(?!\w)")
_LOOKED_UP = re.compile(r" (?:tren|trong|giup|dum|ho|xem)(?!\w)")
_SO_CALLED = frozenset(
    {"goi", "coi", "tam", "nhu", "the", "vay", "cung", "duoc", "chac", "le", "ve"}
)
_SEND_LATER = re.compile(r"(?<!\w)(?:gui|nop|trinh)(?: \w+){0,2} sau(?!\w)")
_THEN_SEND = re.compile(r"(?<!\w)roi (?:(?:em|e|minh|toi|ben em) )?(?:se )?$")
_SEND_NOW = re.compile(r" (?:\w+ ){0,2}(?:ngay|luon)(?!\w)(?! \d| thang| roi)")


def _delivery_ahead(clause: Clause, vote) -> None:
    """ "Mai em nộp", "dự kiến 20/7 trình ký", "kiểm tra lại số liệu rồi gửi ngay": the product
    will be sent, at a time ahead or once a last step is done, so the work is under way
    (weakly: said as a plan). Not "gửi anh sau" (when, not said) nor "sẽ làm" (a start)."""
    text = clause.text
    m = _SEND_VERB.search(text)
    if m is None or _SEND_LATER.search(text) or _negated(_before(text, m.start())):
        return
    if text.startswith(" roi", m.end()) and _sent_and_said(text[m.end() + 4 :]):
        return  # "thứ hai tuần này em gửi rồi anh ơi": sent, not to send
    if lx.WHETHER_SENT.search(text):
        return  # "để em kiểm tra lại xem bên em đã nộp chưa": whether it went, to be checked
    head = text[: m.start()]
    if re.search(r"(?<!\w)(?:neu|khi nao|co gi)(?!\w)", head) or _PAST_HEAD.search(head):
        return  # "nếu xong sớm em sẽ gửi luôn": said under a condition
    if (
        lx.FUTURE.search(head)
        or _THEN_SEND.search(head)
        or _SEND_NOW.match(text, m.end())
        or re.search(r"(?<!\w)(?:truoc khi|de) $", head)
        or re.search(r"(?<!\w)(?:cham nhat|muon nhat|truoc ngay|truoc) \d", head)
    ):
        vote(IP, 0.6, "future_done")


_ASKED_AROUND = re.compile(
    r"(?<!\w)(?:gui|nhan) (?:tin nhan|tin|zalo|email|mail)(?: \w+){0,4} (?:de )?hoi(?!\w)"
)
_THAT = (["do"], ["nay"], ["kia"], ["ni"], ["no"])
_MADE_BY = frozenset({"toi", "em", "e", "ben", "minh", "chung", "phong", "xa", "da", "lam"})


def _done_vote(text: str, m: re.Match[str], following: str, vote, linked: str = "") -> None:
    before = _before(text, m.start())
    rest = text[m.end() :]
    if "hoi" in text and _ASKED_AROUND.search(text):
        vote(None, 1.0, "other_sense")  # "em đã gửi tin nhắn cho chị Hằng hỏi tình hình rồi":
        return  # a message sent to ask, not the product
    if lx.PLANNING.search(" ".join(before[-3:])):
        vote(IP, 0.6, "planning")  # "đã chuẩn bị xong tài liệu": ready, not done
        return
    if rest.startswith(" xong"):
        return  # "hoàn thành xong em báo": the "xong" that follows is read instead
    if m.group() == "xong" and rest.startswith(" doi_"):
        return  # "xong đời rồi anh ơi": it is all lost, an idiom
    if m.group() == "xong" and before[:2] == ["moi", "co"]:
        vote(IP, 0.9, "partial")  # "mới có điểm trường chính xong": only that one so far
        return
    if (
        m.group().startswith("bao cao ")
        and m.group().split()[2:3] in _THAT
        and "lam" in m.group().split()[3:]
        and set(m.group().split()[3:-1]) <= _MADE_BY
    ):
        vote(D, 0.5, "did")  # "báo cáo đó tụi em làm rồi": the report (a noun), made; sent?
        return
    if m.group() in ("xong", "hoan thanh") and _DENIED_AGAIN.match(rest):
        vote(IP, 0.9, "undone")  # "xong đâu mà xong, mới bắt đầu nhập", "hoàn thành cái gì
        return  # mà hoàn thành, mới gõ được mấy dòng": denied
    if before[-2:] in (["dau", "ma"], ["gi", "ma"], ["chi", "ma"], ["j", "ma"]):
        return  # "xong đâu mà xong": the verb said again in the denial
    if m.group() == "xong" and before[-1:] in (["doi"], ["cho"], ["de"]):
        vote(None, 1.0, "other_sense")  # "đợi xong Đại hội thì làm": once that is over
        return
    if (
        m.group() == "xong"
        and _EVENT_OVER.match(rest)
        and not {"da", "chuc"} & set(before[-2:] if before[-2:] != ["da", "em"] else before[-1:])
    ):  # (the "dạ" of "Dạ em xong ca trực …" is no "đã")
        vote(None, 1.0, "other_sense")  # "hôm nay xong họp muộn quá": the meeting over
        return
    if m.group() == "xong" and before[:1] in (["doi"], ["cho"]) and before[-1:] == ["ve"]:
        vote(None, 1.0, "other_sense")  # "đợi đoàn kiểm tra về xong, 27/7 em bắt đầu": over
        return
    if m.group() == "xong" and lx.NEGATORS & set(before[-3:-1]):
        vote(IP, 0.9, "undone")  # "phiếu khảo sát chưa in xong": a verb of the work negated
        return
    if (
        m.group() == "xong"
        and before[-1:] == ["la"]
        and len(before) > 1
        and before[-2] not in _SO_CALLED
        and not {"roi", "r"} & set(rest.split())
    ):
        vote(IP, 0.9, "forecast")  # "em bổ sung là xong": once that is done; not yet
        return
    if m.group().endswith("bao cao") and _TO_OWN_LEADER.match(rest):
        vote(None, 1.0, "other_sense")  # "em đã báo cáo lãnh đạo": told our leader, no product
        return
    if _INSTRUCTED.search(" ".join(before[-6:])):
        vote(None, 1.0, "other_sense")  # "anh nhắc các xã hoàn thành sớm giúp em": asked of
        return  # others, no report
    if before[-1:] == ["phai"] and not rest.split()[:1] == ["roi"]:
        vote(None, 1.0, "other_sense")  # "sếp dặn phải hoàn thành đúng hạn": a duty, no report
        return
    if _LAST_YEAR.match(rest):
        vote(None, 1.0, "other_sense")  # "đã số hóa xong là của năm ngoái": another period
        return
    if before[-2:] in (["dau", "co"], ["dau", "da"]) or rest.split()[:2] == ["dau", "chua"]:
        vote(IP, 0.9, "undone")  # "đâu có xong, mới được một nửa": denied outright
        return
    if (
        m.group() == "xong"
        and before[-1:] in (["chuyen"], ["don"], ["be"], ["khieng"], ["dua"])
        and _MOVED.match(rest)
    ):
        vote(None, 1.0, "other_sense")  # "em vừa chuyển xong máy tính sang trụ sở mới": the
        return  # office moved, not the task
    if _OUTING.search(" ".join(before[-7:])):
        vote(None, 1.0, "other_sense")  # "em vừa đi tập huấn chữ ký số xong, về em rà lại": back
        return  # from an outing, not the task
    if "ai" in before[-2:] and not lx.NEGATORS & set(before[-4:]):
        vote(None, 1.0, "other_sense")  # "nhóm mình ai làm xong rồi cho em xin file": whoever
        return
    if "lam gi" in " ".join(before[-3:]) or before[-2:] == ["sao", "ma"]:
        vote(IP, 0.9, "undone")  # "làm gì đã xong", "răng mà xong được": how could it be
        return
    if m.group() == "xong" and lx.ACTIVITY.search(" ".join(before[-3:])) and _SEND_NEXT.match(rest):
        vote(D, 0.5, "doubt")  # "ăn trưa xong em gửi anh": ready, to be sent?
        return
    if m.group().endswith(" roi") and lx.THEN_VERB.match(rest) and "da" not in before[-2:]:
        vote(None, 1.0, "other_sense")  # "báo cáo lãnh đạo rồi trả lời anh sau": then
        return
    if m.group() == "xong" and _AFTER_HOURS.match(rest):
        vote(None, 1.0, "other_sense")  # "làm xong giờ hành chính là chạy xuống ấp": the
        return  # working day over
    if m.group() == "xong" and not before and _AFTER_BUSINESS.match(rest):
        if _GO_ON.search(rest):
            vote(IP, 0.9, "progress")  # "xong việc tiếp dân chiều nay em làm tiếp cái này"
            return
        vote(None, 1.0, "other_sense")  # "xong việc bên tiếp dân tui coi lại cái này rồi báo
        return  # sau": once that is over, the writer turns to this
    if m.group() in ("xong", "hoan thanh") and "da" not in before[-3:] and lx.THEN.match(rest):
        vote(None, 1.0, "other_sense")  # "xong việc tiếp dân sẽ làm luôn": after that
        return
    if m.group() == "xong" and _SEASON_OVER.match(rest):
        vote(None, 1.0, "other_sense")  # "trường vừa xong năm học, giờ mới tính tới …"
        return
    if m.group() == "xong" and _MEETING_THEN.match(rest):
        vote(None, 1.0, "other_sense")  # "xong cuộc họp rồi em làm tiếp": after the meeting
        return
    if (
        m.group() == "xong"
        and "da" not in before[-3:]
        and not rest.startswith(" roi")
        and (then := _THEN_THIS.search(rest))
        and len(rest[: then.start()].split()) <= 8
    ):  # "làm xong báo cáo quý cho Sở Tài chính em mới chuyển qua việc này": only after that
        vote(NS, 0.9, "future_start")
        return
    if (
        m.group() == "xong"
        and _AFTER_XONG.match(rest)
        and not {"roi", "da"} & set(rest.split()[:4])  # ("… xong em về cơ quan em coi lại rồi
        # em nhắn anh": the "rồi" of what comes after)
        and not lx.NEGATORS & set(before[-1:])  # (not "em mần chưa xong anh nờ": undone)
    ):
        if rest.startswith(" viec") and _SEND_VERB.search(rest):
            vote(D, 0.5, "doubt")  # "xong việc ở xã em lên huyện nộp luôn": the work, to send?
        elif _START_AFTER.match(_EVENT_NAMED.sub("", rest, 1)):
            vote(NS, 0.9, "future_start")  # "ăn trưa xong em làm luôn": begun right after
        else:
            vote(None, 1.0, "other_sense")  # "họp xong em trả lời": after the meeting
        return
    if (
        m.group() == "xong"
        and " ".join(before[-3:]) in _KICK_OFF
        and following != "thi"  # (not "tuần sau họp triển khai xong thì …": ahead)
        and not lx.FUTURE.search(" ".join(before))
    ):  # "họp triển khai xong
        # rồi, đang phân công người soạn": the kick-off, a first step
        vote(IP, 0.9, "progress")
        return
    if m.group() == "xong" and lx.ACTIVITY.search(" ".join(before[-3:])):
        if rest.split() and set(rest.split()) <= _DONE_TAIL:
            vote(D, 0.5, "doubt")  # "họp xong rồi ạ": the task was a meeting, or a day's news?
        else:
            vote(None, 1.0, "other_sense")  # "em vừa đi họp xong, chiều em cập nhật"
        return
    if m.group() == "xong" and _EVENT_DONE.fullmatch(" ".join(before)):
        vote(D, 0.5, "doubt")  # "hội nghị hôm qua xong rồi": the task was the event, or news?
        return
    if m.group().startswith("ky") and (
        before[-1:] == ["trinh"] or _LEADER_TO_SIGN.search(" ".join(before[-5:]))
    ):  # "trình ký rồi", "em trình chú Chủ tịch ký rồi": with our leader to sign
        if not _ISSUED.search(m.group(), 2):  # not "trình ký và phát hành rồi": issued too
            vote(IP, 0.9, "own_wait")  # "trình ký rồi": handed up for the signature
            return
    if " ".join(before[-2:]).endswith(("moi", "vua moi")) and _NOT_UNTIL.search(" ".join(before)):
        vote(IP, 0.6, "not_until")  # "đến 15/8 mới xong được": not until then
        return
    if (
        rest.split()[:1] == ["dau"]
        and set(rest.split()[1:]) <= _DENIAL_TAIL
        and not _DOUBTING & set(before[-2:])
        and not _negated(before)
    ):
        vote(IP, 0.9, "undone")  # "đã xong đâu anh, mới ở bước dự thảo": denied, said plainly
        return
    if (_DOUBTING & set(before[-2:]) or rest.split()[:1] == ["dau"]) and not _negated(before):
        vote(D, 0.5, "doubt")  # "sao xong được", "xong đâu mà xong": doubted, or denied
        return
    if m.group() == "lam roi" and before[-1:] == ["dang"]:
        vote(IP, 1.0, "progress")  # "đang làm rồi anh": under way already
        return
    if m.group() == "lam roi" and before[-2:] == ["bat", "dau"]:
        vote(IP, 0.9, "started")  # "em bắt đầu làm rồi": begun, not done
        return
    if m.group() == "lam roi" or m.group().startswith(("da lam ", "lam tu ", "lam lau")):
        vote(D, 0.5, "did")  # "đã làm rồi": did it, or has begun? No completion word
        return
    if count := _COUNT.search(" ".join(before)):
        done, total = (int(g.replace(".", "")) for g in count.groups())
        if done < total:
            vote(IP, 0.9, "partial")  # "3/5 xã đã gửi": some units are still to come
            return
        if done == total and m.group() in ("xong", "hoan thanh", "hoan tat"):
            vote(D, 1.0, "done")  # "10/10 thôn đã niêm yết xong": every unit, finished
            return
        if done == total:
            vote(D, 0.5, "count")  # "10/10 xã đã gửi báo cáo": theirs, or the task's?
            return
    if following == "thi" and _NOT_QUITE.match(linked):
        vote(IP, 0.9, "undone")  # "xong thì chưa hẳn, nhưng …": not quite
        return
    if following == "thi":
        vote(None, 1.0, "other_sense")  # "hoàn thành thì gửi cho ai": a condition
        return
    if _negated(before):
        vote(IP, 0.9, "undone")
        return
    head = " ".join(before)
    said_done = ("da" in before[-3:] or m.group().startswith("da ")) and not _PLAN.search(head)
    said_done = said_done or (m.group().endswith(" roi") and _sent_and_said(rest))  # "thứ hai
    # tuần này em gửi rồi anh ơi": "rồi" at the end makes it one gone by
    # "t7 em đã nộp rồi", "tuần này đã gửi": "đã" makes the time one past
    if lx.FUTURE.search(head) and not _PAST_HEAD.search(head) and not said_done:
        vote(IP, 0.6, "future_done")
        return
    if (lx.DOUBT.search(head) or _PROBABLY_END.match(rest)) and not lx.HEDGE.search(
        " ".join(before[-2:])
    ):  # (not "em nghĩ là cũng gần xong rồi": nearly done, thought or known, under way)
        vote(D, 0.5, "doubt")  # "xong rồi thì phải": probably
        return
    if before[-1:] in (["bao"], ["noi"]) or before[-2:] in (["bao", "la"], ["noi", "la"]):
        if _HEARSAY.search(head):
            vote(D, 0.5, "doubt")  # "anh Hùng phụ trách bảo đã gửi": heard, not seen
            return
    if lx.HEDGE.search(head):
        vote(IP, 0.9, "hedged")
        return
    tail = " ".join(rest.split()[:5])
    if (
        lx.OWN_PART.search(tail)
        or lx.ROUND.match(tail)
        or lx.OWN_PART.search(head)
        or lx.ROUND.search(head)  # "kế hoạch kiểm tra công vụ đợt 2 … ký rồi": the task's name?
    ):
        vote(D, 0.5, "own_part")  # "xong phần bên em", "xong 1 đợt": that part, or all?
    elif (
        m.group().startswith(("gui", "nop", "da gui", "da nop"))
        and (
            lx.PARTIAL.search(m.group())
            or _DRAFT.match(tail)
            or (_DRAFTED.search(head) and not _TO_YOU.match(m.group() + tail))
        )
        and _SAID_DONE_END.search(text)
    ):  # (or "dự thảo kế hoạch bên em gửi Văn phòng UBND tỉnh rồi": the draft sent to a body;
        # not "dự thảo em gửi anh …, anh góp ý giúp em": with the coordinator to comment)
        vote(D, 0.5, "doubt")  # "em gửi bản dự thảo lên nhóm rồi": the draft was the task?
    elif lx.PARTIAL.search(head) or lx.PARTIAL.search(tail) or lx.HEDGE.match(tail):
        vote(IP, 0.9, "partial")
    elif m.group().startswith(("da gui", "gui")) and _STEP_OBJECT.search(
        " ".join(rest.split()[:7])
    ):
        vote(IP, 0.6, "step")
    else:
        vote(D, 1.0, "done")
        if _REFERENCE.search(text) and not m.group().startswith("da co"):
            vote(None, 1.0, "evidence")  # "đã ban hành KH số 05/KH-UBND": the product named
        # (not "đã có QĐ 889/QĐ-STTTT …": a decision received, what the work carries out)


def _progress_votes(
    text: str,
    words: _Words,
    vote,
    later: bool = False,
    busy: bool = False,
    ahead: bool = False,
    first: int = -1,
    then: bool = False,
) -> None:
    """Work under way; ``later``: the clause promises to report later ("… rồi báo anh sau"),
    so a bare step verb in it is the plan, not a report; ``busy``: the clause gives why the
    work has not started ("chưa làm vì đang dồn sức cho đại hội"), so its "đang" is elsewhere;
    ``ahead``: the clause puts the start ahead, so "đang chờ …" is waiting to begin; ``first``:
    where "… xong mới" ends what comes before the task (-1: none), so an "đang" before it is
    that other work's."""
    for aspect in () if busy or "dang" not in text else _DANG.finditer(text):
        if len(aspect.group(1)) > 1:
            continue  # what followed was read already ("đang chờ Sở …")
        if text.endswith(("trang thai ", "trang thai la ", "muc "), 0, aspect.start()):
            continue  # "đừng để trạng thái đang làm nữa": the status shown, named
        if text.startswith(("nhac", "hoi"), aspect.end()) and _before(text, aspect.start())[
            -1:
        ] in (["anh"], ["chi"], ["a"], ["c"], ["dong chi"], ["bot"]):
            continue  # "việc anh đang nhắc": the coordinator's nudge, not our work
        rest = " ".join(text[aspect.end() :].split()[:5])
        if rest.split()[:1] == ["do"] and "khong con" in " ".join(_before(text, aspect.start())):
            continue  # "không còn phần nào dang dở nữa": nothing left unfinished
        if _ELSEWHERE.match(rest):
            continue  # "chừ đang làm cái khác": other work, not this task's
        if rest.startswith(_AWAY_STATES):
            continue  # "1 đồng chí đang học lớp trung cấp chính trị": where staff are, no step
        if rest.split()[:1] in (["uy"], ["vien"], ["doan"]) or rest.startswith(_PARTY_BODY):
            continue  # "cuộc họp Đảng ủy xã", "Đảng bộ xã": the Party (folded like "đang")
        if rest and (lx.BUSY.match(rest) or (rest.startswith("trong ") and lx.BUSY.search(rest))):
            busy = True  # "đang tập trung cho đợt kiểm tra", "đang trong kỳ nghỉ hè": its steps
            continue  # are that business's
        if (
            not rest
            or rest.startswith(("tai", "ky ", "vuong", "gap kho", "bi ", "phai dung", "tam dung"))
            or rest.startswith(("bo do", "bo day", "de do", "de day"))  # left aside
            or rest in ("bo", "de")  # ("việc ni đang bỏ | đó": "đó" folds like "do", because)
            or rest in ("dung", "dung a", "dung roi", "dung lai")
        ):  # "đang dừng" (halted) or
            # "bộ phận một cửa đang dùng" (in someone's use): folded alike, neither our step
            continue  # "đang vướng số liệu", "đang bị lỗi": the obstacle, read above
        if text.endswith(_SYSTEM_AS_SUBJECT, 0, aspect.start()):
            continue  # "trên hệ thống lại đang gán cho xã em": the system's state, no step
        said_of_them = (
            _BODY_SAYS.search(text, 0, aspect.start()) or _THEY.search(text, 0, aspect.start())
        ) and rest.startswith(_REVIEWING)  # (or "mấy ảnh đang coi lại để thẩm định")
        if said_of_them or (
            _HIGHER_SUBJECT.match(text, 0, aspect.start()) and rest.startswith(_APPRAISING)
        ):
            vote(B, 0.95, "waiting")  # "Sở gọi nói là đang xem": theirs to look at, awaited
            continue
        if 0 <= first and aspect.end() <= first:
            continue  # "đang làm báo cáo 6 tháng xong mới chuyển sang việc này": that first
        if lx.PLANNING.match(rest):
            continue  # getting ready: read below
        waited = rest.split()
        if _ERRAND.match(rest):
            continue  # "nước lên nhanh quá, em đang chuyển đồ đạc lên cao": what the writer
            # is doing, not the work
        if waited[0] == "du" and waited[1:2] and waited[1][0].isdigit():
            continue  # unaccented "đăng đủ 164 thủ tục": posted, not "đang"
        if waited[0] == "ngay" and waited[1:2] and waited[1][0].isdigit():
            continue  # unaccented "đăng ngày 13/7": posted on that day
        if (
            waited[0] in ("luu", "giu", "cat")
            and _before(text, aspect.start())[-1:] in (["em"], ["minh"], ["toi"], ["e"])
            and not lx.NEGATORS & set(waited[1:4])
        ):  # "biên bản nghiệm thu em đang giữ đây": kept by us, a state, not work (not "bạn
            continue  # nghỉ ốm đang giữ file": held by someone away)
        if (waited[0] == "hop" and not _MEETING_STEP.match(rest)) or (
            waited[0] == "o" and waited[1:2] not in (["buoc"], ["khau"], ["giai"], ["cong"])
        ):
            continue  # "đang họp Ban chỉ huy phòng chống thiên tai", "đang ở viện với con":
            # where the writer is (not "đang ở bước lấy ý kiến": the step reached)
        if waited[0] in ("cho", "doi") and (ahead or waited[1:2] in (["on"], ["xong"], ["het"])):
            continue  # "đang chờ xong đợt kiểm tra rồi mới làm", "đang đợi ổn định nhân sự"
        if waited[0] in ("cho", "doi") and waited[1:3] in (["gi", "nua"], ["chi", "nua"]):
            continue  # "đang chờ gì nữa đâu anh, xong từ tuần trước": nothing waited for
        if waited[0] in ("cho", "doi") and waited[1:3] == ["vao", "hop"]:
            continue  # "em đang chờ vào họp, lát em trả lời": where the writer is, like "đang họp"
        if waited[0] in ("cho", "doi") and waited[1:2] in (["hop"], ["cuoc"], ["hoi"]):
            vote(B, 0.5, "waiting_vague")  # "đang đợi họp thống nhất": whose meeting?
            continue
        if waited[0] in ("cho", "doi"):
            tail = waited[1:]  # up to a "chứ": "đang chờ chứ nội dung thì xong rồi"
            if "chu_q" in tail:
                tail = tail[: tail.index("chu_q")]
            if set(tail) <= _DONE_TAIL | {"thoi", "day"}:
                vote(B, 0.6, "waiting_vague")  # "…, đang chờ": for whom not said
                continue
        vote(IP, 1.0, "progress")
    for m in _scan(lx.PLANNING, text, words):
        before, after = _before(text, m.start()), text[m.end() :].strip()
        if before[-1:] == ["dang"] or (m.group() == "chuan bi" and lx.START_VERB.match(after)):
            vote(NS, 0.6, "prepare")  # getting ready to start: started, or not yet?
            vote(IP, 0.6, "prepare")
        elif later:
            continue  # "để em tìm hiểu rồi trả lời anh sau": a promise to answer, no step
        elif "da" in before[-2:] or "xong" in after.split()[:3] or after[:3] == "roi":
            vote(IP, 0.6, "planning")
    text = _mask(lx.PLANNING, text, words)
    for m in _scan(lx.PROGRESS, text, words):
        before = _before(text, m.start())
        if _negated(before):
            continue  # "chưa cập nhật": not a step taken
        if (
            lx.FUTURE.within(before)
            and lx.FUTURE.search(" ".join(before))
            and m.group() != "lam them duoc"  # "tuần này làm thêm được 200 hồ sơ": done
            and "da" not in before[-3:]  # "tuần này đã bắt đầu nhập liệu": begun
        ):
            if (
                m.group() in ("lam tiep", "tiep tuc")
                and not later
                and not text.startswith(" theo doi", m.end())  # "sẽ tiếp tục theo dõi": a
            ):  # follow-up of what was sent, no work left
                vote(IP, 0.9, "progress")  # "mai em làm tiếp phần còn lại": begun, to go on
                continue
            if not later and "se" in before[-2:]:  # "sắp tới sẽ tổ chức lấy ý kiến": planned,
                vote(IP, 0.5, "planned")  # and the work before it begun or not?
                vote(NS, 0.5, "planned")
            continue  # "tuần sau trình", "họp về em kiểm tra lại": a plan
        if before[-1:] == ["de"]:
            continue  # "cần số liệu để tổng hợp": a purpose
        if before[-1:] == ["moi"] and before[-2:-1] in (["so"], ["tinh"], ["bo"], ["ho"]):
            continue  # "hạn 15/8 Sở mới tổng hợp": the higher body's own step, ahead
        if before[-1:] == ["moi"] and (_put_off(" ".join(before)) or then):
            vote(NS, 0.9, "future_start")  # "tuần sau phòng em mới soạn": not begun; "(kế
            continue  # hoạch là) sau đợt kiểm tra …, bên em mới rà soát": after that event
        if ahead and "moi" in before[-3:]:
            continue  # "(20/7) bên em mới bắt đầu rà soát": the start put ahead, read above
        if text.endswith("  ", 0, m.start()) and "da" in before[-1:]:
            continue  # "đã hoàn thành | khảo sát": the object of the done verb read above
        if before[-2:] in (["ban", "da"], ["file", "da"]):
            continue  # "gửi lại anh bản đã chỉnh sửa": what the document is, not a step now
        if (before[-1:] == ["moi"] or m.group().startswith("moi ")) and _BY_THEN.search(
            " ".join(before[-5:])
        ):
            vote(NS, 0.9, "future_start")  # "chừng đó tui mới làm được": only then
        elif before[-1:] == ["dang"] or (before and before[-1] in _STILL):
            vote(IP, 0.9, "progress")
        elif before[-1:] == ["da"] and _WHOLE.match(text, m.end()):
            vote(D, 1.0, "done")  # "đã rà soát toàn bộ 96 thủ tục": all of it
        elif (
            before[-1:] in (["da"], ["moi"], ["vua"])
            or before[-2:] == ["da", "di"]  # "đã đi kiểm tra thực tế"
            or (before[-1:] == ["va"] and "da" in words)  # "đã ban hành … và triển khai"
            or m.group() in _STARTED
            or m.group().split()[1:2] in (["toi"], ["den"])  # "làm tới biểu 2": how far
            or _ACHIEVED.match(text, m.end())
        ):
            vote(IP, 0.8, "started")
        elif _asked_of_us(text, m, words):
            continue  # "anh kiểm tra lại giúp em …": asked of the coordinator, no step of ours
        elif "la" in before[-2:] and _AT_ONCE_NEXT.match(text, m.end()):
            vote(IP, 0.6, "forecast")  # "ổng về là em trình ký ngay": ready, the next step set
        elif not later and not busy and _FULLY.match(text, m.end()) and not _negated(before):
            vote(D, 1.0, "done")  # "cập nhật đầy đủ danh mục lên cổng rồi", "nhập hết rồi"
        elif not later and not busy:
            vote(IP, 0.55, "step")  # a bare verb: a plan as often as a report


# a clause ending in "rồi" (and only particles after it): said as done, not "… rồi báo anh"
_SAID_DONE_END = re.compile(
    r" (?:roi|r|(?:sang|chieu|toi) (?:nay|qua)|hom qua)(?: (?:a|ah|anh|chi|c|nhe|nha|day|do))*$"
)  # or a time just gone: "văn thư phát hành sáng nay"
_PURPOSE = lx.gated(
    r"(?<!\w)(?:anh|chi|a|c) (?:gui|cho_?|cap|huong dan)(?: \S+){0,6} de (?:em|e|minh|toi) $"
)
_AFTER_EVENT = re.compile(
    r"(?:sau|het|qua|xong) (?:(?:cuoc|buoi|phien) )?(?:dot|khi|ky|le|tet|hop|hoi nghi|dai hoi)"
    r"(?!\w)"
)
_PLANNED_AFTER = lx.gated(r"(?:ke hoach|du kien|lich) la sau (?:dot|khi|ky|hop|hoi nghi)(?!\w)")
_AFTER_DONE = re.compile(r"(?:de|doi|cho|sau khi) (?:\S+ ){0,5}?xong(?!\w)")  # "để xong đợt … thì"
_PLAN = lx.gated(  # a plan said as such, not only a time: "dự kiến tháng 8 đã xong"
    r"(?<!\w)(?:se|sap|du kien|dinh|ke hoach|phan dau|co gang|de (?:em|e|minh|toi)|khi nao|bao gio)"
    r"(?!\w)"
)
_FIRST = re.compile(r" xong (?:roi )?moi(?!\w)")  # what ends first, before the task begins


def _sent_and_said(rest: str) -> bool:
    """Only particles after a verb's "rồi" ("… gửi rồi anh ơi"): what it did, no next step."""
    return set(rest.split()) <= _DONE_TAIL | {"oi", "do", "day", "nha", "nhe", "ha"}


_PAST_HEAD = re.compile(  # a time said as past: "thứ 2 vừa rồi", "tuần trước", "hôm qua"
    r"(?<!\w)(?:vua roi|vua qua|tuan truoc|thang truoc|hom qua|hom kia|hom truoc|nam ngoai"
    r"|hom thu (?:\d|hai|ba|tu|nam|sau|bay))(?!\w)"  # "hôm thứ 3 em gửi": that day, gone by
)
_EVENT_DONE = lx.gated(  # an event as the subject of "xong", no task verb before it
    r"(?:(?:hom qua|hom nay|sang nay|chieu qua|tuan truoc) )?(?:da )?(?:hoi nghi|cuoc hop|buoi hop"
    r"|buoi lam viec|dot kiem tra|doan (?:kiem tra|thanh tra|giam sat))(?: \w+){0,2}"
)
_SEASON_OVER = re.compile(  # "trường vừa xong năm học": a season over, never the task
    r" (?:nam hoc|hoc ky(?: \d| mot| hai| 1| 2)?|mua (?:lu|mua|vu)|vu (?:mua|lua|thu hoach)"
    r"|dot cao diem|mua thi|ky thi)(?!\w)"
)
_PUT_OFF = re.compile(  # what may put a start off before "mới": "để quý 4 mới làm"
    r"(?<!\w)(?:de|quy|thang|tuan|nam|dot|ky|sau|het|xong|cuoi|dau|khi|tet|roi|khai giang|chieu|mai"
    r"|den (?!gio|nay|hom nay|bay gio)"
    r"|(?:phep|tac|hoc|huan|vien|om) ve"  # "nghỉ phép về em mới bắt đầu": back from leave
    r"|\d{1,2}/\d{1,2})(?!\w)"  # a day: "theo kế hoạch thì 20/7 mới làm"
)
_NOW_OR_PAST = re.compile(r"(?<!\w)(?:hom nay|hom qua|truoc|vua|da|dang)(?!\w)")


_VISIT = re.compile(r"(?<!\w)(?:doan|to) (?:\w+ ){0,6}(?:ve|xuong|len|den|toi) $")


def _put_off(before: str) -> bool:
    """A start "not until" a time or an event ahead: "để quý 4 mới làm", "hết đợt này mới
    triển khai" (not "hôm qua mới bắt đầu": begun, lately)."""
    head = before.rstrip()
    if not head.endswith(" moi"):
        return False
    head = head[:-4]
    if head.endswith((" xong", " xong roi")):
        return True  # "đang làm báo cáo 6 tháng xong mới …": the "đang" is what ends first
    head = _POLITE_DA.sub("", head)  # "Dạ qua ngày 22/7 em mới …": dạ, not "đã"
    return bool(_PUT_OFF.search(head)) and not _NOW_OR_PAST.search(head)


_POLITE_DA = re.compile(
    r"^da (?=(?:qua|sau|het|de|tuan|thang|cuoi|dau|mai|den|toi|tu|nghi|di|doi|cho) )"
)
# What the unit's own leader may owe as well as another body: waited for with no body named,
# the wait may be ours ("đang chờ ý kiến" of the director?)
_BARE_VERDICT = re.compile(  # a leader's word awaited, whose not said after it
    r"(?:cho|doi) (?:y kien(?: chi dao)?|chi dao|phe duyet|duyet|cho y kien|ket luan|ky)"
    r"(?: (?:a|ah|anh|chi|nhe|nha|roi|thoi|nua))*$"
)
_SUBMITTED_TO_OWN = re.compile(  # "trình lãnh đạo UBND xã", "trình chủ tịch": our own leader
    r"(?<!\w)trinh (?:cho )?(?:lanh dao|ld|chu tich|pho chu tich|giam doc|pho giam doc|sep"
    r"|thu truong|ban giam doc|ban giam hieu|hieu truong|truong phong)"
    r"(?: (?:ubnd )?(?:xa|phuong|so|phong|don vi|trung tam|truong))?(?!\w)(?! (?:ubnd )?tinh| bo)"
)
_OWED_BY_ANYONE = re.compile(
    r"(?:cho|doi) (?:y kien|so lieu|ket qua|phan hoi|tra loi|xac nhan|thong tin|van ban|chi dao"
    r"|cung cap)(?!\w)(?! (?:tham dinh|phe duyet|giai ngan|cua|tu|ben|cac))"
)
_NOT_A_BODY = re.compile(
    r"(?<!\w)(?:so (?:lieu|hoa|luong|sach|\d+)|ho so|ban (?:hanh|giao|dau|nhap|thao|du thao)"
    r"|bo (?:sung|tri|phan)|tinh (?:hinh|hinh|toan)|(?:phong|ben) (?:em|minh|toi))(?!\w)"
)
_A_BODY = re.compile(rf"(?<!\w)(?:{lx.BODY_NAMES})(?!\w)")


def _asked_of_us(text: str, m: re.Match[str], words: _Words) -> bool:
    """A step the writer asks the coordinator to take ("anh kiểm tra giúp em xem đã nhận được
    chưa"): the coordinator's, no step of the work and no question on its state."""
    return _after_address(text, m.start()) and bool({"giup", "dum", "ho"} & words)


def _after_address(text: str, start: int) -> bool:
    """Whether the word before ``start`` is the coordinator addressed ("anh", "chị", "đồng
    chí": its last word is "chi")."""
    before = _before(text, start)
    return bool(before) and before[-1] in _ADDRESS


def _names_body(text: str) -> bool:
    """Another body named in the clause ("chờ ý kiến của Sở Tư pháp"), not "số liệu"."""
    return bool(_A_BODY.search(_NOT_A_BODY.sub(" ", text)))


def _before(text: str, start: int) -> list[str]:
    return text[:start].split()


def _negated(before: list[str]) -> bool:
    """A negator among the three words before, with only fillers after it."""
    words = before[-3:]
    hits = [i for i, w in enumerate(words) if w in lx.NEGATORS]
    return bool(hits) and all(w in _FILLERS for w in words[hits[-1] + 1 :])


def _body_undelivered(text: str) -> re.Match[str] | None:
    """ "Bên Viettel chưa bàn giao": another body owes something; not "còn 3 phòng chưa gửi"
    (a count of units: what is left)."""
    found = lx.BODY_UNDELIVERED.search(text)
    if found and _COUNTED.search(text[: found.start()].rstrip() + " "):
        return None
    if found and _GONE_TO.search(text, 0, found.start()):
        return None  # "chủ tịch đi công tác tỉnh chưa ký": a place gone to, not who owes it
    if found and _COPY.match(found.group().strip()):
        return None  # "bản điện tử chưa gửi": a copy of ours (bản), not a board (ban)
    return found


_GONE_TO = re.compile(r"(?:^| )(?:cong tac|di hop|hop|len|di) $")
_COPY = re.compile(r"ban (?:dien tu|giay|cung|mem|scan|chinh|sao|goc|in|word|pdf|ky so)(?!\w)")


def _denied_obstacle(before: list[str]) -> bool:
    """ "không gặp khó khăn vướng mắc gì": a negator shortly before, with only the words of
    having or meeting an obstacle between."""
    words = before[-5:]
    hits = [i for i, w in enumerate(words) if w in lx.NEGATORS or w == "het"]
    return bool(hits) and all(w in _OBSTACLE_FILLERS for w in words[hits[-1] + 1 :])


def _resolved(text: str, end: int) -> bool:
    """An obstacle solved in the words after it ("vướng nhỏ đã tháo gỡ xong"), not "chưa được
    giải quyết"."""
    found = lx.RESOLVED.search(text, end, end + 34)  # ("máy scan hỏng hôm trước sửa xong rồi")
    return found is not None and not lx.NEGATORS & set(_before(text, found.start())[-2:])


def _giving(text: str, start: int) -> bool:
    """Unaccented "gửi BC cho Sở" is "to", not "chờ"; "đang chờ Sở" stays waiting; "vài chỗ"
    (a few places, folded as "cho") waits for no one."""
    words = _before(text, start)
    if words[-1:] and words[-1] in SOME:
        return True  # "còn chỉnh sửa mấy chỗ nữa": places, folded as "cho"
    if not words or words[-1] in lx.WAIT_ASPECTS:
        return False
    if words[-1] == "gio" and not text.startswith("cho_", start):
        return False  # "đã gửi sở rồi giờ chờ sở phản hồi": now waiting
    if words[-1] in ("bao", "hen", "noi", "dan") and text.startswith(_AWAITED, start):
        return False  # "Sở bảo chờ thẩm định": told to wait for it
    if words[-1] == "chi" and (
        len(words) == 1 or words[-2] in ("con", "thi", "gio", "nay", "la", "roi", "xong")
    ):
        return False  # "…, chỉ chờ Chủ tịch ký": only waiting (not "chị cho ý kiến")
    if text.startswith("cho ", start) and words[-1] in _GIVERS:
        return True  # "lãnh đạo cho ý kiến": the leader gives
    if text.startswith("cho ", start) and {"cho", "doi"} & set(words[-4:-1]):
        return True  # "đang chờ PGD phụ trách cho ý kiến": the one waited for gives
    if text.startswith("cho ", start) and "xong" in words[-5:-1]:
        return True  # "tạo xong tài khoản cho các phòng rồi": made for them
    return bool(_GIVE_VERBS & set(words))


_FOR_APPRAISAL = lx.gated(  # handed up for another body's appraisal or approval
    r"(?<!\w)(?<!se )(?<!sap )(?<!du kien )(?<!chuan bi )(?<!moi )(?:da )?(?:trinh|gui|nop)"
    r"(?: \w+){0,6} (?:len |ve |sang |qua )?"  # (not "xong bước này em sẽ gửi Sở thẩm định")
    r"(?:so|tinh|ubnd tinh|bo|stp|snv|stc)(?: \w+){0,3} (?:tham dinh|phe duyet)(?: roi| r)?"
    r"(?: (?:tu |ngay |tu ngay |hom )?\d{1,2}/\d{1,2}(?:/\d{2,4})?)?"  # "… thẩm định từ ngày 2/7"
    r"(?= (?:a|ah|anh|chi|em|nhe|nha)$|$)"
)
_EVENT_OVER = lx.gated(  # (not "đã tổ chức xong hội nghị": the task's own event held)
    r" (?:hop|cuoc hop|buoi hop|hoi nghi|dai hoi|le|doan|ca truc|ca tiep dan|giao ban|tap huan"
    r"|dot (?:dai hoi|kiem tra|thanh tra|tiep dan|tap huan|bau cu|hop|le|tiem chung|tiem phong"
    r"|kham|tuyen sinh|thi|cao diem|le hoi))(?!\w)"
    r"(?! (?:trien khai|lay y kien|thong nhat|doi thoai|tuyen truyen))"
)
_OWN_NAMED = re.compile(  # our own leader named in the wait ("chờ anh Tuấn PGD ký")
    r"(?<!\w)(?:lanh dao|giam doc|chu tich|truong phong|pho phong|sep|thu truong|pgd|gd|pct|ct"
    r"|tp|ptp|anh|chi|a|c|ong|ba|bgh|hieu truong|truong tram)(?!\w)"
)
_HIGHER_LEVEL = re.compile(r" (?:ubnd tinh|tinh|bo|uy ban tinh)(?!\w)")  # "đợi lãnh đạo
# UBND tỉnh cho ý kiến": the province's leaders, not ours
_DENIED_AGAIN = re.compile(r" (?:cai )?(?:dau|gi|chi|j) ma (?:xong|hoan thanh)(?!\w)")
_THEIR_SHARE = re.compile(rf"(?<!\w)(?:phan )?cua (?:ben |phia )?(?:{lx.BODY_NAMES})(?!\w)")
_EVENT_NAMED = re.compile(r"^ (?:ky|buoi|dot|cuoc|phien) \w+")  # "xong kỳ họp em …"
_NOT_SEEN_SENT = re.compile(r"thi (?:van )?chua thay (?:gui|nop|chuyen|bao cao)(?!\w)")
_PROVINCE_LEADERS = re.compile(  # (not "chờ anh Tính ký": a name)
    r"(?<!\w)(?:lanh dao|ubnd|chu tich) (?:ubnd )?tinh(?!\w)"
)
_OTHER_SO = re.compile(
    r" so (?:tai chinh|tu phap|noi vu|y te|giao duc|xay dung|cong thuong|nong nghiep|tai nguyen"
    r"|van hoa|khoa hoc|ke hoach|lao dong|giao thong|thong tin|ngoai vu|dan toc)(?!\w)"
)
_AWAY_AFTER = re.compile(
    r" (?:di (?:hoc|cong tac|vang|tap huan)|nghi (?:phep|om|sinh|che do)|dang (?:nghi|di|om)"
    r"|vang|om|chuyen cong tac|bi om)(?!\w)"
)
_DENIAL_TAIL = frozenset({"anh", "chi", "a", "ah", "em", "nha", "nhe", "oi", "co"})
_HANDED_TO_BODY = lx.gated(  # handed to another level ("trình lãnh đạo": our own, not this)
    r"(?<!\w)(?:(?:nop|gui|chuyen)(?: (?!lanh dao|giam doc|chu tich)\w+){0,3}"
    r" (?:len |ve |sang |qua |cho_? )?(?:so(?! \d| lieu| hoa| ho so)|ubnd tinh|bo"
    r"|(?<!\banh )(?<!\bchi )(?<!\ba )(?<!\bc )tinh)"  # (not "gửi anh Tính": a name)
    r"|trinh (?:len )?(?:ubnd tinh|tinh|bo))(?!\w)"
)
_HANDED_IN = re.compile(r"(?<!\w)(?:da |roi )?(?:nop|gui)(?: roi| len| ve)?(?!\w)")
SOME = frozenset({"vai", "may", "nhieu", "it", "mot", "cac", "tung"})  # "vài chỗ": places
_AWAITED = ("cho tham dinh", "cho phe duyet", "cho duyet", "cho ket qua", "cho y kien", "doi ")
NO_NEED = (["khong", "phai"], ["khong", "can"], ["chang", "phai"], ["chang", "can"])
_NONE: tuple[re.Match[str], ...] = ()
_WORD_RUN = re.compile(r"\w+")


class _Words(lx.Words):
    """A clause's words, and where each opens in its text (``at``: in a text of words and
    spaces only, its words; else its runs of word characters: "05/kh-ubnd" has "kh");
    ``scanned``: each table's last scan, with the text it scanned (masks rescan the same);
    ``scan_bits``: ``bits`` without the tables whose first words stand only before a word
    none of their phrases can have after them (``lx.WORD_GATES``), so that no scan can match."""

    __slots__ = ("at", "scan_bits", "scanned")
    at: dict[str, list[int]]
    scan_bits: int
    scanned: dict[lx.Table, tuple[str, Sequence[re.Match[str]]]]

    @classmethod
    def of(cls, text: str) -> _Words:  # type: ignore[override]
        at: dict[str, list[int]] = {}
        position, bits, possible, get = 0, lx.ANY_BITS, 0, lx.WORD_GATES.get
        for word in text.split(" "):
            after = position + len(word) + 1  # where the next word opens
            if (where := at.get(word)) is None:
                if word:
                    at[word] = [position]
            else:
                where.append(position)
            if (gates := get(word)) is not None:
                bits |= gates[0]
                possible |= gates[1]
                # a scan tries a table where one of its first words stands as a token: the
                # word after it (blanked out by a mask: spaces) starts as one of its phrases
                # goes on (the heads hold no space: they are in that word)
                if text.startswith(gates[2], after):
                    for heads, bit in gates[3]:
                        if text.startswith(heads, after):
                            possible |= bit
            position = after
        words = cls(at)
        words.bits = bits
        if "%" in text or "/" in text or "." in text or "," in text or "-" in text:
            at = {}  # a word may open inside a token ("05/kh-ubnd"): where each run of
            for run in _WORD_RUN.finditer(text):  # word characters opens
                at.setdefault(run.group(), []).append(run.start())
            words.scan_bits = bits
        else:
            words.scan_bits = bits & (possible | ~lx.GATED)
        words.at = at
        words.scanned = {}
        return words


def _scan(table: lx.Table, text: str, words: _Words) -> Sequence[re.Match[str]]:
    """The table's matches in a clause's (masked) text: tried only where one of the words
    its phrases surely open on stands (``Table.opens_on``; masking keeps every position). Also
    the test for any of a table's phrases in a clause: cheaper than ``Table.search``, which
    tries its whole pattern at every position."""
    if not words.scan_bits & table.bit:  # Table.within, inlined: this runs some 30 times a reply
        return _NONE
    last = words.scanned.get(table)
    if last is not None and last[0] == text:
        return last[1]  # scanned already, unchanged since: a mask after the votes' loop
    opens_on = table.opens_on
    if opens_on is None:
        found = list(table.regex.finditer(text))
    else:
        at, at_word = words.at, table.at_word
        opening = opens_on.intersection(at)
        found = []
        end = 0
        if len(opening) == 1:  # the usual case: one of its first words, where it stands
            for word in opening:
                phrases = at_word[word]
                for p in at[word]:
                    if p >= end and (m := phrases.match(text, p)):
                        found.append(m)
                        end = m.end()
        else:
            for p, word in sorted([(p, w) for w in opening for p in at[w]]):
                if p >= end and (m := at_word[word].match(text, p)):  # each tried with the
                    found.append(m)  # phrases that can open on its word only
                    end = m.end()
    words.scanned[table] = (text, found)
    return found


def _blank(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


def _mask(table: lx.Table, text: str, words: _Words) -> str:
    """``text`` with the table's phrases blanked out (same length: positions stay)."""
    if not words.scan_bits & table.bit:
        return text  # (_scan's first test, before the call)
    found = _scan(table, text, words)
    if found is _NONE:
        return text
    for m in found:
        text = text[: m.start()] + _blank(m) + text[m.end() :]
    return text
