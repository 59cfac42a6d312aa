"""Read a free-text reply to a nudge: what to record, how sure, and what to ask when unsure.

How the reader decides, in order:

1. **Normalise** (``normalise``): fold, repair Telex/VNI residue, shorthand, run-together
   words, dropped last letters; a month written short ("cuối t8") becomes "tháng 8".
2. **Clauses** (``clauses``): split at punctuation and at "nhưng", "còn", "mà", "thì", "nên",
   "vì", "do"; each clause knows its linking word and whether it asks. A polite opening
   ("Dạ báo cáo anh, …") is an address and votes nothing. A clause opening with "nếu", "khi
   nào", "khi", "hễ", "miễn là" is a condition, not a fact: it votes nothing (weakly blocked
   when it names what the work needs, "khi nào có kinh phí …"), and what it leads to ("… thì
   bên em triển khai", "nếu xong sớm | em gửi") is a plan: no done, its other votes weak.
3. **Votes** (``statuses``): each clause votes for statuses, each vote weighed by what scopes
   over its phrase (negation, future or plan markers, hedges, doubts, parts, questions,
   another sense of the word).
4. **Combine** (``combine`` below), settling competing votes by how Vietnamese reports are
   built rather than by a fixed order:

   * a dispute over who owns the task records nothing; an extension request wins; lateness
     said without a request ("chắc không kịp hạn") asks: extension or in progress (or
     blocked, when an obstacle is said outright beside it: "chắc phải lùi, chưa có kinh phí");
   * what a reply says it reported by mistake ("hôm trước em báo nhầm là đang làm"), or says
     before "thực ra", is corrected by what follows; a claim said back to deny it ("chưa có
     gì là chưa có gì") says no state;
   * an obstacle said outright wins over work under way ("đang làm nhưng vướng kinh phí"),
     but not over a done after it in a "nhưng" clause ("hệ thống lỗi nhưng em đã nộp bản
     giấy", "khó khăn thì nhiều nhưng vẫn xong đúng hạn": done despite it), and an eased
     one ("hơi vướng", "vướng nhỏ đang tháo gỡ"), one followed by "vẫn đang làm", or a
     hardship complained of beside work going on ("đang nhập liệu, mạng yếu quá nên chậm",
     "mới được 30%, thiếu người quá") competes with it; waiting on another body after a
     delivery competes with done when only a reaction is awaited ("đã gửi báo cáo, đang chờ
     Sở phản hồi"), and is
     blocked when the body owes the work its decision, opinion or data ("đã gửi hồ sơ, đang
     chờ Sở thẩm định", "đã gửi công văn xin ý kiến, đang đợi Sở trả lời");
   * a part of the product lacking after it is done ("đã nộp, còn thiếu bản scan") is what
     is left, not an obstacle; doubted ("hình như còn thiếu phụ lục") it makes done a
     question; nobody to do the work ("chưa có ai làm") is an obstacle;
   * done with work still going on (a later "đang …", "còn …", own leader still to sign, a
     part, a hedge, sent back) is in progress; done with "… nhưng chưa gửi/ký" competes;
     a doubted done ("chắc xong rồi") competes, and so does done with the product still to
     send ("xong rồi, chiều em gửi", "báo cáo đã gửi, còn số liệu bổ sung em gửi sau"), a
     fix still needed ("xong rồi mà cần sửa lại chút") or a delivery the receiver denies
     ("… mà Sở bảo chưa nhận được"); a yes/no question on the state ("xong rồi à?") records
     nothing; a reply that is only a time ("tuần sau ạ", "20/8 ạ") asks: more time, under
     way, or a start?
   * a start "not until" a day ("20/7 mới làm") is put off when the day is ahead, and
     begun lately when it is gone by ("10/7 mới bắt đầu"): under way;
   * not started with getting ready ("đã lên kế hoạch, chưa làm", "đang chuẩn bị triển
     khai") competes, unless a start is dated in the future;
   * a written progress percent sets the status when nothing outranks it: 100 % done, 0 % not
     started, between in progress; a measure ("tỷ lệ … đạt 45%", "100% hồ sơ") is never
     progress, and alone (or a full count, "10/10 xã") asks, while a partial count alone
     ("7/9 phòng đã gửi") is work under way;
   * an obstacle in the clause that sends the work back, or just before it ("Sở báo thiếu
     phụ lục nên trả lại"), is the defect found, not what stops the work; beside a request to
     resend ("file bị lỗi, anh gửi lại giúp em") it is weak, since it may be the sender's;
   * done named by its document ("đã ban hành KH số 05/KH-UBND") and then "đang tổ chức
     thực hiện" competes: was the task the plan, or carrying it out? A 100 % with work said
     to go on ("năm 2025 đạt 100%, … đang cập nhật") asks rather than records done;
   * a reply that asks something and says nothing of the work but weakly ("phiếu khảo sát
     hoàn thành thì nộp ở đâu?") records nothing and asks nothing back;
   * an obstacle after which the work is redone ("mất dữ liệu, phải làm lại từ đầu")
     competes with work under way; a completion "not until" a time past the deadline
     ("tháng sau mới xong được") asks: extension or in progress;
   * completion asked for with a date past the deadline ("hoàn thành trước 31/8 được
     không?"), or a question that is only such a date ("15/8 được không anh?"), is an
     extension request; permission asked to complete with no such date ("cho phép bên em
     hoàn thành …", "đề nghị cho xã em được nộp khi …") asks: extension or in progress;
     lateness or a request foreseen under a doubt ("có thể trễ vài ngày", "e là phải xin
     thêm") asks too;
   * a delivery said ahead ("mai em nộp", "dự kiến 20/7 trình ký", "kiểm tra lại rồi gửi
     ngay", not under "nếu") and a reply saying only that nothing is in the way ("không có
     vướng mắc ạ") are work under way, weakly; a start put off ("để quý 4 mới làm", "chờ
     đoàn thanh tra về rồi mới triển khai") is not started;
   * an obstacle said overcome in the next clause ("… nhưng đã khắc phục") no longer stands,
     nor does a state said of before and then of now ("lúc trước … chưa làm, giờ thì đang
     làm", "trước đây vướng kinh phí, hiện tại đã được cấp", "tuần trước vướng số liệu, giờ
     có rồi");
     waiting for an opinion, data or a result with no body named near ("còn chờ ý kiến")
     asks: another body's, or our own leader's?

   * which task: two works in one reply are settled by the one named "this" ("báo cáo này
     xong rồi, còn kế hoạch quý 3 thì đang làm", "việc anh nhắc thì xong rồi, riêng …"),
     and asked when a task code names the other ("…, còn 2.3 thì chưa làm") or the writer
     asks which ("Anh hỏi cái nào ạ?"); another work done before the task's start ("em làm
     xong việc khác đã rồi mới làm việc này") is not started; done last year or by a former
     unit ("năm ngoái xã em làm xong rồi", "việc này trước huyện làm") asks done or not;
   * hardship and obstacle: an obstacle whose "nên …" effect is only slowness ("mạng chập
     chờn nên hơi chậm") slows the work going on; one that explains a late answer ("mạng
     yếu quá giờ mới nhận được tin") or a way of sending ("… nên em gửi bản scan qua email")
     stops nothing; one worked round ("mượn máy của trường làm tiếp") or mended ("sửa
     xong") no longer stands; our own leader's signature or approval awaited is work under
     way, an approval another body owes after the handing in ("đã trình hồ sơ lên Sở thẩm
     định") is blocked, and only a reaction awaited ("chờ Sở xem có ý kiến gì không") asks;
     waiting on our own phòng's comments in a consultation is work under way;
   * what is only named is not said: a short quoted span ('em chưa hiểu "hoàn thành" là …'),
     a button ("bấm nhầm nút Đang thực hiện") or a reading denied ("chứ không phải đang làm")
     votes nothing, and a message the writer says was their own mistake ("em nhắn nhầm là
     xong, thật ra …") is corrected, not a dispute; a poor line ("mạng yếu", "sóng yếu")
     slows what goes through it and holds the work up only where the reply says something
     could not be done ("… không gửi lên được"); done for now ("tạm xong", "coi như xong")
     with a step to the product still said is under way; the product sent under its number
     on a day gone by ("em nộp BC 34/BC-UBND ngày 8/7") is done, and the last step's day is
     the completion's when several are told;
   * whose data, whose signature, whose reaction: the units' data awaited ("đợi trạm y tế gửi
     báo cáo", "chưa tổng hợp được vì 5/12 phòng chưa gửi số liệu", "còn chờ 2 điểm nữa") is
     blocked unless a part is said done or work goes on beside it; our own leader's signature
     still ahead ("trình lên anh Thắng PGĐ …, chắc chiều nay ký", "lấy chữ ký chủ tịch rồi gửi
     liền") is work under way; no reaction seen yet after the handing in ("chưa thấy Sở nói
     gì", "coi bển phản hồi sao", "chưa thấy Sở xác nhận") asks done or held; where the writer
     is ("đang chạy sang bên tiếp dân", "đang trên xe") and why the answer is late are not the
     task's progress; a start dated ahead in its own clause ("thứ hai 20/7 bên em mới bắt
     đầu", "22/7 xã em họp triển khai") is not begun; when the deadline has passed, lateness
     said beside work going on asks for no more time, and after a done, what delayed it
     ("trễ 3 ngày do chờ số liệu") holds nothing;
   * hard weeks, slips and words passed on: a storm, a flood, an outage, illness or relief duty
     told beside what the work came to is its setting: beside a done it holds nothing ("mất
     điện 2 ngày nhưng anh em chạy máy phát làm cho kịp, chiều qua đã gửi đi rồi"), beside a
     share done, our own step or work going on it only slowed it, beside a start not made
     while the unit put the disaster first it is the reason; it still holds the work when it
     is on now ("đang làm dở thì mất điện, từ hôm qua tới giờ chưa có lại") or the reply says
     the work could not be done ("răng mà làm được", "phải chờ phơi khô"); after a done, the
     difficulties met along the way ("trong quá trình thực hiện còn khó khăn …") are the
     report's lessons; a slip caught as it is typed ("em đang làm... à không, em nhầm, …")
     is corrected by what follows, our own message sent wrong or short ("nhắn nhầm nhóm",
     "nhắn thiếu") is no dispute and no lack, and speech passed on ('chuyển lời chị Vân:
     "…"') is read as the report; another party's step not taken that keeps us from the work
     ("Kho bạc chưa đối chiếu số liệu nên bên em không chốt được") waits on them, while our
     part done beside another's share not in yet asks: in progress, or held?
   * lists, slips and receipts: a numbered list that names the nudged item ("… (2) … đã xong
     …; việc hệ thống nhắc là việc số (2)") is read for that item alone; a slip caught ("à em
     nhầm, số 44/KH-UBND mới đúng") takes back what came before it, its number too, and so
     does a belief found untrue ("em tưởng còn thiếu …, nhưng rà lại thì đã đủ"); a sending
     whose receipt is not seen ("hệ thống báo chưa tiếp nhận", "chưa thấy Sở báo nhận") asks
     done, held or still ours; a product done beside another under way ("báo cáo gửi hôm qua,
     hôm nay đang làm tiếp kế hoạch tháng 8"), or a work done then "còn … thì chưa", asks
     which is this task (not begun when the done is "2 báo cáo kia"); a part named done and
     nothing else ("xong phần rà soát rồi") asks whether it is all; other work handed to its
     owner after a done ("còn việc tổng hợp toàn tỉnh là của Sở, không liên quan bên em") is
     no dispute; a wait for no one named just after asking other bodies ("đã xin ý kiến các
     sở, đang đợi") is for their answer: blocked.

   Dates and documents: a document cited as what the work answers ("theo yêu cầu tại CV
   215/SNV-CCHC ngày 12/3", "căn cứ …") gives the done neither its completion date nor its
   date of issue; the product named ("đã ban hành KH số 05/KH-UBND ngày 20/01/2026") does.

5. **Confidence**: the weight of the winning vote (about 0.95 said outright, 0.6 weakly,
   0.5 when readings compete). Below ``THRESHOLD`` or when readings compete, ``ask`` is set,
   ``status`` is None and ``alternatives`` holds the two or three likeliest statuses, best
   first, for the caller to offer ("Anh/Chị muốn ghi nhận: [Đang thực hiện] [Đã hoàn thành]
   [Khác]"). A reading that goes against a negation, a future marker or a question in the
   text is never returned confident: those scopes change or silence the vote itself.

6. **The last check** (``_unsafe``): votes read phrases the lexicon knows, so text never seen
   can hold a word that turns a confident reading. Before recording, the reply is checked for
   what the votes did not read whole, and the reading is asked about (with its likeliest
   neighbour) instead: a word the reader does not know right before a done verb ("ngỡ như
   xong"); done with a negated task verb, a future or sequence marker after it, or part of the
   units as its subject; blocked under a condition or beside a request to the coordinator
   (waiting said outright with "chờ/đợi" for another body is kept: blocked); in progress
   or not started with a waiting word read as no wait, a named person waited for, or a start
   negated or put ahead; a state said only in a cause clause; an instruction reported. The
   writer saying they do not know the state ("em không rõ tiến độ") records nothing and asks
   nothing. Asking costs a tap; a wrong status costs trust. See ``_unsafe`` for the whole list.

Pure and fast: no I/O, regexes compiled once (``bench/parse.py`` measures it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from bot.understanding import clauses as clauses_
from bot.understanding import lexicon
from bot.understanding import statuses as statuses_
from bot.understanding.dates import completion_date, extension_date, this_year
from bot.understanding.documents import DocumentRef, documents
from bot.understanding.normalise import ACRONYMS, normalise
from bot.understanding.numbers import Fraction, fractions, percents
from bot.understanding.reasons import reason
from bot.understanding.statuses import IP, NS, B, D, Vote, X, votes
from storage.enums import Status
from storage.textfold import fold, nfc

THRESHOLD = 0.6
_HUNDRED = re.compile(r"(?<![\d.,])100\s*(?:%|phan tram)")
_ALL_OF_IT = re.compile(  # "đạt 100% số xã": all of it, not "ký số 100% văn bản": a measure
    r"(?<!\w)(?:dat|xong|hoan thanh|duoc|ca) 100\s*(?:%|phan tram)"
    r"|(?<![\d.,])100\s*(?:%|phan tram) (?:cac )?(?:thon|xa|phuong|don vi|co quan|phong|truong"
    r"|to dan pho)(?!\w)"
    # "100% hồ sơ đã số hóa xong": every one of them, finished
    r"|(?<![\d.,])100\s*(?:%|phan tram)(?: \w+){1,4} (?:da )?(?:duoc )?(?:\w+ )?"
    r"(?:xong|hoan thanh)(?!\w)"
)
# "bên em đạt 100% chỉ tiêu rồi": the target met in full, the task's own measure (as
# status-language.md: "Đạt 100% chỉ tiêu" is done)
_FULL_TARGET = lexicon.gated(
    r"(?<!\w)(?:dat|hoan thanh|vuot) 100\s*(?:%|phan tram) (?:chi tieu|ke hoach|muc tieu)(?!\w)"
    # "chỉ tiêu tập huấn cho cán bộ trạm y tế đạt 100% rồi"
    r"|^(?:da )?(?:chi tieu|ke hoach|muc tieu)(?: \w+){0,8} (?:dat|hoan thanh|vuot) 100\s*(?:%"
    r"|phan tram)(?: (?:roi|r|a|anh|chi|nhe))*$"
)
_DELIVER = lexicon.gated(r"(?<!\w)(?:hoan thanh|xong|nop|gui|bao cao|trinh|ban hanh|duoc)(?!\w)")
_DELIVER_VERB = lexicon.gated(  # (not "toàn trình": a service online from end to end)
    r"(?<!\w)(?:gui|nop|phat hanh|ban hanh|(?<!toan )trinh|chuyen)(?!\w)"
)
_NEXT_MONTH = re.compile(r"(?<!\w)(?:thang (?:sau|toi)|sang thang(?! \d))(?!\w)")
_RESULTS_LATER = lexicon.gated(r"(?<!\w)ket qua(?: \w+){0,4} (?:se )?bao cao(?!\w)")
_LATER = lexicon.gated(r"(?<!\w)(?:hoan thanh|xong|nop|gui|bao cao) (?:sau|cham|muon|tre)(?!\w)")
_FIX_NEEDED = re.compile(  # "xong rồi mà cần sửa lại chút": done, and still to mend?
    r"(?<!\w)(?:can|phai) (?:\w+ )?(?:sua|chinh sua|chinh|bo sung|hoan thien)(?!\w)"
)
# "… ạ", "… nhé anh", "… nghe anh": nothing more said
_POLITE_END = r"(?: (?:a|ah|a_q|anh|chi|nhe|nha|nghe|nghen|ne|oi))*[.!]*$"
_ONLY_WHEN = re.compile(  # a reply that is only a time: "tuần sau ạ", "20/8 a", "cuối tháng 8"
    r"^(?:(?:da )?de )?(?:(?:tuan|thang) (?:sau|toi)|(?:ngay )?mai|ngay kia|(?<=de )sau|hom khac"
    r"|(?:cuoi|dau) (?:tuan|thang)"
    r"(?: \d{1,2}| sau| toi)?|thu \d(?: tuan sau)?|(?:ngay )?\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?"
    r"|thang \d{1,2})" + _POLITE_END
)
# a reply that is only "basically" or a draft sent: the task itself, or a step of it?
_BARE_EITHER = re.compile(  # "em nộp bản nháp rồi đó": the task, or a step?
    r"^(?:(?:da|em|e|ben em) )*(?:(?:ve )?co ban (?:la )?roi|da gui (?:ban )?du thao(?: roi)?"
    r"|(?:nop|gui) (?:ban )?(?:nhap|ban nhap|du thao)(?: roi| r)?(?: do)?)" + _POLITE_END
)
_UNKNOWN_REST = re.compile(r"(?<!\w)(?:em|minh|toi) (?:khong|chua|ko) (?:ro|biet|nam duoc)(?!\w)")
_UNSURE_SAID = re.compile(  # "…, em không chắc lắm", "… nhưng không chắc bản đó là bản cuối"
    r"^(?:(?:nhung|ma) )?(?:(?:em|minh|toi|tui) )?(?:khong|chua|ko) (?:dam )?chac(?!\w)"
)
_THIS_NOT_YET = re.compile(r"(?<!\w)(?:cai|viec|nhiem vu) (?:ni|nay) thi chua(?!\w)")
_BARE_NO_RESULT = re.compile(r"^(?:da )?(?:van )?chua co ket qua" + _POLITE_END)
_BARE_NOTHING_SEEN = re.compile(r"^(?:da )?(?:van )?chua thay gi(?: het| ca)?" + _POLITE_END)
_BARE_NOT_YET_TIME = re.compile(r"^(?:da )?(?:em )?chua kip" + _POLITE_END)
_BARE_ON_TIME = re.compile(r"^(?:da )?(?:van |se |chac )?kip(?: han| a a)?" + _POLITE_END)
_BARE_ROI = re.compile(r"^(?:da |ok )?(?:roi|r)" + _POLITE_END)  # "Rồi ạ": done, or begun?
_BARE_SUBMITTED = re.compile(r"^(?:(?:da|em|e|ben em) )*trinh(?: roi| r)?" + _POLITE_END)
_LEADER_AWAY = re.compile(  # our own leader away, so the signature waits: work under way
    r"^(?:vi|do) (?:anh |chi |dong chi )?(?:ct|pct|chu tich|pho chu tich|giam doc|pho giam doc"
    r"|pgd|gd|lanh dao|ld|sep|truong phong|tp|thu truong)(?: \w+){0,2}? (?:di|dang|nghi|vang"
    r"|hop|ban|chua ve)(?!\w)"
)
# a short quoted span (up to nine words) names words, it does not say them: 'em chưa hiểu
# "hoàn thành" là …', 'cái hạn "xong trước 20/7" là của đợt trước' (a longer one is a
# forwarded message: read)
_MENTION = re.compile(r'["“]([^"“”\n]{1,40})["”]')
# a reading denied ("chứ không phải đang làm", "không phải vướng") or a button named ("em bấm
# nhầm nút Đang thực hiện") is not said of the work either
_DENIED_READING = re.compile(
    r"(?<!\w)(?:khong phai (?:la )?|nut )(?:dang (?:lam|thuc hien|trien khai|xu ly)"
    r"|da (?:xong|hoan thanh|lam)|chua (?:lam|thuc hien|trien khai|bat dau|xong)|(?:bi )?vuong"
    r"(?: mac)?|hoan thanh|xin gia han|gia han)(?!\w)"
)
_ADMIRED = lexicon.gated(r"(?<!\w)(?:gioi (?:ghe|qua|that|the)|tuyet voi|dang khen|qua gioi)(?!\w)")
_FIRST_PERSON = re.compile(r"(?<!\w)(?:em|minh|toi|chung toi|tui|ben tui)(?!\w)")
_ONLY_PLANNED = re.compile(
    r"^(?:(?:da|em|ben em) )*(?:(?:moi|vua|da|chi moi) (?:len|xay dung|lap|co) ke hoach(?: roi)?"
    r"(?: thoi)?(?:, chua (?:trien khai|lam|thuc hien|bat dau))?|dang tinh)" + _POLITE_END
)  # ("đang tính anh ơi": thinking it over)
_BARE_PASSED_ON = re.compile(
    r"^(?:da )?(?:(?:em|e|ben em|minh) )?(?:da )?chuyen (?:cho_? |sang |qua |len |ve )?(?:van phong"
    r"|phong|bo phan|van thu|chi \w+|anh \w+)(?: \w+)?(?: roi| r)" + _POLITE_END
)
# Whole replies that say too little to record, and what to offer (each a whole-reply form,
# none matching what another does).
_BARE_LATER = re.compile(r"^(?:(?:cai|viec) (?:nay|ni) )?(?:em )?de sau" + _POLITE_END)
_BARE_ASSIGNED = re.compile(
    r"^(?:da )?(?:em |e )?(?:da )?giao (?:cho )?(?:ban|anh|chi|em|co|chu) \w+(?: lam)?(?: roi| r)?"
    + _POLITE_END
)
_BARE_LOOKED = re.compile(r"^(?:da )?(?:em |e )?(?:co |da )?xem qua(?: roi| r)?" + _POLITE_END)
_BARE_ASKS = (
    (_BARE_EITHER, (IP, D)),  # "cơ bản rồi ạ", "đã gửi dự thảo"
    (_BARE_NO_RESULT, (B, IP)),  # "Dạ chưa có kết quả anh ạ": whose, awaited?
    (_BARE_NOTHING_SEEN, (B, NS)),  # "Vẫn chưa thấy gì hết": nothing came, or begun?
    (_BARE_NOT_YET_TIME, (NS, IP, X)),  # "Chưa kịp ạ": not yet begun, or late?
    (_BARE_ON_TIME, (IP, NS)),  # "Dạ kịp ạ": on time, begun or not?
    (_BARE_SUBMITTED, (IP, B, D)),  # "đã trình rồi": with whom, and is that all?
    (_ONLY_PLANNED, (IP, NS)),  # "mới lên kế hoạch thôi": begun, or not yet?
    (_BARE_PASSED_ON, (D, IP)),  # "Dạ em chuyển cho văn phòng rồi ạ": the product, or the job?
    (_BARE_LATER, (NS, X)),  # "Cái này để sau nhé chị": put off; past the deadline?
    (_BARE_ASSIGNED, (IP, NS)),  # "Em giao bạn Minh rồi ạ": set going, begun or not?
    (_BARE_LOOKED, (IP, NS)),  # "dạ em có xem qua rồi ạ": read it, begun or not?
)
# whether any of them matches, in one regex call: most replies are none of them
_ANY_BARE_ASK = re.compile("|".join(f"(?:{p.pattern})" for p, _ in _BARE_ASKS))
_WHICH_ONE = lexicon.gated(
    r"(?<!\w)(?:anh|chi|a|c) (?:hoi|nhac) (?:cai|viec|nhiem vu|vu|phan) (?:nao|mo)(?!\w)"
)
_DIRECTED = re.compile(
    r"^(?:da |toi |anh |chi )*chi dao(?: roi| r)?(?: (?:a|ah|nhe|nha|em))*[.!]*$"
)
_THEY_COMPILE = lexicon.gated(  # the body handed to compiling everyone's reports
    r"(?<!\w)(?:cho|doi) (?:ben )?(?:so|tinh|ho|ubnd tinh|van phong|nhnn|cuc|bo)(?: \w+){0,4}"
    r" tong hop(?: chung| lai)?(?: (?:toan tinh|ca tinh|cac don vi|bao cao chung|a|anh|chi|thoi"
    r"|nhe|nha|roi))*(?:[,.;!]|$)"
)
_ANSWER_DUE = lexicon.gated(  # (not when an answer about ours is still due)
    r"(?<!\w)(?:phan hoi|tham dinh|phe duyet|duyet|xac nhan|gop y|y kien)(?!\w)"
)
_WHICH_STATUS = lexicon.gated(  # which status to report, asked
    r"(?<!\w)(?:bao|ghi|chon|danh dau|tick|de|cap nhat) (?:la )?(?:da )?(?:hoan thanh|xong)"
    r"(?: roi)? hay (?:la )?(?:dang|chua)(?!\w)"
    r"|(?<!\w)(?:bao|ghi|chon|danh dau|tick|de|cap nhat) (?:la )?dang (?:thuc hien|lam)"
    r" hay (?:la )?(?:da )?(?:hoan thanh|xong)(?!\w)"
    # "khi nào thì được coi là hoàn thành, phải có quyết định hay chỉ cần dự thảo?": what counts
    r"|(?<!\w)(?:the nao|khi nao|luc nao|bao gio)(?: thi)? (?:moi )?(?:duoc )?(?:coi|tinh|xem)"
    r" (?:la )?(?:da )?(?:hoan thanh|xong)(?!\w)"
)
_ASKING_INTRO = re.compile(  # the reply opens on asking: what follows is the question
    r"^(?:da |thua |chao )?(?:\w+,? ){0,4}(?:cho em hoi|nho em hoi|em hoi|xin hoi|hoi lai"
    r"|em xin hoi|cho minh hoi|cho toi hoi)(?: (?:chut|ti|them|lai|anh|chi|a|c))*\s*:"
)
_UNITS_NAMED = re.compile(r"(?<!\w)\d+ (?:thon|xa|phuong|don vi|truong|phong|ap|to|ban)(?!\w)")
_SEND_HELD = re.compile(
    r"(?<!\w)(?:chua|khong|ko) (?:gui|nop|up|day)(?: \w+){0,2} (?:duoc|dc)(?!\w)"
)
# a doubt whether the work can be done in time at all
_CAN_WE = lexicon.gated(
    r"(?<!\w)(?:khong|chua) biet (?:co )?(?:\w+ ){0,2}(?:lam|kip|bo tri|xoay|bat dau)(?: \w+){0,3}"
    r" (?:noi|kip|duoc)(?!\w)"
    r"|(?<!\w)(?:khong|chua) biet (?:bao gio|khi nao|khi mo|luc nao) moi(?!\w)"
)
_OUR_PART_DONE = lexicon.gated(  # our part of the work said done
    r"(?<!\w)(?:xong (?:phan|phan viec) (?:cua )?(?:xa|phuong|em|ben em|minh|phong em|bay em)"
    r"|phan (?:viec )?(?:cua )?(?:xa|phuong|em|ben em|minh|phong em|bay em|bieu mau|tong hop)"
    r"(?: \w+){0,3} (?:da |lam )?xong)(?!\w)"
)
_THEIRS_NOT_IN = lexicon.gated(  # another's share not yet sent: "2 thôn vẫn chưa nộp danh sách"
    r"(?<!\w)(?<!em )(?<!e )(?<!minh )(?<!toi )(?:van )?chua (?:gui|nop|dua|chuyen)"
    r"(?: (?:so lieu|danh sach|bieu|bao cao|ve|sang|qua|len))?(?!\w)"
)
_NOT_WHOLLY = lexicon.gated(
    r"(?<!\w)(?:ma|nhung) (?:van )?chua (?:xong|hoan thanh) (?:han|het|hoan toan)(?!\w)"
    r"|(?<!\w)xong roi (?:ma|nhung) (?:cung|lai) chua xong(?!\w)"  # "xong rồi mà cũng chưa xong"
)
_GREETING = lexicon.gated(  # a first sentence that only greets
    r"^(?:da |vang )?(?:em |e |con |chau |toi |minh )?(?:xin )?chao (?:anh|chi|chu|co|bac|thay|em"
    r"|dong chi|d/c|ca nha|moi nguoi)(?: (?:a|ah|nhe|nha|oi|\w+ a))?[.,!]+ "
)
_NEIGHBOUR = {D: IP, IP: D, B: IP, NS: IP, X: IP}
_GOING_ON = frozenset(
    {"progress", "own_wait", "returned", "partial", "hedged", "undone", "remaining", "part_left"}
)


@dataclass(frozen=True, slots=True)
class Reading:
    """What a reply says. ``status`` is what to record: None when unknown or when asking."""

    status: Status | None
    confidence: float  # in [0, 1]; 0 when nothing was understood
    ask: bool  # unsure: record nothing, offer ``alternatives``
    alternatives: tuple[Status, ...]  # when asking: the likeliest statuses, best first
    percent: int | None  # the task's progress, only when written as its percent
    new_date: date | None  # extension requests: the new deadline asked for
    completion_date: date | None  # done replies: the day it was done, before the message
    reason: str  # obstacle or extension reason, as written; "" if none
    documents: tuple[DocumentRef, ...]  # số/ký hiệu named in the reply
    counts: tuple[Fraction, ...]  # "3/5 xã": shown, never a percent
    dispute: bool = False  # "không thuộc chức năng …": the task is not theirs
    question: bool = False  # the reply asks something instead of reporting

    @property
    def recordable(self) -> bool:
        return self.status is not None and not self.ask


def read_reply(
    text: str, *, today: date, current_deadline: date | None = None, plan_start: date | None = None
) -> Reading:
    """Read one reply sent on ``today``. Never raises.

    ``plan_start``: the first day of the plan's year; a completion date before it is dropped
    (None: the caller checks).
    """
    display = nfc(text)
    if (item := _pointed_item(display)) is not None:
        return read_reply(
            item, today=today, current_deadline=current_deadline, plan_start=plan_start
        )
    norm = normalise(display)
    if '"' in norm or "“" in norm:
        norm = _MENTION.sub(_mentioned, norm)
    if "khong phai" in norm or "nut" in norm:
        norm = _DENIED_READING.sub(" cum tu", norm)
    parts = clauses_.split(norm)
    found = _dated_starts(votes(parts), parts, today)
    heard = tuple(found)  # the clauses' votes before the task's own are picked out
    if found and _opener(display, parts):
        found = [v for v in found if v.clause != 0]
    percent, measured = percents(parts)
    counts = tuple(fractions(parts))
    found += _remaining(parts, found)
    found = _missing_part(found, parts)
    found = _overcome(found, parts)
    found = _superseded(found, parts)
    found = _last_years(found, parts)
    found = _corrected(found, parts)
    found = _belief_refuted(found, parts)
    found = _other_works_owner(found, parts)
    found = _waiting_on_those_asked(found, parts)
    found = _vague_states(found, parts, norm)
    found = _provisional(found, parts)
    found = _poor_line(found, parts)
    found = _defects(found, norm, parts)
    found += _issued_on(found, parts, today)
    found = _this_task(found, parts)
    found = _rest_not_begun(found, parts)
    found = _done_first(found, parts)
    found += _units_owed(found, parts)
    found += _own_signature_ahead(found, parts)
    found += _sent_on(found, parts, today)
    found += _sent_dated(found, parts, today)
    found += _rather_than(parts)
    found += _lacking_cause(found, parts)
    found = _unable_beside_a_cause(found, parts)
    found = _halted_beside_a_cause(found, parts)
    found += _target_met(found, parts)
    found += _kept_from(found, parts)
    found = _late_because(found, parts)
    found = _put_off_on_time(found, parts)
    found = _hardship_beside(found, parts, percent)
    found = _met_on_the_way(found, parts)
    found = _busy_answering_later(found, parts)
    found = _done_despite(found, parts)
    found = _receipt_acknowledged(found, parts)
    found = _put_first_elsewhere(found, parts)
    if "nhac" in norm:  # "đã hoàn thành, mà mấy bữa nay bot vẫn nhắc là sao vậy anh?": the
        found = [  # reminders complained of, no doubt about the work
            v
            for v in found
            if not (
                v.clause < len(parts) and v.status is not D and _NUDGED.search(parts[v.clause].text)
            )
        ]
    found = _also_done(found, parts)
    found = _own_consultation(found, parts)
    if _ADMIRED.search(norm) and not _FIRST_PERSON.search(norm):
        found = [v for v in found if v.status is None]  # "xã Tân Phú hoàn thành sớm quá, giỏi
        # ghê": praise of someone else's work, no report of ours
    greeting = _GREETING.match(norm)  # "Dạ em chào chị. Dạ chưa ạ.": the reply after it
    core = norm[greeting.end() :] if greeting else norm
    # (each bare negation holds "chua", and a clause's words are all words of ``norm``)
    if "chua" in norm and (bare := _bare_negation(parts[1:] if greeting else parts)):
        found = bare  # "chưa xong gì cả": nothing else to read
    elif _not_yet_busy(parts):
        found.append(Vote(NS, 0.9, 0, "not_started"))  # "chưa, em còn đang làm cái báo cáo khác"
    found += _no_obstacle(parts, found)
    found += _start_ahead(found, parts, today)
    if _completion_requested(parts, norm, today, current_deadline):
        found.append(Vote(X, 1.0, 0, "extension"))
    elif _completion_asked_for(parts):
        found.append(Vote(X, 0.5, 0, "late"))  # "xin cho bên em hoàn thành sau": more time?
    elif (
        any(v.kind in ("not_until", "future_done") for v in found)
        and not _NO_EXTENSION.search(norm)
        and _past_deadline(norm, today, current_deadline)
    ):  # "tháng sau mới xong được", "đầu tháng 8 sẽ hoàn thành": after the deadline
        found.append(Vote(X, 0.5, 0, "late"))
    if (
        current_deadline
        and current_deadline < today
        and any(v.status in (D, IP) and v.weight >= 0.8 for v in found)
    ):  # overdue already: "trễ hạn rồi, trạm em vẫn đang làm, trong tuần này sẽ gửi" says
        found = [v for v in found if not (v.status is X and v.kind == "late")]  # so, asks nothing
    acted = bool(counts) and bool(_DELIVER.search(norm))
    status, confidence, alternatives = combine(
        found, percent, measured, counts, acted=acted, parts=parts
    )
    if status is None and not alternatives and _ONLY_WHEN.match(core):
        alternatives = (X, IP, NS)  # "tuần sau ạ", "20/8 ạ": only a time; of what?
    if (first := _done_or_held(status, alternatives)) and _DONE_OR_WAIT.search(norm):
        status, alternatives = None, (first, D if first is B else B)  # "không biết thế là
        # xong hay phải chờ Sở có ý kiến"
    if (first := _done_or_held(status, alternatives)) and _UNCONFIRMED.search(norm):
        status, alternatives = None, (B, D, IP) if first is B else (D, IP, B)  # "em nộp rồi
        # mà hệ thống báo lỗi, không biết đã lên chưa": arrived? (done, still to do, or held)
    if (
        status in (D, IP, None)
        and set(alternatives) <= {D, IP, B}
        and any(v.status is D and v.kind == "done" for v in found)
        and _NO_RECEIPT.search(norm)
        and not _ACT_AWAITED.search(norm)
    ):  # "em gửi rồi mà hệ thống báo chưa tiếp nhận", "gửi rồi mà chưa thấy Sở báo nhận":
        status, alternatives = None, (D, B, IP)  # arrived (done), held there, or still ours?
    if (status is D or (status is None and set(alternatives) == {D, IP})) and (
        other := _other_done_this_not_begun(found, parts)
    ):  # "Báo cáo gửi rồi, còn kế hoạch thì chưa động tới": which is this task?
        status, alternatives = (NS, ()) if other == "said" else (None, (D, NS))
    if status is IP and not alternatives and _lone_part_done(found, parts):
        alternatives = (IP, D)  # "Phòng em xong phần rà soát rồi": that part, or all of it?
    if status in (IP, NS) and not alternatives and _PLAN_NOT_CARRIED_OUT.search(norm):
        status, alternatives = None, (D, NS)  # "Có kế hoạch rồi anh, triển khai thì chưa": was
        # the task the plan (done), or carrying it out (not begun)?
    if alternatives[:1] == (D,) and _MUST_WE.search(norm):
        alternatives = (D, NS)  # "bên xã cũ làm rồi, … không biết có phải làm lại không"
    if (
        status is None
        and alternatives in ((), (D, IP))
        and (_FORMER_OWNER.search(norm) or _FORMER_DID.search(norm))
        and not any(v.kind == "dispute" for v in found)
    ):  # "việc này trước huyện làm, không biết huyện đã xong chưa", "cái này phòng Nội vụ huyện
        alternatives = (D, NS)  # cũ làm rồi thì phải": done then, or still ours to do?
    if (
        (status is IP or (status is None and " roi" in norm))
        and not alternatives
        and _DRAFT_SENT.search(norm)
        and not _FOR_COMMENTS.search(norm)
        and {v.kind for v in found if v.status} <= {"partial", "doubt"}
    ):  # "em đã gửi dự thảo báo cáo qua Zalo cho chị Hoa rồi": the draft only, or the product?
        alternatives = (IP, D)
    if (
        status in (IP, B)
        and not alternatives
        and _OUR_PART_DONE.search(norm)
        and _THEIRS_NOT_IN.search(norm)
        and not (status is B and _WAITED_FOR.search(norm))  # "còn chờ 3 xã gửi số liệu": B
    ):  # "xong phần của xã rồi, nhưng 2 thôn vẫn chưa nộp danh sách": what is left of it, or
        status, alternatives = None, (IP, B) if status is IP else (B, IP)  # held by them?
    if (
        status is B
        and not alternatives
        and any(v.status is D and v.kind == "done" for v in found)
        and _SEND_HELD.search(norm)
        and _HARD_WEEK.search(norm)
        and not _UNITS_NAMED.search(norm)  # (not "5 thôn xong rồi, còn 2 thôn … không gửi
    ):  # dữ liệu được": units' shares, the rest held)
        # "xong rồi mà chưa gửi được vì mất mạng", "gửi bản giấy rồi, còn bản điện tử thì chưa
        alternatives = (B, D, IP)  # gửi được do mạng chưa ổn": the product, or held?
    if status is NS and not alternatives and _CAN_WE.search(norm):
        alternatives = (NS, X)  # "chưa bắt đầu, không biết có làm nổi trong tháng này không":
        # not begun, or more time needed?
    if _WHICH_ONE.search(norm) and D in (voted := {v.status for v in heard}) and voted & {IP, NS}:
        status, alternatives = None, (D, IP if IP in voted else NS)  # "SIPAS xong rồi, chỉ số
        # CCHC em đang tổng hợp. Anh hỏi cái nào ạ?", "Cái nớ xong rồi, cái ni thì chưa. Anh
        # hỏi cái mô rứa?": which task?
    if status is None and _DIRECTED.match(core):
        alternatives = (IP, D)  # a leader's "Đã chỉ đạo.": set going, or done?
    if (
        status is IP
        and not alternatives
        and _NOT_WHOLLY.search(norm)
        and D in {v.status for v in found}
    ):
        alternatives = (IP, D)  # "gửi rồi mà chưa xong hẳn": sent, and the rest?
    if status is None and _BARE_ROI.match(core):
        alternatives = (D, IP)
    if alternatives and NS not in alternatives and _THIS_NOT_YET.search(norm):
        alternatives = (*alternatives, NS)[:3]  # "cái nớ xong rồi, cái ni thì chưa": begun?
    if _ANY_BARE_ASK.match(core) and (asked := next(a for p, a in _BARE_ASKS if p.match(core))):
        status, alternatives = None, asked
    if status is IP and confidence < 0.9 and measured and _HUNDRED.search(norm):
        alternatives = (IP, D)  # "100% các xã đã triển khai": all of it begun, or done?
    if (
        "tien do" in norm or "tinh hinh" in norm or " nao" in norm or " dau" in norm
    ) and _IGNORANT.search(norm):
        status, confidence, alternatives = None, 0.0, ()  # "em không rõ tiến độ": not said
    if (
        status is IP
        and not alternatives
        and "%" not in norm
        and all(v.kind in ("part_left", "step") for v in found if v.status is not None)
        and any(v.kind == "part_left" for v in found)
        and not _A_PART_DONE.search(norm)  # (not "xong phần niêm yết rồi, còn …": the rest)
        and not (" rieng " in f" {norm}" and _STEP_TAKEN.match(norm))
    ):  # "bên em chưa bắt đầu phần số hóa": nothing else said, so that part may be the whole
        alternatives = (NS, IP)
    if (
        (
            (status is None and alternatives[:2] in ((D, B), (B, D)))
            or (status is B and not alternatives)
        )
        and any(v.status is D and v.kind == "done" for v in found)
        and _THEY_COMPILE.search(norm)
        and not _ANSWER_DUE.search(norm)
    ):  # "báo cáo đã gửi Sở Nội vụ ngày 9/7, giờ đợi Sở tổng hợp": handed in; what is
        status, alternatives = D, ()  # left is the receiver's own compiling of everyone's
    if _WHICH_STATUS.search(norm) or (
        norm.rstrip(" .").endswith("?") and _ASKING_INTRO.match(norm)
    ):  # "anh muốn em báo đã hoàn thành hay đang thực hiện, mẫu ghi sao?", "Chị Lan nhờ em
        # hỏi: 'đã ban hành' ở đây là ban hành kế hoạch hay quyết định ạ?": a question, no report
        status, confidence, alternatives = None, 0.0, ()
    if status is not None and not alternatives:
        alternatives = _unsafe(
            status,
            found,
            parts,
            _after_slips(parts) or norm,  # (what a slip takes back turns nothing)
            late=lambda: _past_deadline(norm, today, current_deadline),
            display=display,
        )
    if alternatives and _only_asking(parts, found):
        alternatives = ()  # "phiếu khảo sát hoàn thành thì nộp ở đâu?": a question, no report
    ask = bool(alternatives)
    if ask:
        status = None
    refs = _after_slip(documents(display, today=today), display)
    new_date = done_on = None
    if status is X:
        asked_in = sorted(  # the last request first: "hôm trước e xin đến tuần sau nhưng …, e
            {v.clause for v in found if v.status is X and v.clause < len(parts)}, reverse=True
        )  # xin thêm 10 ngày tính từ hạn"
        for text_ in [*(parts[i].text for i in asked_in), norm]:  # the request's clause first:
            new_date = extension_date(
                text_, today=today, current_deadline=current_deadline, upcoming=True
            )
            if new_date:  # not "nếu tuần sau sửa xong máy thì em xin thêm 10 ngày"'s "tuần sau"
                break
            if _VAGUE_WHEN.search(text_):
                break  # "xin lùi sau Tết …, cuối năm em tập trung làm": asked, vaguely; no date
        if new_date is None:  # "15/8 được không anh?"
            new_date = next(
                (d for c in parts if (d := _date_asked(c, today, current_deadline))), None
            )
    if status is D:
        own, cited = _uncited(norm)
        done_at = sorted({v.clause for v in found if v.status is D and v.clause < len(parts)})
        said_done = " ; ".join(parts[i].text for i in done_at)
        given = [
            c.text
            for c in parts
            if _INPUT_DOC.search(c.text) and any(fold(r.number) in c.text for r in refs)
        ]
        if given and said_done and not any(fold(r.number) in said_done for r in refs):
            # "QĐ số 245/QĐ-UBND ngày 30/6 giao 35 biên chế, bên em đã phân bổ xong": the
            # decision is what the work carried out, its date not the completion's
            own, cited = said_done, cited | {r.number.lower() for r in refs}
        issued = next(
            (ref.issued for ref in refs if ref.issued and ref.number.lower() not in cited), None
        )
        done_on = completion_date(own, today=today, issued=issued)
        if (
            done_on
            and _SAID_TODAY.search(said_done)
            and not completion_date(said_done, today=today)
        ):
            done_on = None  # "hôm qua thì chưa, sáng nay em gửi xong rồi": done today
        if _LAST_YEAR.search(said_done or norm) or _COVERED.search(norm):
            # "năm ngoái xã em làm xong rồi", "BC số 98 … của huyện cũ đã có nội dung này rồi":
            status, ask, alternatives = None, True, (D, NS)  # done before this plan: again?
        if done_on and plan_start and done_on < plan_start:
            done_on = None
    if status is None and not ask:
        percent = None  # a percent goes with a status to record, or with a question
    if status is NS and percent:
        percent = None  # "đạt 100% chỉ tiêu …, còn báo cáo này thì chưa làm": not its progress
    if status is D and percent is None and measured and _ALL_OF_IT.search(norm):
        percent = 100  # "đã hoàn thành, đạt 100% số xã": all of it
    kinds = {v.kind for v in found}
    return Reading(
        status=status,
        confidence=round(confidence, 2),
        ask=ask,
        alternatives=alternatives,
        percent=percent,
        new_date=new_date,
        completion_date=done_on,
        reason=reason(display, status) if status in (B, X) else "",
        documents=refs,
        counts=counts,
        dispute="dispute" in kinds,
        question="question" in kinds or (status is None and any(c.question for c in parts)),
    )


_DAY_DONE = re.compile(
    r"(?:ngay |den |toi )?(\d{1,2})/(\d{1,2}) (?:la |se |thi )*(?:xong|hoan thanh)"
)
_DAY_THEN = re.compile(  # "10/7 mới bắt đầu", "bắt đầu từ 21/7"
    r"(?<![\w/.-])(\d{1,2})[/.-](\d{1,2})(?![\w/.-])(?: \w+){0,3}"
    r" (?:moi|bat dau|khoi dong|trien khai|thuc hien|bat tay)(?!\w)"
    r"|(?<!\w)(?:bat dau|khoi dong) (?:tu|vao)(?: ngay)? (\d{1,2})/(\d{1,2})(?![\d/])"
)


# a start "not until" a time ahead said in the same clause: "ngày mốt em mới ngồi làm được"
_THEN_LATER = lexicon.gated(
    rf"(?<!\w)(?:{lexicon.TOMORROW}|ngay mai|ngay mot|ngay kia|tuan sau|tuan toi|thang sau"
    r"|sang tuan|sang thang)(?: \w+){0,4} moi (?:\w+ ){0,2}(?:lam|bat dau|bat tay|trien khai"
    r"|thuc hien|ra soat|tong hop)(?!\w)"
)
_DAY_KICK_OFF = lexicon.gated(  # "20/7 phường em họp triển khai rồi làm liền"
    r"(?<![\w/.-])(\d{1,2})/(\d{1,2})(?![\w/.-])(?: \w+){0,3} (?:moi )?(?:hop )?(?:trien khai"
    r"|khoi dong|bat dau)(?!\w)"
)


# "qua tháng 8 mới số hoá", "đầu tháng 8 … mới tập huấn"; put off: "để đầu tháng 8 ạ"
_MONTH_THEN = lexicon.gated(
    r"(?<!\w)(?:(?:qua|sang|den|toi|tu|vao) )?(?:(?:dau|giua|cuoi) )?thang (\d{1,2})(?!\d)"
    r"(?: \w+){0,5} moi(?!\w)(?! (?:\w+ )?(?:xong|nop|gui|hoan thanh|bao cao|ban hanh|trinh|co))"
    r"|^(?:(?:em|e|cho em|xin) )?de (?:(?:dau|giua|cuoi) )?thang (\d{1,2})(?!\d)"
)
_KICK_OFF_SET = re.compile(  # "lên lịch khởi động việc này ngày 22/7"
    r"(?<!\w)(?:len lich|du kien|hen) (?:khoi dong|trien khai|bat dau|lam|hop trien khai)"
    r"(?: \w+){0,3} (?:ngay |vao |tu )?(\d{1,2})/(\d{1,2})(?![\w/])"
)


def _start_ahead(found: list[Vote], parts: list[clauses_.Clause], today: date) -> list[Vote]:
    """A reply that says nothing of the work but when it starts, a time ahead ("kế hoạch là
    qua tháng 8 mới số hoá", "để đầu tháng 8 ạ", "lên lịch khởi động ngày 22/7"): not begun."""
    if any(v.status is not None or v.kind in ("question", "status_question") for v in found):
        return []
    for c in parts:
        if c.question or c.condition:
            continue
        if (m := _MONTH_THEN.search(c.text)) and today.month < int(m[1] or m[2]) <= 12:
            return [Vote(NS, 0.9, c.index, "future_start")]
        if (k := _KICK_OFF_SET.search(c.text)) and (
            (when := this_year(int(k[1]), int(k[2]), today)) and when > today
        ):
            return [Vote(NS, 0.9, c.index, "future_start")]
    return []


def _later_start(text: str, today: date) -> bool:
    """The start said of a time ahead: "mới" after a day to come, or a kick-off dated ahead."""
    if _THEN_LATER.search(text):
        return True
    day = _DAY_THEN.search(text) if " moi " in text else None
    day = day if day and day[1] else _DAY_KICK_OFF.search(text)
    if not day or not day[1]:
        return False
    when = this_year(int(day[1]), int(day[2]), today)
    return when is not None and today < when <= today + timedelta(days=183)


_DAY_OPENS = re.compile(  # a clause opening on its day: "24/7 trình lãnh đạo ký ban hành"
    r"^(?:(?:em|e|ben em|du kien|ngay|den|toi|khoang|thi|con) )*(\d{1,2})/(\d{1,2})(?![\w/.-])"
)


def _done_or_held(status: Status | None, alternatives: tuple[Status, ...]) -> Status | None:
    """Done or blocked, read or offered first; else None."""
    first = status or (alternatives[0] if alternatives else None)
    return first if first in (D, B) else None


def _mentioned(m: re.Match[str]) -> str:
    if _FORWARDED.search(m.string, max(0, m.start() - 40), m.start()):
        return m.group(0)  # 'Chuyển lời anh Hùng: "Bên anh đang làm"': the report, passed on
    return " cum tu " if len(m.group(1).split()) <= 9 else m.group(0)


# speech passed on: "chuyển lời chị Vân:", "anh Lộc nhờ chuyển:", "em forward lời chị Mai:"
_FORWARDED = re.compile(
    r"(?:(?<!\w)(?:chuyen loi|loi|nho (?:em )?chuyen|nho (?:em )?nhan|chuyen lai|forard|forward"
    r"|fw|fwd|chi ay noi|anh ay noi|bao la|noi la|nhan la|tra loi la)(?: \w+){0,3} ?:? ?$)"
    r"|: ?$"
)


# "gửi mãi mới đi được": "mãi" (on and on) after a verb, folded as "mai" (tomorrow)
_KEPT_AT = lexicon.gated(
    r"(?<!\w)(?:gui|lam|nhan|up|tai|goi|nhap|scan) mai(?= (?:moi|van|khong|chua))"
)
# "em sẽ theo dõi và báo anh": following the body's answer up, nothing of ours to mend
_FOLLOW_UP = lexicon.gated(
    r"(?<!\w)(?:(?:se|tiep tuc|van) )+theo doi_?(?!\w)(?: (?:va )?bao(?: cao)?(?: \w+)?)?"
)


def _dated_starts(found: list[Vote], parts: list[clauses_.Clause], today: date) -> list[Vote]:
    """ "20/7 mới làm" puts the start off to a day ahead; "10/7 mới bắt đầu" (a day gone by)
    began then, lately: work under way (a day up to three months back; "5/1" in December is
    next year's)."""
    out = []
    for v in found:
        if (
            v.status is D
            and v.clause < len(parts)
            and (ahead := _DAY_DONE.match(parts[v.clause].text))
        ):
            on = this_year(int(ahead[1]), int(ahead[2]), today)
            if on and on > today:  # "…, 31/7 xong ạ": a finish on a day ahead, foreseen
                v = Vote(IP, 0.6, v.clause, "future_done")
        elif (
            v.status is D
            and v.clause < len(parts)
            and (opens := _DAY_OPENS.match(parts[v.clause].text))
            and not _SAID_PAST.search(parts[v.clause].text)
        ):
            on = this_year(int(opens[1]), int(opens[2]), today)
            if on and on > today:  # "em dự kiến 20/7 tổng hợp, 24/7 trình lãnh đạo Sở ký ban
                v = Vote(IP, 0.6, v.clause, "future_done")  # hành": a step on a day ahead
        if (
            v.kind in ("started", "step")
            and v.clause < len(parts)
            and _later_start(parts[v.clause].text, today)
        ):
            v = Vote(NS, 0.9, v.clause, "future_start")  # "thứ hai 20/7 bên em mới bắt đầu
            # rà soát", "ngày mốt em mới ngồi làm được", "22/7 xã em họp triển khai"
        if v.kind == "future_start" and v.clause < len(parts):
            day = _DAY_THEN.search(parts[v.clause].text)
            dm = (day[1], day[2]) if day and day[1] else (day[3], day[4]) if day else None
            when = this_year(int(dm[0]), int(dm[1]), today) if dm else None
            if when is not None and timedelta(0) <= today - when <= timedelta(days=92):
                v = Vote(IP, 0.8, v.clause, "started")
        out.append(v)
    return out


# whether the work can be done by a time, nothing said of its being begun
_ABLE_BY = re.compile(r"(?<!\w)co (?:lam|xong|hoan thanh) (?:duoc|kip) (?:khong|ko|k)(?!\w)")


def combine(
    found: list[Vote],
    percent: int | None,
    measured: bool,
    counts: tuple[Fraction, ...],
    *,
    acted: bool = False,
    parts: list[clauses_.Clause] | None = None,
) -> tuple[Status | None, float, tuple[Status, ...]]:
    """(status, confidence, alternatives): alternatives non-empty means ask; ``acted``: the
    counted units did something ("7/9 phòng gửi số liệu"), the count is not bare."""
    kinds = {v.kind for v in found}
    if "dispute" in kinds:
        return None, 0.95, ()
    extension = [v for v in found if v.status is X]
    if parts and extension and all(v.kind == "late" for v in extension):
        trying = [c for c in parts if c.lead == "nhung" and _STILL_TRYING.search(c.text)]
        if any(c.index > max(v.clause for v in extension) for c in trying):
            found = [v for v in found if v.status is not X]  # "chưa chắc kịp hạn nhưng bên
            extension = []  # em vẫn đang cố": the work goes on, no request
            found.append(Vote(IP, 0.9, trying[-1].index, "progress"))
    if any(v.weight >= 0.9 for v in extension):
        return X, 0.95, ()
    if (
        percent is not None
        and 0 < percent < 100
        and parts
        and not any(v.status in (IP, D, NS) for v in found)
    ):
        blocking = [v for v in found if v.status is B]
        if blocking and all(v.kind == "slow" for v in blocking):
            return IP, 0.9, ()  # "mới 20% à chị, nay họp cả ngày ko làm được gì": slowed
        stuck = [v for v in found if v.status is B and v.weight >= 0.9]
        if stuck and all(
            v.kind == "obstacle" and _HARD_TIMES.search(parts[v.clause].text) for v in stuck
        ):  # "Mới được 30% thôi anh, đợt này thiếu người quá": stopped, or slowed?
            return None, 0.5, (B, IP)
    if extension:  # lateness said, no request made: ask for more time, or still under way?
        if any(v.status is B and v.weight >= 0.9 for v in found):
            return None, 0.5, (X, B, IP)  # "chắc phải lùi thôi, chưa có kinh phí": or stuck?
        if any(v.kind in ("future_start", "not_started", "put_off") for v in found) or any(
            parts and v.clause < len(parts) and _START_WORD.search(parts[v.clause].text)
            for v in extension
        ):
            return None, 0.5, (X, NS)  # "… mới làm được, không biết có kịp không": not begun
        if parts and any(_ABLE_BY.search(parts[v.clause].text) for v in extension):
            return None, 0.5, (X, IP, NS)  # "không biết tháng 8 có làm được không": begun?
        return None, 0.5, (X, IP)
    starts = [v.clause for v in found if v.kind == "future_start"]
    if starts and all(
        (v.kind in ("forecast", "future_done") and v.clause > min(starts))
        or v.kind == "planning"  # "em lên kế hoạch rồi, 20/7 mới bắt đầu": ready, not begun
        for v in found
        if v.status is IP
    ):  # "dự kiến 22/7 bắt đầu số hóa, làm khoảng 1 tuần là xong": the finish counted from the
        found = [v for v in found if v.status is not IP]  # start ahead, nothing begun
    best: dict[Status, float] = {}
    for v in found:
        if v.status is not None:
            best[v.status] = max(best.get(v.status, 0.0), v.weight)
    if not best:
        if "not_yet" in kinds:
            return None, 0.4, (NS, IP)  # a bare "chưa ạ": not started, or not finished?
        return _from_numbers(percent, measured, counts, acted)
    if (
        "status_question" in kinds
        and X not in best
        and not _said_plainly_after(
            found, max(v.clause for v in found if v.kind == "status_question")
        )
    ):
        ranked = sorted(best, key=best.__getitem__, reverse=True)
        return None, 0.4, tuple(dict.fromkeys([*ranked, _NEIGHBOUR[ranked[0]]]))[:3]
    status, confidence, asked = _settle(found, best, parts or [])
    if (
        asked
        and (set(asked) <= {D, IP} or set(asked) <= {IP, NS} or asked == (D, IP, B))
        and (
            (percent is not None and 0 < percent < 100 and not measured)
            or (acted and counts and all(c.done < c.total for c in counts))
        )
    ):  # "xong 90% rồi anh, thứ 2 em gửi bản hoàn chỉnh", "xong 4/6 phụ lục rồi, còn 2 phụ lục
        return IP, 0.9, ()  # chiều mai em gửi nốt": the share done says how far
    if asked:
        return None, 0.5, asked
    if percent == 100 and status is IP and any(v.kind == "progress" for v in found):
        return None, 0.5, (D, IP)  # "đạt 100% …, đang cập nhật": whose hundred?
    if percent is not None and status in (D, NS, IP):
        if percent == 100 and status is not NS:
            status = D
        elif percent == 0 and status is not D:
            status = NS
        elif 0 < percent < 100:
            if status is IP:  # "được tầm 70%, còn khâu …": the percent says how far
                confidence = max(confidence, 0.9)
            status = IP
    if status is D and any(c.done < c.total for c in counts):
        status, confidence = IP, 0.9
    if status is D and parts and _short_of_target(parts):
        status, confidence = IP, 0.9  # "đã đăng 15 tin bài, kế hoạch cả năm 24 tin"
    if confidence < THRESHOLD:
        return None, confidence, (status, _NEIGHBOUR[status])
    return status, confidence, ()


_TARGET = re.compile(
    r"(?<!\w)(?:ke hoach|chi tieu|muc tieu)(?: ca nam| nam| giao| la)* (\d+)(?!\d)"
)
_HAVE = re.compile(r"(?<!\w)(?:co|em|minh|toi) (\d+) ([a-z]+)(?!\w)")  # "xã em 9 ấp thì …"
_DONE_COUNT = lexicon.gated(r"(?<!\w)da (?:\w+ ){1,3}(\d+)(?![\d/%.,])")


def _short_of_target(parts: list[clauses_.Clause]) -> bool:
    """A count done and, in a later clause, a larger total planned for the year."""
    for i, c in enumerate(parts):
        done = _DONE_COUNT.search(c.text)
        if not done:
            continue
        for later in parts[i + 1 :]:
            target = _TARGET.search(later.text)
            if target and int(done[1]) < int(target[1]):
                return True
    for i, c in enumerate(parts):  # "có 18 vị trí việc làm, … xong bản mô tả cho 10 vị trí"
        for total in _HAVE.finditer(c.text):
            for later in parts[i + 1 :]:
                some = re.search(rf"(?<!\w)(\d+) {total[2]}(?!\w)", later.text)
                if some and " xong" in f" {later.text}" and int(some[1]) < int(total[1]):
                    return True
    return False


_REST_THEIRS = re.compile(
    rf"^con lai la (?:viec |phan )?(?:cua )?(?:ben |phong |so |xa |ban |don vi )?"
    rf"(?:{lexicon.BODY_NAMES})(?!\w)"
)
_THEIRS = re.compile(
    rf"^thi (?:ben |phong |so |xa |ban |don vi )?(?:{lexicon.BODY_NAMES})(?: \S+){{0,3}}"
    r" (?:lo|phu trach|lam|chu tri|dam nhan)(?!\w)"
)
_COPY_LEFT = re.compile(r"con ban (?:giay|cung|goc|co dau|chinh|dien tu|mem|scan|ky so|pdf)(?!\w)")
_NOT_ACCEPTED = re.compile(r"^ma chua (?:duoc|dat|on)" + _POLITE_END)
_SENT_THEN_WAIT = re.compile(
    r"(?<!\w)(?:gui|nop|trinh|chuyen|day)(?: \w+){0,4} (?:roi|r)(?: \w+){0,3} (?:cho|doi)(?!\w)"
)
_MOVING = frozenset({"progress", "started", "partial", "undone"})  # work said to be moving
# a hardship complained of ("mạng yếu quá nên chậm", "máy móc thiếu thốn quá"): in the way of
# the work, or only slowing it?
_HARDSHIPS = (
    r"cham|yeu|thieu thon|thieu (?:nguoi|can bo|nhan luc|nhan su)|di vang|vang mat"
    r"|qua(?: a| anh| chi)*$"
)
_HARDSHIP = re.compile(rf"(?<!\w)(?:{_HARDSHIPS})(?!\w)")  # ("phòng dạo này thiếu người, …
# anh đang tự làm": short of staff, the work going on)
# with a share done and no step said, the weather too: "được 30% thôi anh, mưa lũ cả tuần nay"
_HARD_TIMES = re.compile(
    rf"(?<!\w)(?:{_HARDSHIPS}|mua lu|mua bao|lu lut|(?:mat|cup|cat) dien|chap chon)(?!\w)"
)
# other business the writer is taken up with: "đang dọn sang trụ sở mới", "đang đi tập huấn"
_BUSY_WITH = lexicon.gated(
    r"(?<!\w)(?:lam thay|tiep dan|ngoi mot cua|don (?:sang|dep|tru so|van phong|ve)"
    r"|chuyen (?:sang|tru so|van phong)|tap huan|di hoc|di hop|van ban ton|viec ton|ho so ton"
    r"|phun|tiem|tong ket|ky thi|thi tot nghiep|tuyen sinh|dai hoi|doan kiem tra|doan thanh tra"
    r"|cuu tro|truc (?:bao|lu)|viec khac|cai khac|bao cao khac|doc lai|nghien cuu|tim hieu)(?!\w)"
)
_COPY = re.compile(  # a copy of the product: paper, signed, or electronic
    r"(?<!\w)ban (?:giay|cung|goc|chinh|co dau|dong dau|dien tu|mem|scan|pdf|word)(?!\w)"
)
_WHOLE = lexicon.gated(r"(?<!\w)(?:toan bo|tat ca|day du|tron bo)(?!\w)")


def _said_plainly_after(found: list[Vote], asked_at: int) -> bool:
    """ "… bằng niềm tin à? Đang dừng vì chưa được cấp kinh phí": after a jibe put as a
    question, a stop or a start not made, said plainly."""
    return any(v.status in (B, NS) and v.weight >= 0.9 and v.clause > asked_at for v in found)


_ISSUED_NOW = lexicon.gated(r"(?<!\w)(?:ban hanh|phat hanh|ky ban hanh)(?!\w)")
_SENT_UP = re.compile(  # sent on to a higher body, said of the past: "hôm 13/7 đã gửi … lên Sở"
    r"(?<!\w)da (?:gui|nop|chuyen)(?: \w+){0,8} (?:len|ve|cho_?) (?:so|ubnd tinh|tinh|bo"
    r"|van phong ubnd)(?!\w)"
)
_EVENT = re.compile(r"(?<!\w)(?:hop|hoi nghi|giao ban|tap huan|dai hoi|dot kiem tra)(?!\w)")


def _settle(
    found: list[Vote], best: dict[Status, float], parts: list[clauses_.Clause]
) -> tuple[Status, float, tuple[Status, ...]]:
    """The winning status and its confidence, or the competing ones to ask about."""
    if B in best:
        blocking = [v for v in found if v.status is B]
        if IP in best and all(v.kind == "slow" for v in blocking):
            return IP, best[IP], ()  # "hơi chậm, đang làm được 60%": slow is moving
        if all(v.kind == "slow" for v in blocking):
            for said in (D, NS):  # "em gửi rồi ạ, mạng yếu gửi mãi mới đi được": done slowly;
                if best.get(said, 0.0) >= 0.9:  # "mai em bắt đầu, hôm nay mạng yếu quá"
                    return said, best[said], ()
        strong = [v for v in blocking if v.weight >= 0.9]
        others = [s for s in (IP, NS, D) if s in best]
        if IP in best and _own_unit_late(blocking, found, parts):
            return IP, best[IP], ()
        if not strong:
            return B, 0.5, (B, others[0] if others else IP)
        first = min(v.clause for v in strong)
        done_after = [
            v.clause
            for v in found
            if v.kind == "done" and v.clause > first and parts and parts[v.clause].lead == "nhung"
        ]
        if (
            done_after
            and not any(v.clause > min(done_after) for v in strong)
            and all(v.kind == "obstacle" for v in strong)  # not a wait: "chờ Sở duyệt nhưng …"
        ):
            return D, 0.9, ()  # "hệ thống lỗi nhưng em đã nộp bản giấy": done despite it
        despite = any(v.kind == "still" and v.clause > first for v in found)
        delivered = any(
            v.kind == "done"
            and (
                v.clause < first
                or (v.clause == first < len(parts) and _SENT_THEN_WAIT.search(parts[first].text))
            )
            for v in found
        ) and not any(
            v.kind in _GOING_ON for v in found
        )  # "đã rà soát xong 18 thủ tục, còn 4 … đang chờ Sở": part of it, not delivered;
        # "đã gửi sở rồi giờ chờ sở phản hồi": sent, then waiting, in one clause
        if delivered and any(
            c.lead == "nen" and c.index > first and _UNABLE.search(c.text) for c in parts
        ):  # "…, nhưng Trung tâm chưa gửi phần của họ, nên em chưa tổng hợp được": stuck
            return B, 0.9, ()
        if delivered and any(
            v.kind == "undelivered" and v.clause < len(parts) and _COPY.search(parts[v.clause].text)
            for v in found
        ):
            return B, 0.5, (B, D, IP)  # "gửi bản mềm rồi, còn bản giấy chưa gửi được vì đường
            # sạt": the product, or its paper copy held up?
        if delivered and all(v.kind == "waiting" for v in strong):
            if not _input_awaited(found, parts):
                return D, 0.5, (D, B)  # "đã gửi báo cáo, đang chờ Sở phản hồi": the product?
            return B, 0.9, ()  # "đã gửi hồ sơ, đang chờ Sở thẩm định": their decision is due
        redone = any(v.kind == "returned" and v.clause > first for v in found)
        if despite or redone:  # "… nhưng vẫn đang làm", "mất dữ liệu, phải làm lại từ đầu"
            return B, 0.5, (B, IP)
        stopped = {v.clause for v in strong}
        if (
            all(v.kind == "obstacle" for v in strong)
            and all(_HARDSHIP.search(parts[i].text) for i in stopped if i < len(parts))
            and any(v.status is IP and v.kind in _MOVING and v.clause not in stopped for v in found)
        ):  # "đang nhập liệu …, mấy bữa ni mạng yếu quá nên chậm": in the way, or slowing it?
            return B, 0.5, (B, IP)
        if any(
            v.kind == "future_start"
            and v.clause < len(parts)
            and lexicon.DOUBT.search(parts[v.clause].text)
            for v in found
        ):  # "chắc phải sang tháng 9 mới bắt đầu được, giờ đang mùa mưa lũ": more time?
            return B, 0.5, (NS, X, B)
        return B, 0.9, ()
    if D in best:
        done = [v for v in found if v.status is D]
        sure = [v for v in done if v.kind == "done"]
        going_on = [
            v
            for v in found
            if v.status is IP
            and v.kind in _GOING_ON
            and not (v.clause < len(parts) and _FIX_NEEDED.search(parts[v.clause].text))
        ]  # (not "nộp rồi mà còn phải bổ sung chút xíu": a fix, asked about below)
        whole = [
            v.clause for v in sure if v.clause < len(parts) and _WHOLE.search(parts[v.clause].text)
        ]
        if whole:  # "phòng VH đã xong phần tự chấm, …; toàn bộ điểm … đã nhập và gửi": the parts
            going_on = [v for v in going_on if not (v.kind == "partial" and v.clause < max(whole))]
        evidence = any(v.kind == "evidence" for v in found)
        steps = [v for v in found if v.status is IP and v.kind in ("progress", "started")]
        if evidence and steps and all(v.kind in ("progress", "started") for v in going_on):
            return D, 0.5, (D, IP)  # "đã ban hành KH số …, đang tổ chức thực hiện": which task?
        if (
            going_on
            and all(v.kind == "hedged" for v in going_on)
            and any(
                v.kind == "doubt"
                and v.clause < len(parts)
                and _DRAFT_SENT.search(parts[v.clause].text)
                for v in done
            )
        ):  # "về cơ bản đã xong, đã gửi bản dự thảo cho Văn phòng UBND tỉnh": was the draft it?
            return IP, 0.5, (IP, D)
        issued = [
            v.clause
            for v in sure
            if v.clause < len(parts)
            and (_ISSUED_NOW.search(parts[v.clause].text) or _SENT_UP.search(parts[v.clause].text))
            and not _AHEAD.search(parts[v.clause].text)  # (not "sau đó em trình ký ban hành")
            and not parts[v.clause].text.startswith("sau do")
        ]
        if (
            issued
            and going_on
            and all(
                (
                    g.kind in ("partial", "step", "started")
                    or (g.kind == "own_wait" and _SENT_UP.search(parts[max(issued)].text))
                )
                and g.clause < max(issued)
                for g in going_on
            )
        ):  # "dự thảo xong từ tuần trước, hôm qua Chủ tịch đã ký ban hành rồi": the draft a
            return D, 0.95, ()  # step, the issue that followed it the product; "…, trình chủ
            # tịch ký, hôm 13/7 đã gửi qua hệ thống lên Sở Nội vụ": the steps, then sent up
        if (
            going_on
            and all(
                g.kind == "partial"
                and g.clause < len(parts)
                and _A_PART_DONE.search(parts[g.clause].text)
                for g in going_on
            )
            and any(
                v.clause > max(g.clause for g in going_on)
                and v.clause < len(parts)
                and _SEND_WORD.search(parts[v.clause].text)
                and not _FOR_COMMENTS.search(parts[v.clause].text)
                for v in sure
            )
        ):  # "đã xong phần rà soát rồi, …, em gửi qua email cho anh rồi": the part was the
            return IP, 0.5, (D, IP)  # product sent, or only a part of it?
        if going_on:
            return IP, max(v.weight for v in going_on), ()
        begun_now = [
            v
            for v in found
            if v.kind in ("started", "step")
            and v.clause < len(parts)
            and _NOW.match(parts[v.clause].text)
            and (v.kind == "started" or _BEGIN_NOW.search(parts[v.clause].text))
        ]  # "xong đợt tập huấn rồi, giờ mới bắt đầu cấp chứng thư": the task is what began now
        if begun_now and all(v.clause < begun_now[0].clause for v in done):
            return IP, 0.9, ()
        undelivered = [v for v in found if v.kind in ("undelivered", "unsure")]
        if sure and undelivered and any(_LEADER_AWAY.search(c.text) for c in parts):
            return IP, 0.9, ()  # "xong KH rồi nhưng chưa ký được vì CT đi công tác": our leader
        if sure and undelivered:
            return D, 0.5, (D, IP)
        if not sure and any(_NOT_ACCEPTED.match(c.text) for c in parts if c.lead == "ma"):
            return D, 0.5, (D, IP, B)  # "cái ni làm rồi mà chưa được": done, and not working?
        if (
            not sure
            and all(
                v.kind == "doubt" and v.clause < len(parts) and _EVENT.search(parts[v.clause].text)
                for v in done
            )
            and any(v.kind == "future_start" and v.clause > done[-1].clause for v in found)
        ):  # "meeting xong rồi, em bắt đầu làm từ chiều nay": the meeting over, the start ahead
            return NS, best[NS], ()
        if not sure and all(v.kind == "own_part" for v in done) and len(found) == len(done):
            return D, 0.5, (D, IP, B)  # "xong phần của em rồi" alone: all of it, the rest ours
            # still, or waiting on another's share?
        if not sure:
            return D, 0.5, (D, IP)
        return D, 0.95, ()
    if NS in best and IP in best:
        ready = {v.kind for v in found if v.status is IP}
        if ready <= {"step", "undelivered", "on_time", "planned", "future_done"}:  # "chưa ban
            # hành, chưa …"; "ngày 22/7 em sẽ bắt đầu …, dự kiến 28/7 nộp": a finish foreseen
            return NS, best[NS], ()
        if "prepare" in ready and best[NS] >= 0.9 and not ready - {"prepare", "step"}:
            return NS, best[NS], ()
        not_begun = [v.clause for v in found if v.kind == "not_started" and v.weight >= 0.9]
        going = [v for v in found if v.status is IP and v.weight >= 0.9]
        if (
            not_begun
            and going
            and all(
                v.clause > min(not_begun)
                and v.kind in ("progress", "prepare")
                and v.clause < len(parts)
                and _BUSY_WITH.search(parts[v.clause].text)
                for v in going
            )
        ):  # "Em chưa triển khai được, đang phải làm thay phần việc của chị nghỉ thai sản":
            return NS, best[NS], ()  # what keeps the writer busy, the task not begun
        if any(
            v.kind == "progress" and v.weight >= 0.9 and _NOW.match(parts[v.clause].text)
            for v in found
            if v.clause < len(parts)
        ):  # "tháng 8 xã tổ chức kiểm tra, hiện đang soạn đề cương": under way now
            return IP, best[IP], ()
        getting_ready = {v.clause for v in found if v.status is NS}
        if all(v.kind == "prepare" for v in found if v.status is NS) and any(
            v.kind == "progress" and v.weight >= 0.9 and v.clause not in getting_ready
            for v in found
        ):  # "đang triển khai, …, đang phân công từng công chức": getting ready is a step of it
            return IP, best[IP], ()
        return IP, 0.5, (IP, NS)
    status = max(best, key=best.__getitem__)
    return status, best[status], ()


def _own_unit_late(blocking: list[Vote], found: list[Vote], parts: list[clauses_.Clause]) -> bool:
    """ "Phòng Kinh tế bên em trả số liệu chậm nên em đang đợi, vẫn đang làm": a wait on our
    own phòng's part, with the work said to go on, slows it (as own comments late, r6)."""
    return (
        all(v.kind in ("waiting", "waiting_vague") for v in blocking)
        and any(v.kind == "still" for v in found)
        and all(
            0 < v.clause < len(parts)
            and parts[v.clause].lead == "nen"
            and _OWN_UNIT.search(parts[v.clause - 1].text)
            for v in blocking
        )
    )


_OWN_UNIT = re.compile(r"(?<!\w)(?:phong|bo phan|to|ban)(?: \w+){0,4} ben (?:em|minh|toi)(?!\w)")


def _from_numbers(
    percent: int | None, measured: bool, counts: tuple[Fraction, ...], acted: bool
) -> tuple[Status | None, float, tuple[Status, ...]]:
    if percent is not None:
        return (D if percent == 100 else NS if percent == 0 else IP), 0.9, ()
    if acted and all(c.done < c.total for c in counts):
        return IP, 0.6, ()  # "đã có 7/9 phòng gửi số liệu": some of the units, so under way
    if measured or counts:
        return None, 0.4, (IP, D)  # a measure or a full count alone: which is it?
    return None, 0.0, ()


_LATENESS_OWNED = re.compile(r"^con (?:tre|cham|muon)(?: \w+){0,2}$")
_TARGETS_MISSED = re.compile(r"^con \d+ chi tieu (?:chua|khong) dat(?!\w)")


_STILL_NUDGED = re.compile(  # (and "giờ chỉ còn mỗi việc là đừng nhắc nữa": a jibe)
    r"^con (?:nhac|giuc|hoi lai|nhan nhac|nhan tin nhac)(?!\w)"
    r"|^con (?:\w+ ){0,4}dung (?:nhac|giuc)(?!\w)"
)


_BACKLOG = re.compile(
    r"^con (?:ton|ton dong|ton dong lai|dong)(?: \w+)?(?: tu| cua| trong| nam)(?!\w)"
)


def _remaining(parts: list[clauses_.Clause], found: list[Vote]) -> list[Vote]:
    """ "Còn …" after a done clause names what is left: work still under way; a doubt after
    "nhưng" makes the done a question."""
    done_at = [v.clause for v in found if v.kind in ("done", "own_part", "did", "doubt")]
    if not done_at:
        return []
    after = [c for c in parts if c.index > min(done_at)]
    left = [  # not "còn gì anh cứ nhắn": anything else, nor "còn số liệu em gửi sau" (below)
        Vote(IP, 0.9, c.index, "remaining")
        for c in after
        if c.lead == "con"
        and not c.question
        and not _UNSURE_OF.search(parts[c.index - 1].text)  # "em không chắc | còn hồ sơ không"
        and not (  # "còn báo cáo … thì em làm xong": as for that, done; not what is left
            c.index + 1 < len(parts)
            and parts[c.index + 1].lead == "thi"
            and any(v.kind in ("done", "not_started") and v.clause == c.index + 1 for v in found)
        )  # (nor "còn kế hoạch | thì chưa động tới": not begun, said)
        and "gi" not in c.text.split()
        and not _TARGETS_MISSED.match(c.text)  # "còn 2 chỉ tiêu chưa đạt": a result, not work
        and not statuses_.INDICATOR.match(c.text)  # "còn tỷ lệ hồ sơ trực tuyến mới 38%"
        and not _LATENESS_OWNED.match(c.text)  # "còn trễ là do em": the lateness, owned
        and not (  # "chắc còn sai sót chỗ nào thì anh góp ý em sửa": any, supposed
            c.text.endswith(" nao")
            and c.index + 1 < len(parts)
            and parts[c.index + 1].lead == "thi"
        )
        and not (  # "còn báo cáo kết quả thì chưa đến kỳ": not due yet, nothing left undone
            c.index + 1 < len(parts) and _NOT_DUE.match(parts[c.index + 1].text)
        )
        and not _to_deliver(c.text)
        and not _part_sent_later(parts, c)
        and not _FIX_NEEDED.search(c.text)  # "nộp rồi mà còn phải bổ sung chút xíu": read below
        and not _COPY_LEFT.match(c.text)
        and not (  # "còn tuyên truyền thì phòng Văn hóa lo": theirs, not what is left of ours
            c.index + 1 < len(parts) and _THEIRS.match(parts[c.index + 1].text)
        )
        and not _REST_THEIRS.match(c.text)
        and not (  # "việc này xong rồi, còn báo cáo quý 3 em chưa làm": this task done, and
            (_named_this(parts[min(done_at)]) or _THIS_NAMED.match(parts[min(done_at)].text))
            # another product's news
            and _PRODUCT.match(c.text, 4)
            and not _THIS_ONE.match(c.text)
        )
        and not _STILL_NUDGED.match(c.text)  # "báo xong rồi mà, sao còn nhắc nữa": the bot's
        and not _BACKLOG.match(c.text)  # "đã số hoá kết quả TTHC còn tồn từ quý I": the backlog
        and not (  # "còn buổi tập huấn thì hoãn do lũ": another event, its own news
            _EVENT_LEFT.match(c.text)
            and c.index + 1 < len(parts)
            and parts[c.index + 1].lead == "thi"
        )
    ]
    left += [  # "em làm xong phần em rồi, còn lại là việc của Sở": ours done, the rest theirs
        Vote(B, 0.5, c.index, "waiting_vague") for c in after if _REST_THEIRS.match(c.text)
    ]
    unsure = [  # "đã gửi nhưng chưa biết được duyệt chưa": done, and then?
        Vote(None, 1.0, c.index, "unsure")
        for c in after
        if (_to_deliver(c.text) and not _DETAIL_LATER.match(c.text))
        or (_ADDED_LATER.search(c.text) and c.lead != "thi" and not c.consequence)  # "phụ lục
        # em bổ sung sau": a part still to come (not "… thì em bổ sung sau": if asked)
        or (c.lead in ("nhung", "ma") and (_contrast_unsure(c) or _FIX_NEEDED.search(c.text)))
        or (c.lead == "con" and _FIX_NEEDED.search(c.text))
        or _part_sent_later(parts, c)  # "…, còn phụ lục kèm theo thì em gửi sau": sent?
        or (c.lead == "con" and _COPY_LEFT.match(c.text))  # "còn bản giấy thì chưa": sent?
    ]
    return left + unsure


# "đã ban hành ngày 3/7 rồi, số văn bản em gửi sau": only its number or a copy to come
_DETAIL_LATER = re.compile(
    r"^(?:con )?(?:so|so hieu|so ky hieu|ky hieu|ban scan|ban chup|anh chup|link)"
    r"(?: (?:van ban|cong van|quyet dinh|ke hoach|bao cao|vb|cv|qd|kh))?"
    r" (?:em |e |minh |toi )?(?:gui|bao|cap nhat|nhan|gui bo sung)(?: \w+)? sau(?!\w)"
)
_EVENT_LEFT = re.compile(r"^con (?:buoi|cuoc|lop|hoi nghi|dot|le|chuyen) \w+")
_NOT_DUE = re.compile(r"thi (?:van )?chua (?:den|toi) (?:ky|han|luc|dot|thoi han|thoi gian)(?!\w)")
_NEGATED = lexicon.gated(  # a task verb negated: "chưa gửi", "không làm", "chưa triển khai"
    r"(?<!\w)(?<!quen )(?<!phai )(?<!ai bao )(?<!ai noi )(?:chua|khong|ko|chang) "
    r"(?:duoc |the |kip |hoan toan )?"
    r"(?:lam|xong|hoan thanh|gui|nop|trinh|ky|ban hanh|trien khai|thuc hien|bat dau|bao cao"
    r"|tong hop|duyet|phe duyet|tra loi(?! duoc| kip)|dang_? tai|cap nhat|tham dinh)(?!\w)"
    r"(?! trang thai| tren he thong| len he thong| he thong)"  # (not "sơ suất không cập nhật
)  # trạng thái trên hệ thống": the record of it, not the work)
_AHEAD = lexicon.gated(  # a future or sequence marker: what follows has not happened yet
    r"(?<!\w)(?:se|sap(?! nhap| xep)|du kien|(?:em|e|minh|toi|du) dinh(?! kem)|roi moi"
    r"|(?<!qua )(?<!truoc )(?<!sang nay )(?<!hom nay )(?<!sang nay em )(?<!hom nay em )"
    r"(?<!qua em )moi (?:lam|bat dau|trien khai|thuc hien|gui|nop)"  # (not "sáng nay em mới
    # nộp": just then)
    r"|de (?:em|e|minh|toi)|" + lexicon.TOMORROW + r"|ngay mai|tuan (?:sau|toi)|thang (?:sau|toi)"
    r"|sang (?:tuan|thang)"
    r"|sau khi|chieu (?:nay )?(?:em|e|minh|toi|se)(?! da)|toi nay|sang mai|lat nua|ti nua"
    r"|(?:lam|trien khai|thuc hien|nop|gui|trinh|bao cao) (?:ngay(?! \d| thang)|luon)(?! roi| r\b))"
    r"(?!\w)"  # (not "chiều nay em đã gửi", "nộp luôn rồi": done then)
)
_SUBSET = re.compile(  # a subject that is part of the units: "các xã khác", "9 xã đã gửi"
    r"(?<!\w)(?:cac \w+ (?:khac|con lai)|mot so|mot vai|phan lon"
    r"|(?:\d+/)?(?!(?:19|20)\d\d )\d+ (?:xa|phuong|don vi|phong|huyen|truong|thon|co quan))"
    r"(?: \w+){0,2} (?:da |cung |deu )*(?:xong|hoan thanh|gui|nop)"
)
_QUANTITY_AFTER = lexicon.gated(  # "xong 1 nửa", "xong 3 trong 4": how much of it, after the verb
    r"(?<!\w)(?:xong|hoan thanh) (?:duoc )?(?:khoang |tam |chung )?"
    r"(?:(?!(\d+) (?:tren|trong) \1(?!\d))\d+(?![/%\d.,])(?! phan tram)"
    r"(?!(?: \w+){1,2} (?:moi cong bo|moi ban hanh|duoc giao"
    r"|duoc phan cong|theo ke hoach|theo danh muc)(?!\w))"
    r"|mot (?:nua|phan|it|so)|nua|it|vai)(?!\w)"
)  # not "xong 46 TTHC mới công bố": a count of a whole set named, all of it done
_BELIEF = re.compile(  # "em tưởng còn phải bổ sung": what the writer believed, or believes
    r"(?<!\w)(?:em|e|minh|toi) (?:tuong|nghi)(?!\w)(?! (?:la )?(?:ben|phong|xa|so|cac)\b)"
)
_PART_DONE = lexicon.gated(
    r"(?<!\w)(?:xong|hoan thanh|lam) (?:duoc )?(?:khoang |tam )?\d+/\d+(?!\w)"
)
_IGNORANT = re.compile(  # "em không nắm được tiến độ": the writer does not know the state
    r"(?<!\w)(?:khong|ko|chua) (?:nam|ro|biet)(?: duoc| ro)?(?: \w+)? (?:tien do|tinh hinh)(?!\w)"
    r"|(?<!\w)(?:khong|ko|chua) (?:nam|biet)(?: duoc| ro)?(?: la)? (?:phong|ai|don vi|ben|bo phan)"
    r" nao(?!\w)"  # "chưa nắm rõ là phòng nào đang làm"
    # "không ai nắm được đã làm tới đâu", "em cũng không biết anh ấy làm đến đâu rồi"
    r"|(?<!\w)(?:khong|ko|chua)(?: ai)? (?:nam|biet|ro)(?: duoc| ro)?(?: \w+){0,8} (?:toi|den) dau"
    r"(?!\w)"
)


# after a sending, whether it arrived is not known: "không biết bên đó nhận chưa", "ko biết lên
# chưa" (the product out, or held?)
_UNCONFIRMED = lexicon.gated(
    r"(?<!\w)(?:gui|nop|day|up|chuyen)(?: \w+){0,8}?,? (?:\w+ ){0,6}?(?:khong|chua|ko) (?:biet|ro)"
    r"(?: (?:ben do|ben so|so|ho|ben no|ben nay))?(?: da)? (?:nhan|len|toi|den|nhan duoc)"
    r"(?: duoc)? (?:chua|khong|hay chua)(?!\w)"
    # "hôm qua mất mạng, không biết gửi đi được chưa"
    r"|(?<!\w)(?:khong|chua|ko) (?:biet|ro) (?:da )?(?:gui|nop|up)(?: di| len)?(?: duoc)?"
    r" chua(?!\w)"
    # "em nộp rồi, mà nghe nói file bị lỗi phải nộp lại": a fault heard of, not seen
    r"|(?<!\w)(?:gui|nop|day|up)(?: \w+){0,3},? (?:\w+ ){0,3}?nghe (?:noi|bao|dau)(?: \w+){0,4}"
    r" (?:loi|hong|khong nhan|chua nhan|phai (?:nop|gui|lam) lai)(?!\w)"
)
_STALE_RECORD = lexicon.gated(  # "chắc hệ thống chưa cập nhật": the bot's record, not the work
    r"(?<!\w)(?:he thong|bot|phan mem|tin nhac|ung dung|app)(?: \w+){0,2} (?:van )?chua"
    r" (?:cap nhat|nhan|ghi nhan)(?!\w)"
)
_BECAUSE = frozenset({"vi", "do", "tai vi", "boi vi"})
_NO_ASKING = re.compile(
    r"(?<!\w)xin (?:loi|(?:bao cao|bao|phep bao cao|kinh bao)(?! (?:muon|tre|cham)))"
)
_UNSURE_OF = re.compile(r"(?:khong|chua) (?:chac|biet|ro)(?: la)?$")
_CHASED = lexicon.gated(r"(?<!\w)(?:don doc|nhac nho|giuc|hoi thuc)(?!\w)")
_WAITED_FOR = lexicon.gated(r"(?<!\w)(?:dang|con|van|gio) (?:cho|doi)(?!\w)")
_NO_RECEIPT = lexicon.gated(  # a sending whose receipt is not seen
    r"(?<!\w)(?:he thong|phan mem|trang thai|truc lien thong|ioffice)(?: \w+){0,3}"
    r" (?:bao|hien|ghi|la|van)(?: \w+){0,2}? '?(?:chua|cho|dang cho|dang)"
    r" (?:tiep nhan|nhan|xu ly)(?!\w)"
    r"|(?<!\w)chua (?:thay |co )?(?:(?:ben|phia) )?(?:\w+ ){0,3}?(?:bao nhan|xac nhan|tiep nhan"
    r"|phan hoi(?: gi)?(?: (?:het|ca|tron))*$)(?!\w)"
    r"|(?<!\w)(?:dang |con |van )?cho (?:(?:ben do|ho|so) )?(?:tiep nhan|vao so|xac nhan|bao nhan)"
    r"(?!\w)"
    r"|(?<!\w)trang thai (?:dang |cho )?(?:xu ly|tiep nhan)(?!\w)"
)
_ACT_AWAITED = lexicon.gated(  # what the receiver does with it: awaited, blocked (corpus)
    r"(?<!\w)(?:tham dinh|phe duyet|duyet|y kien|gop y|ky so|ky duyet|cho ky)(?!\w)"
)
_DONE_OR_WAIT = lexicon.gated(  # (or "… là được rồi hay phải chờ thêm", "… là đạt hay phải sửa")
    r"(?<!\w)(?:khong|chua) (?:biet|ro) (?:(?:the|vay|nhu vay) )?(?:la )?(?:da )?"
    r"(?:xong|duoc(?: roi)?|dat) (?:hay|hay la) (?:van |con )?(?:phai )?(?:cho|doi|sua)(?!\w)"
)
_NO_WAIT_AFTER = ("gi nua", "chi nua", "vao hop", "chut em", "ti em", "xiu em", "lat em")
_WAIT_WORD = lexicon.gated(  # waiting for someone ("chờ chị Lan …"), not for a step of our own
    r"(?<!\w)(?:dang (?:cho|doi)(?: a| anh| chi| nhe)*$"
    # (not "theo dõi", "thay đổi")
    r"|(?<!tap trung )(?<!uu tien )(?<!danh )(?<!phat )(?<!theo )(?<!thay )"
    # (nor unaccented "đội ngũ", "đời sống", "đội trưởng", "đội hình", "đội viên")
    r"(?:cho|doi(?! (?:ngu|song|truong|hinh|vien|xung kich|tuyen|soat|voi|tuong|ngoai|thoai)"
    r"(?!\w)))"  # (and "đối soát", "đối với", "đối tượng")
    r" (?!(?:(?:em|e|minh|toi) hoi|phep"
    # "chị đợi em chút nha", "cho em tí": the coordinator asked to wait, or a moment asked for
    r"|(?:em|e|minh) (?:chut|ti|xiu|it|them|mot chut|1 chut|nha|nhe|voi)(?!\w)|(?:em|e|minh)$"
    # "tiêm chủng cho trẻ", "kinh phí cho cả giai đoạn": for whom or for what, no wait;
    # unaccented "đổi máy": changed
    r"|tre|ca giai doan|giai doan|ca nam|hoc sinh|nguoi dan|ba con|may roi"
    r"|gui|nop"  # "để bả coi lại rồi mới cho gửi": let it be sent
    r"|den|het|qua|toi|nen|hop|giao ban|hoi nghi|cuoc hop"  # a meeting waited for: no one
    r"|chac|kip|nhanh|dung|xong|gon"  # "rà lại cho chắc", "cho kịp": so that, no wait
    r"|sang"  # unaccented "dời sang tháng 9": put off, no one waited for
    r"|chieu|moi|ten|thoai"  # unaccented "đối chiếu", "đổi mới", "đổi tên": no wait
    r"|on dinh"  # "đợi ổn định nhân sự phường mới": our own staffing, no one
    r"|kiem|ky|phat hanh|gop y|lay y kien|y kien|thong qua|dong dau|vao so|ban hanh|in|trinh)"
    r"(?!\w))\w)"
)
_REVIEW = re.compile(r"(?<!\w)(?:xem|xem lai|duyet|gop y|soat|kiem tra)(?!\w)")
_MUST_WE = lexicon.gated(  # whether the task is the writer's to do at all
    r"(?<!\w)(?:khong|chua) (?:biet|ro) (?:co )?(?:phai|can)"
    r" (?:(?:ben|phong|xa|phuong|don vi|truong) (?:em|minh|toi) )?(?:lam|thuc hien|trien khai)"
    r"(?: \w+){0,2} (?:khong|chua)(?!\w)"
)
_OFFICIAL_ASKED = lexicon.gated(  # a draft sent, and whether the official copy is needed asked
    r"(?<!\w)(?:can|phai) (?:gui |nop )?(?:them )?ban (?:chinh thuc|goc|giay|co dau|ky)(?!\w)"
)
_SENT_TO = re.compile(  # sent or given to: "gửi … cho chị", "cấu hình chữ ký số cho lãnh đạo"
    r"(?<!\w)(?:gui|nop|chuyen|trinh|dua|bao cao|giao|(?<!nang )(?<!cung )cap|cau hinh|cai(?: dat)?"
    r"|trien khai|tap huan|huong dan|ho tro|phan bo)(?!\w)"
)


_DATA_FOR = [w.split() for w in ("so lieu", "du lieu", "bao cao", "tai lieu", "ho so")]
_SENT_IN = re.compile(r"\d+ \w+(?: \w+){0,2} (?:gui|nop|chuyen|dua|cung cap|bao cao)(?!\w)")


def _waits_on_someone(norm: str) -> bool:
    """A "cho/chờ" of waiting for someone; not the "cho" (to) after a sending in its clause:
    "mai gửi bản dự thảo cho chị xem trước"."""
    for m in _WAIT_WORD.finditer(norm):
        head = re.split(r"[,;.!?]", norm[: m.start()])[-1].split()[-6:]
        waiting = bool(head) and head[-1] in lexicon.WAIT_ASPECTS  # "đang chờ cấp chứng thư"
        if head[-2:] in statuses_.NO_NEED or set(head[-1:]) & statuses_.SOME:
            continue  # "không phải chờ Sở đâu": no wait; "còn vài chỗ phải sửa": places
        after = norm[m.end() :].lstrip()
        if norm.startswith(_NO_WAIT_AFTER, m.start() + 4):
            continue  # "chờ gì nữa, bên em đang làm rồi mà": nothing waited for; "đang chờ
            # vào họp": where the writer is
        if head[-2:] in _DATA_FOR and after[:1].isdigit() and not _SENT_IN.match(after):
            continue  # "chạy số liệu cho 23 xã": for them (folded like "chờ")
        if not waiting and (
            "xong" in head[-5:-1] or norm.startswith(("tung ", "moi "), m.start() + 4)
        ):
            continue  # "tạo xong tài khoản cho các phòng", "phân quyền cho từng người": for
        if waiting or not _SENT_TO.search(" ".join(head)):
            return True
    return False


# "chờ đoàn thanh tra về rồi mới triển khai": an event waited out, then the start
_WAIT_THEN = re.compile(  # (or "đợi đoàn kiểm tra về xong, khoảng 27/7 em bắt đầu làm")
    r"(?<!\w)(?:cho|doi) (?:\w+ ){0,4}(?:ve|xong)(?: xong)?,? (?:\S+ ){0,4}(?:moi|bat dau|bat tay)"
    r"(?!\w)"
)
_WAIT_KINDS = frozenset({"waiting", "own_wait", "waiting_vague", "condition"})
_START_NOT_YET = lexicon.gated(  # a start negated or put ahead: "chưa bắt đầu", "sẽ triển khai"
    r"(?<!\w)(?<!khong phai )(?:chua|khong|ko|se|du kien|sap) (?:duoc |the |kip )?"
    r"(?:bat dau|bat tay|trien khai"
    r"|thuc hien|tien hanh|lam)(?!\w)(?! xong| het)"  # "chưa làm xong": begun, not finished
)
_UNITS = re.compile(
    r"(?<!\w)\d+ (?:xa|phuong|don vi|phong|huyen|truong|thon|co quan|so|nganh)(?!\w)"
)
_OUR_LEADER_SIGNS = re.compile(
    r"(?<!\w)(?:lanh dao|chu tich|giam doc|hieu truong|truong phong|sep|thu truong)(?: \w+){0,2}"
    r" (?:ky|duyet)(?: (?:thoi|a|ah|anh|chi|nhe|nha|roi|la xong))*$"
)
_WAIT_BODY = re.compile(  # "đợi chị Hoa phòng KT gửi": a person named, not a role of ours
    r"(?<!\w)(?:cho|doi) (?:anh|chi|a|c|chu|co|em)"
    r" (?!(?:truong|pho|chanh|giam|chu|lanh|sep|ld|gd|hieu"
    r"|tp|pgd|ct|pct|tich|nhiem|a|ah|nhe|nha|oi|roi|voi|xem|ky|duyet|ay|ta|ho)(?!\w))[a-z]+(?!\w)"
    r"(?! (?:pho |truong )?(?:chu tich|giam doc|pct|pgd|ct|gd|tp|hieu truong|bi thu)(?!\w)"
    r"| (?:pho|truong) phong(?!\w))"
)  # (not "chờ anh Hùng phó chủ tịch ký": our leader, named)
# "em đã chuyển cho đồng chí phụ trách": the task handed to a person, not the work sent up
_TO_PERSON = lexicon.gated(
    r"(?<!\w)(?:chuyen|giao)(?: lai| qua)? cho_? (?:dong chi|d/c|anh|chi|em|ban|nguoi|can bo"
    r"|chuyen vien)(?!\w)(?:(?: \w+){0,3} (?:phu trach|xu ly|theo doi|lam))?"
)
_TOLD = lexicon.gated(  # "lãnh đạo bảo làm xong trước 25/7": an instruction reported, not a report
    r"(?<!\w)(?<!em )(?<!minh )(?<!toi )(?:bao(?! cao)|yeu cau|chi dao|dan|nhac|giao|muon)"
    r"(?: (?!da )\w+){0,3}?"  # (not "anh Hùng bảo đã xong": a report heard)
    r" (?:lam xong|xong|hoan thanh)(?!\w)"
)
_SOMETHING_DONE = frozenset({"done", "did", "partial", "own_part"})
_PART_XONG = lexicon.gated(r"(?<!\w)xong (?:dot|phan|buoc|giai doan|khau) (?:\d+|mot|dau)(?!\w)")
_UNABLE = re.compile(  # "chưa tổ chức được", "không thể làm": kept from doing the work
    r"(?<!\w)(?:chua|khong|ko|chua the|khong the) (?:\w+ ){1,3}duoc(?!\w)|(?<!\w)khong the(?!\w)"
)
_OWN_NOT_YET = re.compile(  # "em chưa chốt nên chưa gửi được": held by our own last step
    r"(?<!\w)chua (?:chot|xong|hoan thanh|hoan thien|tong hop|kiem tra|ra soat)(?!\w)"
)
_NOT_YET_ABLE = re.compile(r"^thi (?:van )?(?:chua|khong) (?:\w+ )?duoc" + _POLITE_END)
_NOBODY = re.compile(  # not "chưa có ai động vào": nobody has touched it, not started
    r"(?<!\w)chua (?:co )?(?:ai|nguoi)(?!\w)(?! (?:dong|dung)(?: tay)? (?:vao|den))"
)
_BARE_DANG = re.compile(r"(?<!\w)dang ([a-z]+) (?:vi|do)(?!\w)")  # "đang tắc vì …": a state, why
_SHARE = re.compile(r"(?<![\w/])\d+/\d+(?![\w/-])")
_ISSUING = re.compile(r"(?<!\w)(?:phe duyet|ban hanh|ky ban hanh)(?!\w)")
_HANDED = lexicon.gated(r"(?<!\w)da (?:duoc )?(?:trinh|gui|nop|chuyen)(?!\w)")
_ITEMS = lexicon.gated(
    r"(?<!\w)(?:viec|nhiem vu|noi dung|muc|phan viec) (\d+(?:\.\d+)?|mot|hai|ba)(?![\w.])"
    r"|(?<![\w./])(\d{1,2}\.\d{1,2})(?![\w./%])"  # a task's code: "việc 2.1 xong, 2.3 đang làm"
)
_PRODUCT = re.compile(
    r"(?<!\w)(bao cao|ke hoach|de an|quy che|to trinh|danh sach|quyet dinh|cong van)(?!\w)"
)


def _two_products(found: list[Vote], parts: list[clauses_.Clause]) -> bool:
    """A product said done and another product said under way, each in its own clause."""
    done = _products(found, parts, D, "done")
    if not done:  # (the other products are looked for only when some product is done)
        return False
    going = _products(found, parts, IP, "progress")
    return bool(going) and not done & going


def _products(
    found: list[Vote], parts: list[clauses_.Clause], status: Status, kind: str
) -> set[str]:
    """The products named in the clauses voting ``status`` of ``kind``."""
    return {
        m[1]
        for v in found
        if v.status is status and v.kind == kind and v.clause < len(parts)
        for m in _PRODUCT.finditer(parts[v.clause].text)
    }


_IF = lexicon.gated(
    r"(?<!\w)(?:neu|co gi|gia su|(?<!so )(?<!cac )(?<!nhung )(?<!vai )(?<!\d )truong hop"
    r"|phong khi|khi nao)(?!\w)"
)
_ASKS_US = re.compile(
    r"(?<!\w)(?:giup|ho|dum) (?:em|e|minh|toi|ben em)(?!\w)|" + lexicon.RESEND.pattern
)


def _known_words() -> frozenset[str]:
    """Every word the reader has a reading for: the words of the lexicon's tables and word
    classes and of the votes' own patterns (computed once, at import)."""
    words: set[str] = set(_FUNCTION_WORDS) | clauses_.LEADS | ACRONYMS
    for module in (lexicon, statuses_):
        for value in vars(module).values():
            if isinstance(value, lexicon.Table | lexicon.Gated):
                value = value.regex
            if isinstance(value, re.Pattern):
                words |= set(re.findall(r"[a-z]+", value.pattern))
            elif isinstance(value, frozenset):
                words |= {w for item in value if isinstance(item, str) for w in item.split()}
    return frozenset(words)


# Words that stand before a status verb without changing it: who did it, of what, when.
_FUNCTION_WORDS = frozenset(
    "da d em e anh chi a c minh toi ben chung cung deu vua moi roi r viec nay do cua cac nhung"
    " so ngay thang nam tuan hom qua nay hom nay ho so bao cao ke hoach quyet dinh cong van"
    " van ban to trinh thong bao danh muc nhiem vu tham muu tu phap noi vu tai chinh"
    " nhe nha a ah oi voi va cho lai len xuong ra vao trong ngoai tren duoi"
    # a period named in words picks the task's period ("quý III xong", "6 tháng đầu năm")
    " quy q i ii iii iv dau cuoi"
    # the work's own activities: "đã tập huấn xong", "tổng kết xong"
    " tap huan tuyen truyen tong ket so ket dieu tra thong ke danh gia cham diem boi duong hoi"
    " nghi lay phieu tiep nhan kiem ke chi tra"
    " chot quet chup photo ghi chep luu tru tao tach dem chay mua sam man hinh"
    # units, abbreviations and acts seen before a done verb: "Ban Quản lý các KCN", "bấm gửi"
    " kinh te kcn bql vtvl bam kich hoat nhay report repot"
    # schools, health stations and centres named by their acronyms: "Trường THPT … đã nộp"
    " thpt thcs th mn mg ptdtbt ptdtnt tthc ttyt tyt pvhcc gdnn gdtx".split()
)
_KNOWN: frozenset[str] = frozenset()  # filled below, once the patterns exist
_CUES = {D: lexicon.DONE}  # an obstacle's noun is often new ("Cổng DVC quốc gia bảo trì")


_CAPITALISED = re.compile(r"(?<=[^\W\d_] )[A-ZĐ]\w*")  # inside a sentence: a name


def _names(display: str) -> frozenset[str]:
    """The words written capitalised inside a sentence, folded: names ("Xã Vĩnh Thạnh")."""
    return frozenset(fold(w) for w in _CAPITALISED.findall(display) if not w.isupper())


_INITIALS = re.compile(r"[b-df-hj-np-tv-xz]{2,}")


def _unread_modifier(
    status: Status, found: list[Vote], parts: list[clauses_.Clause], display: str
) -> bool:
    """A word the reader does not know right before the cue of a done vote ("tương đối
    xong", "suýt xong"): Vietnamese puts what turns a verb before it; not a name ("xã Vĩnh
    Thạnh xong kế hoạch")."""
    cue = _CUES.get(status)
    if cue is None:
        return False
    for v in found:
        if v.status is not status or v.weight < 0.9 or v.clause >= len(parts):
            continue
        text = parts[v.clause].text
        m = cue.search(text)
        if m is None:
            continue
        before = text[: m.start()].split()[-2:]
        unknown = [  # (not an agency's initials, no vowel in them: "Ban CHQS xã đã gửi")
            w for w in before if w.isalpha() and w not in _KNOWN and not _INITIALS.fullmatch(w)
        ]
        if unknown and not set(unknown) <= _names(display):  # (names only looked up then)
            return True
    return False


def _negated_obstacle(text: str) -> bool:
    """A negation within the four words before an obstacle ("không gặp khó khăn")."""
    m = lexicon.OBSTACLE.search(text)
    return m is not None and not _NEGATORS.isdisjoint(text[: m.start()].split()[-4:])


_NEGATORS = frozenset({"chua", "khong", "ko", "chang", "k"})


def _partial(m: re.Match[str] | None) -> bool:
    """A match naming a part of the units: not a full count ("10/10 xã")."""
    if m is None:
        return False
    if re.search(r"(?<!\w)(?:deu|tat ca|toan bo)(?!\w)", m.group()):
        return False  # "12 xã đều đã gửi": all of them
    share = re.search(r"(\d+)/(\d+)", m.group())
    return share is None or int(share.group(1)) < int(share.group(2))


_THOUGHT_AHEAD = frozenset({"hedged", "partial", "future_done", "forecast"})


def _unsafe(
    status: Status,
    found: list[Vote],
    parts: list[clauses_.Clause],
    norm: str,
    *,
    late: Callable[[], bool],
    display: str = "",
) -> tuple[Status, ...]:
    """The last check before recording, for text the votes may not have read whole: a
    confident reading is kept only when no word they did not read could turn it; otherwise
    the reading and the likeliest other one are offered (``late``: a time said past the
    deadline, so "more time" is one of the readings; asked only when needed: it reads dates;
    ``display``: the reply as written, whose capitalised words are names).

    * a word the reader does not know right before the done verb ("hầu như xong"), not a name
      ("xã Vĩnh Thạnh xong kế hoạch"); the writer
      saying what they believe ("em tưởng còn phải bổ sung");
    * every vote for the reading in a cause clause ("do hệ thống … chưa xong nên …"): the
      cause's state, not the task's;
    * done, with a negated task verb anywhere ("chưa gửi", "vẫn chưa thẩm định"), or from its
      clause on a future or sequence marker ("sẽ", "rồi mới", "để em", "nộp luôn"), an
      instruction reported ("lãnh đạo bảo làm xong"), or with part of the units as the
      subject ("các xã khác đã xong", "xong khoảng 2/3"), a quantity after the verb ("xong 1
      nửa"), or a progress vote beside it;
    * not started, beside a part done ("xong đợt 1, đợt 2 tháng 9 mới làm"), when nobody
      is there to do it ("chưa có ai làm"), or put off past the deadline under a doubt ("chắc
      sang tháng mới làm được": more time?);
    * an extension request foreseen under a doubt ("chắc phải xin thêm ít hôm");
    * blocked, negated within four words ("không gặp khó khăn"), under a condition ("có gì
      vướng"), beside a request to the coordinator ("anh gửi lại giúp em"); unless it is
      waiting said outright with "chờ/đợi" ("đã trình …, đang chờ UBND tỉnh phê duyệt", "còn
      đợi 2 xã nộp báo cáo": blocked), also handed up with a future after it, said of a part
      while the rest goes on, or of counted units while others delivered;
    * in progress or not started, with a waiting word not read as waiting or a named person
      waited for ("đợi chị Hoa phòng KT gửi"); in progress with a start negated or put ahead
      and no vote saying so, a return followed by a redelivery, an issued plan followed by
      carrying it out ("kế hoạch đã được phê duyệt, bên em đang triển khai"), or a state
      after "đang" that is no step of the work, given a cause ("đang tắc vì …"), or an
      ending "… nên chưa … được" unless our own last step is its cause ("em chưa chốt nên
      chưa gửi được").
    """
    believed = ("tuong" in norm or "nghi" in norm) and _BELIEF.search(norm)
    if believed and _refuted(parts):
        believed = None  # "em tưởng còn thiếu …, nhưng rà lại thì đã đủ": found untrue
    if believed and all(
        parts[v.clause].lead == "nen" for v in found if v.status is status and v.clause < len(parts)
    ):  # "em tưởng hạn là cuối tháng nên chưa làm": the state follows the belief, said as so
        believed = None
    if believed and status is D:  # "em nghĩ là xong rồi, đã gửi bản cứng lên Sở hôm thứ 2"
        if any(c.index > 0 and _SAID_SENT.match(c.text) for c in parts):
            believed = None
    if believed and believed.group().endswith("nghi"):  # what is thought (not "em tưởng":
        # what was wrongly believed) turns only a reading resting on it: not "đang làm tiếp …,
        held = {c.index for c in parts if _BELIEF.search(c.text)}  # em nghĩ sẽ xong đúng hạn"
        if any(v.status is status and v.clause not in held for v in found):
            believed = None
    if believed and status is IP and {v.kind for v in found if v.status} <= _THOUGHT_AHEAD:
        believed = None  # "em nghĩ là cũng gần xong rồi": nearly done, thought or known;
        # "em nghĩ chắc tuần này xong": a finish foreseen is work going on either way
    if _unread_modifier(status, found, parts, display) or believed:
        return (status, _NEIGHBOUR[status])
    if status in (D, IP) and len({a or b for a, b in _ITEMS.findall(norm)}) > 1:
        voted = {v.status for v in found}
        if D in voted and IP in voted:  # "việc 1 xong rồi, việc 2 đang làm": which one is this?
            return (status, IP if status is D else D)
    if status in (D, IP) and _two_products(found, parts):
        return (status, IP if status is D else D)  # "báo cáo gửi hôm qua rồi, hôm nay đang làm
        # tiếp kế hoạch tháng 8": which one is this task?
    if (
        status in (D, IP, NS)
        and any(c.lead == "con" and _ITEMS.search(c.text) for c in parts)
        and not _names_this(parts, len(parts))  # (not "việc này xong rồi, còn 3.4 …")
    ):
        voted = {v.status for v in found}  # "Báo cáo quý II xong rồi, còn 2.3 thì chưa làm":
        if D in voted and voted & {IP, NS}:  # this task the report, or 2.3?
            return tuple(dict.fromkeys((status, D, NS if NS in voted else IP)))
    backing = [v for v in found if v.status is status]
    if (
        status is not B
        and backing
        and all(parts[v.clause].lead in ("vi", "do") for v in backing if v.clause < len(parts))
    ):
        return (status, B)  # "do hệ thống … chưa xong nên …": the cause's state, not the task's
    kinds = {v.kind for v in found}
    if status is D:
        first = min((v.clause for v in found if v.status is D), default=0)
        # what is said as so: not what a condition supposes ("có gì chưa đúng … để em bổ sung")
        supposed = any(c.condition or c.consequence for c in parts)
        said = [c.text for c in parts if not (c.condition or c.consequence)]
        # (not the other work's news after "việc này xong rồi, còn việc 2.4 thì tuần sau …")
        other = _names_this(parts, first + 1)
        rest = " ".join(
            c.text
            for c in parts[first:]
            if not (c.condition or c.consequence or (other and _of_other_work(parts, c)))
        )
        if any(_partial(p.search(norm)) for p in (_SUBSET, _PART_DONE)):
            return (D, IP)
        if (  # "tuần trước thì chưa làm, | giờ xong rồi": what was so before, then now
            0 < first < len(parts)
            and _NOW_SAID.match(parts[first].text)
            and _PAST.match(parts[0].text)
        ):
            said, supposed = [c.text for c in parts[first:]], True
        negated = _NEGATED.search(_STALE_RECORD.sub(" ", " ; ".join(said) if supposed else norm))
        ahead = _AHEAD.search(_KEPT_AT.sub(" ", _FOLLOW_UP.sub(" ", rest)))
        if negated or ahead or _TOLD.search(rest):
            return (D, IP)
        if _TO_PERSON.search(norm):
            return (D, IP)
        if any(_UNSURE_SAID.match(c.text) for c in parts if c.index > first):
            return (D, IP)  # "Hình như chị Mai gửi báo cáo rồi đó, em không chắc lắm"
        if _MUST_WE.search(norm):  # "bên xã cũ làm rồi, … không biết có phải làm lại không"
            return (D, NS)
        if _QUANTITY_AFTER.search(norm) and "evidence" not in kinds:
            return (D, IP)  # (not "rà xong 64 thủ tục, … ban hành Báo cáo số 88/BC-UBND")
        if "progress" in kinds:  # "năm 2025 đạt 100% …, đang cập nhật": whose hundred?
            return (D, IP)
    elif status is X:
        for c in parts:
            if c.index in {v.clause for v in found if v.status is X}:
                ask_at = c.text.find("xin")
                head = c.text[:ask_at]
                dated = _DATED_ASK.search(c.text, max(ask_at, 0)) or (
                    _AMOUNT.search(c.text, max(ask_at, 0))
                    and any(v.kind == "late" and v.clause != c.index for v in found)
                )  # a day named, or an amount with lateness beside: "… xin anh thêm 1 tuần, ko
                # kịp" (not "không kịp 31/7 đâu, có khi phải xin thêm")
                if (
                    ask_at > 0
                    and not dated
                    and (lexicon.DOUBT.search(head) or _FORESEEN.search(head))
                    and not any(  # (not "…, chắc em phải xin gia hạn. Anh cho em đến 20/8
                        _DATED_ASK.search(p.text)  # được không ạ?": made, with its day)
                        for p in parts
                        if p.index != c.index
                        and any(v.clause == p.index and v.status is X for v in found)
                    )
                ):  # "chắc phải xin thêm ít hôm": a request foreseen, not made (not "chắc phải
                    # xin lùi đến 10/8": a day named is a request); "…, chưa có kinh phí": or
                    # the obstacle said beside it
                    return (X, B) if any(v.status is B for v in found) else (X, IP)
    elif status is B:
        if _MUST_WE.search(norm):
            return (B, NS)  # "chưa nhận được hướng dẫn, không biết có phải làm không": ours?
        if kinds >= {"not_started", "future_start"} and not any(
            v.kind == "future_start" and (parts[v.clause].condition or parts[v.clause].consequence)
            for v in found
        ):  # "chưa có con dấu … nên chưa triển khai; dự kiến 20/7 sẽ bắt đầu": held up, or only
            return (B, NS)  # not begun yet, with its start set?
        at = {v.clause for v in found if v.status is B and v.weight >= 0.9}
        if any(_negated_obstacle(c.text) for c in parts if c.index in at):
            return (B, IP)  # "không gặp khó khăn vướng mắc gì": said to be absent?
        unsaid = {v.clause for v in found if v.status is B and v.kind != "condition"}
        if any(_IF.search(c.text) for c in parts if c.index in at & unsaid):
            return (B, IP)  # "có gì vướng …" (not "khi nào có kinh phí thì mới … được": said)
        if _ASKS_US.search(norm):
            return (B, IP)
        strong = [v for v in found if v.status is B and v.weight >= 0.9]
        handed = any(v.kind in ("done", "submitted") for v in found) or bool(_HANDED.search(norm))
        if strong and all(
            v.kind == "waiting" and _WAITS.search(parts[v.clause].text) for v in strong
        ):  # "còn đợi 2 xã nộp báo cáo": waiting said outright for another body's part
            return ()
        later = " ".join(  # (not what follows once the input comes: "khi nào có ý kiến em sẽ
            c.text  # hoàn thiện và ban hành luôn": still held till then)
            for c in parts
            if c.index > max(at, default=0) and not (c.condition or c.consequence)
        )
        if handed and _AHEAD.search(_FOLLOW_UP.sub(" ", later)):
            return (B, IP)  # "… trả lại, bên em đang bổ sung và sẽ gửi lại": being mended
        rest_of_it = [  # (not "em đã có công văn đôn đốc": the wait chased, no work of ours)
            v
            for v in found
            if v.status is IP
            and v.kind in ("hedged", "progress", "started")
            and not _CHASED.search(parts[v.clause].text)
        ]
        if rest_of_it and any(
            (
                parts[v.clause].lead == "con"
                and not (v.clause and parts[v.clause - 1].text in _BECAUSE)
            )
            or " rieng " in f" {parts[v.clause].text} "
            for v in strong
        ):  # "làm gần xong, riêng lĩnh vực đất đai đang chờ Sở …": a part stuck, or the task?
            return (B, IP)  # (not "chưa ban hành được vì | còn chờ Sở Tài chính …": the cause)
        if any(v.status is D and v.kind != "own_part" for v in found) and any(
            _UNITS.search(c.text) for c in parts if c.index in at
        ):  # "có 3 xã chưa gửi, 9 xã đã gửi": the rest of the units late, or the task stuck?
            return (B, IP)
    elif status is NS and (kinds & _SOMETHING_DONE or _PART_XONG.search(norm)):
        return (
            (IP, X) if late() else (NS, IP)
        )  # "xong đợt 1, đợt 2 tháng 9 mới làm": a part done, the rest ahead
    elif (
        status is NS
        and any(
            v.kind == "future_start"
            and (
                lexicon.DOUBT.search(parts[v.clause].text)
                or any(lexicon.DOUBT.match(c.text) and len(c.text.split()) <= 4 for c in parts)
                or any(  # "có lẽ phải qua tháng 8, | đợi … rồi mới làm được": said before it
                    lexicon.DOUBT.search(c.text) and len(c.text.split()) <= 7
                    for c in parts[: v.clause]
                )
            )  # (or "sau đợt lũ này em mới làm được, | chắc tháng 8": the doubt on its own)
            for v in found
            if v.clause < len(parts)
        )
        and (late() or _AFTER_EVENT.search(norm))
    ):  # "chắc sang tháng mới làm được": a start past the deadline, foreseen; "chắc phải sau
        return (NS, X)  # đợt kiểm tra mới làm được": after an event of no date, maybe past it
    elif status is NS and _NOBODY.search(norm):
        return (NS, B)  # "chưa có ai làm": not begun, or no one to do it?
    if status is IP and "own_part" in kinds and _UNKNOWN_REST.search(norm):
        return (IP, D)  # "phần của em xong rồi, còn phần phòng TCCB thì em không rõ": all?
    if status is IP and _OFFICIAL_ASKED.search(norm) and "partial" in kinds:
        return (IP, D)  # "đã gửi bản nháp, không biết chị có cần bản chính thức không"
    if status in (IP, NS):
        if _waits_on_someone(norm) and not kinds & _WAIT_KINDS and not _WAIT_THEN.search(norm):
            return (status, B)
        waits = [c for c in parts if c.index in {v.clause for v in found if v.kind == "own_wait"}]
        if not _SAID_OURS.search(norm) and any(  # (not "…, chị là trưởng phòng bên em")
            (lexicon.OF_BODY.search(c.text) or _WAIT_BODY.search(c.text))
            and not _OUR_LEADER_SIGNS.search(c.text)  # "chờ chị Hạnh VP trình lãnh đạo ký"
            for c in waits
        ):
            if status is IP and "done" in kinds and any(_REVIEW.search(c.text) for c in waits):
                return (IP, D)  # "làm xong rồi, đang chờ chị Lan xem lại": done, but checked?
            return (status, B)  # "chờ chị Lan bên phòng TC huyện": our leader, or theirs?
        returned = [v.clause for v in found if v.kind == "returned"]
        if (
            status is IP
            and returned
            and any(v.kind == "done" and v.clause > min(returned) for v in found)
        ):  # "bị trả về vì thiếu bản scan, em đã bổ sung và nộp lại rồi": redelivered?
            return (IP, D)
        issued = [
            v.clause
            for v in found
            if v.kind == "done"
            and _ISSUING.search(parts[v.clause].text)
            and not _partial(_SHARE.search(parts[v.clause].text))
        ]
        if (
            status is IP
            and issued
            and any(v.kind == "progress" and v.clause > min(issued) for v in found)
        ):  # "kế hoạch đã được phê duyệt, bên em đang triển khai": the plan, or carrying it out?
            return (IP, D)
        if status is IP and any(
            (
                _UNABLE.search(c.text)
                or (  # "… nên tổng hợp chung | thì chưa được"
                    c.index + 1 < len(parts) and _NOT_YET_ABLE.match(parts[c.index + 1].text)
                )
            )
            and not (c.index and _OWN_NOT_YET.search(parts[c.index - 1].text))
            and not ("own_wait" in kinds and _NOT_SIGNED_YET.search(c.text))  # "sếp đi họp tỉnh
            # nên chưa ký được": our own leader's signature, the last step
            for c in parts
            if c.lead == "nen"
        ):
            return (IP, B)  # "… nên chưa tổ chức được": the reply ends saying it cannot be done
        if status is IP and "progress" in kinds and _BARE_DANG.search(norm):
            m = _BARE_DANG.search(norm)
            if m and m.group(1) not in _STEP_WORDS:
                return (IP, B)  # "đang tắc vì …": what is under way was not read
        if (
            status is IP
            and _JUST_TAKEN.search(norm)
            and any(v.status is IP for v in found)  # (not "được 20% ạ. Em mới nhận bàn giao")
            and all(_LOOKING.search(parts[v.clause].text) for v in found if v.status is IP)
        ):
            return (IP, NS)  # "mới nhận bàn giao từ xã cũ, đang xem lại": begun, or studying?
        if (
            status is IP
            and _START_NOT_YET.search(norm)
            and not kinds & {"not_started", "future_start", "superseded", "part_left", "slow"}
        ):  # (not "mới 20%, nay họp cả ngày ko làm được gì": a day lost, read as slowing)
            return (IP, NS)
    return ()


_NOT_SIGNED_YET = re.compile(r"(?<!\w)(?:chua|khong) (?:\w+ )?(?:ky|duyet)(?: \w+)? duoc(?!\w)")
_SAID_OURS = lexicon.gated(  # the one waited for said to be ours: "chị là trưởng phòng bên em",
    r"(?<!\w)la (?:truong phong|pho phong|giam doc|pho giam doc|chu tich|pho chu tich|lanh dao"
    r"|sep)(?: \w+){0,2} (?:ben em|cua em|phong em|so em|xa em|ben minh|don vi em)(?!\w)"
    # or named by our own leader's title: "chị Giám đốc đang đi công tác, … đang chờ chị về ký"
    r"|(?<!\w)(?:anh|chi) (?:giam doc|chu tich|truong phong|pho giam doc|pho chu tich)"
    r"(?! (?:so|ubnd|tinh|bo|huyen)(?!\w))(?!\w)"
)
# "bên em nộp trước ngày 5/8 là được đúng không chị?": an understanding checked, no request
_CONFIRMING = re.compile(r"(?<!\w)(?:la duoc|thi duoc|la) (?:dung|phai) khong(?!\w)")
_NOW_SAID = re.compile(r"^(?:(?:ma|nhung|con) )?(?:gio|bay gio|hien gio|den nay|nay|hom nay)(?!\w)")
_SEND_WORD = re.compile(r"(?<!\w)(?:gui|nop|chuyen)(?!\w)")
_KNOWN = _known_words()
_STEP_WORDS = frozenset(  # the words of the steps of the work: what "đang …" is said of
    w
    for t in (lexicon.PROGRESS, lexicon.START_VERB, lexicon.PLANNING)
    for w in re.findall(r"[a-z]+", t.regex.pattern)
)


_JUST_TAKEN = lexicon.gated(
    r"(?<!\w)(?:moi|vua|vua moi) (?:nhan|tiep nhan) (?:ban giao|viec|nhiem vu|ho so)(?!\w)"
)
_LOOKING = re.compile(r"(?<!\w)dang (?:xem|xem lai|nghien cuu|tim hieu|doc)(?: \w+){0,2}$")
_STILL_TRYING = re.compile(r"(?<!\w)(?:van dang|van|dang) (?:co|co gang|lam|day nhanh)(?!\w)")
# sent out (not "đã trình lại anh Chủ tịch": handed to our leader)
_SAID_SENT = re.compile(r"(?:\w+ ){0,2}da (?:gui|nop|ban hanh|phat hanh)(?!\w)")
_VAGUE_WHEN = re.compile(r"(?<!\w)(?:sau tet|ram|am lich)(?!\w)")
_AMOUNT = re.compile(
    r"(?<!\w)them (?:(?:\d+|mot|hai|ba|nua|muoi|chuc) (?:ngay|tuan|hom|bua|thang)|thoi gian|tg)"
)
_DATED_ASK = re.compile(  # "… đến 20/8", "xin lùi tới cuối tháng 8": a day named
    r"(?<!\w)(?:den|toi|sang|het|qua) (?:ngay )?"
    r"(?:\d{1,2}/\d{1,2}(?!\d)|(?:cuoi |giua |dau )?thang \d)"
)
_FORESEEN = re.compile(  # "e là phải xin …" ("e" folds to "em"): a request foreseen
    r"(?<!\w)(?:co khi|co the phai|(?:e|em) la phai|kha nang|so phai|chac phai)(?!\w)"
)
_WAITS = re.compile(r"(?<!\w)(?:cho|doi) (?!ky|duyet)")  # the verb itself, not "cho_" (for)
_INPUT = re.compile(  # what another body owes the work: its decision, its opinion, its data
    r"(?<!\w)(?:cho|doi)(?: \w+){0,5}? (?:tham dinh|phe duyet|duyet|y kien|gop y|cap|so lieu"
    r"|ket qua|bao cao|gui|nop|xac minh|xac nhan|thong qua|huong dan|ky ket|giai ngan|bo tri"
    r"|thong bao thue|xac dinh|doi soat|so hoa)(?!\w)"  # "đang chờ thông báo thuế"
)
_REQUEST_SENT = re.compile(  # what was sent asks for something: a draft, a request, a submission
    r"(?<!\w)(?:xin y kien|lay y kien|du thao|de nghi|to trinh|ttr|trinh|cong van xin|xin"
    r"|yeu cau|phieu ho tro|de (?:kich hoat|cap|cau hinh|mo|xu ly|duyet|tham dinh))(?!\w)"
)  # ("gửi yêu cầu cấu hình cho Viettel", "gửi danh sách … để kích hoạt VNeID")


def _input_awaited(found: list[Vote], parts: list[clauses_.Clause]) -> bool:
    """After our own sending, another body is waited for: its decision, opinion or data that
    the work needs ("đang chờ Sở thẩm định", "đợi các xã gửi số liệu"), or the answer to what
    we sent as a request or a draft ("đã gửi công văn xin ý kiến, đang đợi Sở trả lời"): the
    work cannot move, so blocked (shared/reference/status-language.md: waiting for another
    agency's input). Only a reaction to the product itself ("đã gửi báo cáo, đang chờ Sở phản
    hồi") leaves it open whether the task was the sending (done)."""
    waited = {v.clause for v in found if v.kind == "waiting"}
    sent = {v.clause for v in found if v.status is D or v.kind in ("submitted", "step", "partial")}
    return any(
        (_INPUT.search(parts[i].text) or _APPRAISAL_OWED.search(parts[i].text))
        and not statuses_.ANY_REMARKS.search(parts[i].text)
        for i in waited
        if i < len(parts)
    ) or any(_REQUEST_SENT.search(parts[i].text) for i in sent if i < len(parts))


# the receiver's appraisal not done: "nhưng Sở Tư pháp chưa thẩm định xong" (a decision due)
_APPRAISAL_OWED = re.compile(r"(?<!\w)chua (?:tham dinh|phe duyet|duyet|xem xet)(?!\w)")


def _receipt_acknowledged(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Đã nhận, em chuyển lãnh đạo phòng xử lý", "Đã nhận được nhắc nhở lần 3, bên em xin
    tiếp thu": the reminder acknowledged, what is done with it promised in a bare verb; no
    report of the work."""
    if not parts or not _RECEIPT.match(parts[0].text):
        return found
    said = [v for v in found if v.status is not None]
    if not said or not all(v.kind == "step" for v in said):
        return found
    return [v for v in found if v.status is None]


def _put_first_elsewhere(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Chưa làm gì ạ, đang tập trung báo cáo 6 tháng", "Sở chưa thực hiện nội dung số hoá,
    đang ưu tiên hoàn thành báo cáo sơ kết": not begun, the writer's effort put on other work
    first; what that other work has come to is not this task's state."""
    unbegun = {v.clause for v in found if v.status is NS and v.kind == "not_started"}
    if not unbegun:
        return found
    first = {
        c.index
        for c in parts
        if c.index not in unbegun and _PUT_FIRST_ON.search(c.text) and not _THIS_IN.search(c.text)
    }
    if not first:
        return found
    return [v for v in found if not (v.status in (IP, D) and v.clause in first)]


_PUT_FIRST_ON = lexicon.gated(r"(?<!\w)(?:tap trung|uu tien|don (?:het )?suc)(?!\w)")
_RECEIPT = re.compile(  # the reminder itself received
    r"(?:(?:da|vang|em|ben em|e) )*(?:da )?nhan(?: duoc)?(?: (?:van ban|cong van|tin nhan|tin"
    r"|nhac nho|thong bao|noi dung|y kien)(?: \w+){0,3})?(?: (?:roi|a|ah|anh|chi|nhe|nha))*$"
)


def _only_asking(parts: list[clauses_.Clause], found: list[Vote]) -> bool:
    """A reply that asks something and says nothing of the work but weakly (a bare step verb
    that names the thing asked about)."""
    if not any(c.question for c in parts) or any(v.kind == "status_question" for v in found):
        return False
    if any(v.kind == "late" for v in found):
        return False  # "không biết có kịp không": a doubt on the deadline, more time or not?
    reported = {v.clause for v in found if v.kind in ("own_part", "did")}  # "làm rồi mà …?"
    if any(not parts[i].question for i in reported if i < len(parts)):
        return False  # "Phần của em xong rồi, không biết các bộ phận khác thế nào": a report too
    return all(v.weight < THRESHOLD for v in found if v.status is not None)


_LEFT_WITHOUT = re.compile(r"^con (?:\d+|vai|mot so|it) \w+(?: \w+)? chua co (\w+)")
_ONLY_LACKING = re.compile(r"^(?:(?:chi|con|chi con|moi) )?thieu(?!\w)")
_SHARE_DONE = lexicon.gated(r"(?<![\w,.])(?:[1-9]\d?|0)(?:[,.]\d)? ?%")  # a share short of all
_LACKING = re.compile(r"(?<!\w)thieu (?:mot |it |chut |mot (?:it|so|chut|vai) )?(\w+)")
_SMALL_FAULT = re.compile(r"(?<!\w)(?:(?:vai|mot vai|mot so|it|chut|mot chut) loi|loi nho)(?!\w)")
_RESOURCES = frozenset(  # what the work needs from outside: lacking one is an obstacle
    "kinh phi tien von nguoi nhan luc nhan su can bo huong dan may thiet bi xe phuong tien"
    " chu ky tai khoan thoi gian".split()
)


_SUPPLYING = re.compile(
    r"(?<!\w)dang (?:(?:ky|lam|nhap|scan|ra) )?(?:bo sung|hoan thien|hoan chinh|chinh sua|sua"
    r"|cap nhat)(?!\w)"  # "em đang ký bổ sung"
)
_SHORT_OF = lexicon.gated(  # "số liệu chưa đủ": what the work needs, not there yet
    r"(?<!\w)(?:so lieu|kinh phi|nguoi|can bo|ho so|tai lieu|thong tin|von)(?: \w+){0,2}"
    r" (?:van )?(?:chua|khong) (?:du|co du)(?!\w)"
)
_URGED = re.compile(
    r"(?<!\w)don doc(?: \w+){0,3},? (?:ma|nhung)(?: \w+){0,3}? (?:van )?(?:chua|khong)(?!\w)"
)
_RESULT_ONLY = re.compile(r"^(?:da )?(?:da )?co ket qua(?: roi)?(?: (?:a|ah|anh|chi|nhe|nha))*$")
_MEETING = lexicon.gated(r"(?<!\w)(?:cho|doi) (?:hop|cuoc hop|hoi nghi)(?! xong)(?!\w)")
_RESULT_LATER = lexicon.gated(r"(?<!\w)(?:thang|tuan|quy|nam|sau|cuoi|dau) (?:\w+ )?moi co ket qua")


def _vague_states(found: list[Vote], parts: list[clauses_.Clause], norm: str) -> list[Vote]:
    """States said too vaguely to record, made weak so that they are asked about:
    what the work needs is short ("đang làm mà số liệu chưa đủ": stuck, or going on?);
    units urged without result ("đã đôn đốc 2 lần mà chưa gửi"); "đã có kết quả rồi" alone
    (done, or a step's result?); a meeting waited for, whose not said ("chờ họp thống nhất");
    results only later ("tháng 8 mới có kết quả": under way, or not begun?)."""
    out = list(found)
    last = len(parts) - 1
    returned = any(v.kind == "returned" for v in found)  # "hồ sơ chưa đủ nên bị trả lại"
    for i, c in enumerate(parts):  # the substrings every match holds: quick pre-checks
        short = " du" in c.text and not returned and _SHORT_OF.search(c.text)
        if short or ("don doc" in c.text and _URGED.search(c.text)):
            out.append(Vote(B, 0.5, i, "eased"))
    if "don doc" in norm and _URGED.search(norm) and not any(_URGED.search(c.text) for c in parts):
        out.append(Vote(B, 0.5, last, "eased"))  # the clauses split at "mà"
    if "qua" in norm and _RESULT_ONLY.match(" ".join(c.text for c in parts)):
        out = [v for v in out if v.status is not D] + [Vote(D, 0.5, 0, "doubt")]
    if not any(v.status is not None for v in out):
        if _MEETING.search(norm):
            out.append(Vote(B, 0.5, 0, "waiting_vague"))
        elif _RESULT_LATER.search(norm):
            out += [Vote(IP, 0.5, 0, "planned"), Vote(NS, 0.5, 0, "planned")]
    if _ROUTED.search(norm) and all(v.kind == "step" for v in out if v.status is not None):
        out = [v for v in out if v.status is None]  # "đã chuyển Phòng Tổ chức - Hành chính xử
        out += [Vote(IP, 0.5, 0, "planned"), Vote(NS, 0.5, 0, "planned")]  # lý": handed to a
        # phòng of ours; begun there, or not yet?
    return out


_ROUTED = lexicon.gated(
    r"(?<!\w)da (?:giao|chuyen) (?:cho_? )?(?:phong|bo phan|to|chuyen vien|can bo)(?: \S+){0,6}"
    r" (?:xu ly|thuc hien|chu tri|lam|tham muu|soan thao)(?!\w)"
)


def _overcome(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Có khó khăn nhưng đã khắc phục, đang làm tiếp": an obstacle said overcome in the
    clause after it is no longer in the way; so is a part lacking that is being supplied
    ("minh chứng còn thiếu 2 mục, em đang bổ sung"), not a resource ("thiếu kinh phí")."""
    out = []
    sent_back = [v.clause for v in found if v.kind == "returned"]
    if sent_back:  # "đã gửi STP thẩm định, mà STP trả hồ sơ vì thiếu …": back with us, no wait
        found = [
            v
            for v in found
            if not (v.status is B and v.kind == "waiting" and v.clause < min(sent_back))
        ]
    held, came = _inputs_arrived(parts)
    if held:  # (and the input's own sending is not our product: "Sở vừa gửi hướng dẫn")
        found = [
            v
            for v in found
            if not ((v.status is B and v.clause in held) or (v.status is D and v.clause in came))
        ]
    mended: set[int] = set()  # "phần mềm lỗi nửa ngày | nhưng đã sửa xong": the fault's mend
    supplied: set[int] = set()  # "thiếu 15 hồ sơ chưa ký số, | em đang ký bổ sung"
    through: set[int] = set()  # "hệ thống lỗi không gửi được, | em gửi qua email rồi"
    for v in found:
        if (
            v.status is B
            and v.kind in ("obstacle", "eased", "waiting")
            and v.clause + 1 < len(parts)
        ):  # ("waiting": "… thiếu 15 hồ sơ chưa ký số", its obstacle read as what is left)
            after = parts[v.clause + 1].text
            lacking = _LACKING.search(parts[v.clause].text)
            if lacking and lacking[1] not in _RESOURCES and _SUPPLYING.search(after):
                supplied.add(v.clause)
                continue
            if v.kind == "waiting":
                if _WORKAROUND.search(after):
                    continue  # "công an xã vẫn chưa gửi số liệu, nhưng em dùng số liệu tháng
                out.append(v)  # trước làm trước": worked round, no stop
                continue
            if _MANAGED.match(after) and any(
                w.status is IP and w.weight >= 0.9 and w.clause not in (v.clause, v.clause + 1)
                for w in found
            ):  # "đang làm tiếp phần chứng thực. Phần mềm hơi chậm nhưng vẫn làm được": no stop
                continue  # (alone, "hơi vướng nhưng vẫn làm được" asks: is it in the way?)
            later = " ; ".join(c.text for c in parts[v.clause + 1 : v.clause + 4])
            if _GOT_THROUGH.search(later):
                through.add(v.clause)  # what it held up was done after all
            if _WORKAROUND.search(after) or _GOT_THROUGH.search(later):
                continue  # "mưa lũ làm hỏng máy tính, em đã mượn máy của trường làm tiếp";
                # "mạng yếu, gửi ba lần không được. Hôm nay … nhờ mạng gửi được rồi"
            if _WE_MEND.match(after) and "loi" in parts[v.clause].text.split():
                continue  # "VNPT báo còn 37 hồ sơ lỗi, | bên em đang sửa": ours to mend, going on
            done = lexicon.RESOLVED.search(after)
            if done and not lexicon.NEGATORS & set(after[: done.start()].split()[-2:]):
                if _MENDED_ONLY.fullmatch(after):
                    mended.add(v.clause + 1)
                continue
        out.append(v)
    return [
        v
        for v in out
        if not (v.status is D and v.clause in mended)
        and not (v.status is B and v.kind == "waiting" and v.clause in supplied)
        and not (v.kind == "undelivered" and v.clause in through)
    ]


def _inputs_arrived(parts: list[clauses_.Clause]) -> tuple[set[int], set[int]]:
    """The clauses of a wait or a lack whose input is then said to have come, with the clause
    it kept from the work ("chưa làm được | vì chờ hướng dẫn, | à nhưng Sở vừa gửi hướng dẫn
    sáng nay"); and the clauses saying it came."""
    held: set[int] = set()
    came: set[int] = set()
    for c in parts:
        awaited = _INPUT_LACKED.search(c.text)
        if not awaited:
            continue
        said = {
            b.index
            for b in parts[c.index + 1 : c.index + 4]
            if _INPUT_CAME.search(b.text) and awaited[1] in b.text
        }
        if said:
            held |= {c.index, c.index - 1} if c.lead in ("vi", "do") else {c.index}
            came |= said
    for c in parts[1:]:  # "trễ do phải chờ Sở Tài chính thẩm định dự toán, hôm 13/7 mới có ý
        if _ANSWER_CAME.search(c.text):  # kiến": the answer waited for has come
            waited = {b.index for b in parts[: c.index] if _WAITED_ON.search(b.text)}
            held |= waited
    return held, came


_ANSWER_CAME = lexicon.gated(
    r"(?<!\w)(?:moi|da|vua) (?:co|nhan duoc|nhan) (?:y kien|ket qua|phan hoi|huong dan)"
    r"(?!\w)"
)
_WAITED_ON = re.compile(
    r"(?<!\w)(?:cho|doi)(?: \w+){1,5} (?:tham dinh|y kien|phe duyet|duyet)(?!\w)"
)
_INPUT_LACKED = lexicon.gated(  # what a wait or a lack was for
    r"(?<!\w)(?:cho|doi|thieu|chua co|chua nhan duoc) (?:\w+ )?"
    r"(huong dan|so lieu|kinh phi|van ban|tai khoan|danh sach|mau|chu ky so|quyet dinh)(?!\w)"
)
_INPUT_CAME = re.compile(
    r"(?<!\w)(?:vua|da|moi|vua moi) (?:\w+ )?"
    r"(?:gui|co|cap|nhan duoc|nhan|ban hanh|phat hanh|chuyen)(?!\w)"
)
_WE_MEND = re.compile(
    r"^(?:(?:nhung|ma|gio) )?(?:ben em|em|minh|tui|toi|chung em|bon em|tui em|phong em)"
    r"(?: (?:cung|van))? (?:dang|da) (?:sua|khac phuc|xu ly|chinh|lam lai|scan lai|bo sung)(?!\w)"
)
_MENDED_ONLY = re.compile(  # a clause saying no more than the fault's mend
    r"(?:(?:nhung|ma|gio|nay) )*(?:(?:em|ben em|ky thuat|vnpt|viettel|ho|ben do) )?(?:da |duoc )*"
    r"(?:sua|khac phuc|fix|xu ly) (?:xong|roi|duoc)(?: (?:roi|a|r))*"
)


_MANAGED = re.compile(  # the work goes on despite it: "… nhưng vẫn làm được", "không ảnh hưởng"
    r"(?:(?:nhung|ma) )?(?:(?:em|ben em|minh|xa|phong) )?(?:van (?:lam duoc|on|dam bao|kip"
    r"|xu ly duoc|chay duoc)|khong anh huong)(?!\w)"
)
_WORKAROUND = lexicon.gated(  # a way round it found, the work going on
    r"(?<!\w)(?:muon|thue|nho|xin) (?:tam )?(?:may|may tinh|laptop|xe|phong|mang|wifi|dien thoai)"
    r"(?: \w+){0,4} (?:de )?(?:lam|nhap|scan|gui)(?!\w)|(?<!\w)(?:van|da|dang) lam tiep(?!\w)"
    r"|(?<!\w)dang lam lai(?!\w)"  # "máy hỏng mất file, đang làm lại từ đầu": at it again
    r"|(?<!\w)dung (?:so lieu|ban|mau) (?:thang|nam|ky|quy) truoc(?!\w)"
    r"|(?<!\w)(?:go|lam|soan) (?:tren |bang )?(?:word|excel|ban giay|giay|tay)(?!\w)"  # "phần
    # mềm cứ treo hoài nhưng em gõ word rồi tính sau": worked round by hand
    r"|(?<!\w)(?:dang|da) (?:muon|thue) (?:tam|tam thoi|do)(?!\w)"  # "đơn vị đang mượn tạm của
)  # xã bên": what is lacking, borrowed meanwhile
_GOT_THROUGH = lexicon.gated(  # what the obstacle held up done after all
    r"(?<!\w)(?:muon|thue|nho|xin) (?:tam )?(?:may|may tinh|laptop|mang|wifi|dien thoai)"
    r"(?: \w+){0,4} (?:de )?(?:gui|nop|up|lam) (?:len |di )?duoc roi(?!\w)"
    # "hệ thống lỗi không gửi được, em gửi qua email cho anh rồi": sent another way
    r"|(?<!\w)(?:da )?gui (?:tam )?(?:qua|bang) (?:email|mail|gmail|zalo|thu dien tu|buu dien)"
    r"(?: \w+){0,3} roi(?!\w)"
)
_PAST = lexicon.gated(  # a state said of before: "lúc trước", "trước đây" (not "trước 25/7")
    r"^(?:(?:nhung|con|ma) )?(?:luc truoc|truoc day|truoc do|hoi truoc|hom truoc|thoi gian truoc"
    r"|ban dau|luc dau|tuan truoc|thang truoc|hom qua|hom kia|tuan roi|dot truoc|lan truoc"
    r"|truoc(?! (?:\d|ngay|han|khi|tet|thoi han|mat|do|het|tien|tuan|thang|quy|nam)))(?!\w)"
)
_PAST_IN = lexicon.gated(r"(?<!\w)hoi (?:thang \d{1,2}|truoc|dau nam|dau thang)(?!\w)")
_BEGIN_NOW = re.compile(r"(?<!\w)(?:moi|vua) (?:bat tay vao|bat dau|bat tay)(?!\w)")
_NOW = re.compile(  # the state now, opening a later clause: "nhưng giờ …", "hiện tại …"
    r"^(?:(?:nhung|con|ma|thi) )?(?:gio|bay gio|hien gio|hien tai|hien nay|hien(?! thi)|nay"
    r"|hom nay|sang nay|chieu nay|trua nay)(?!\w)"
)
# the bot's reminders complained of: "mấy bữa nay bot vẫn nhắc là sao"
_NUDGED = re.compile(
    r"(?<!\w)(?:bot|he thong|may|tin nhan|app|ung dung)(?: \w+){0,2} (?:van|con|cu|lai) nhac"
    r"(?!\w)|(?<!\w)nhac (?:hoai|mai|hoai vay|lam gi|chi nua|nua vay)(?!\w)"
)
_SAID_TODAY = re.compile(r"(?<!\w)(?:sang nay|chieu nay|trua nay|hom nay|vua xong)(?!\w)")
# "Trạm định xin gia hạn nhưng cố làm xong rồi": a request meant, then not needed
_MEANT = lexicon.gated(r"(?<!\w)(?:dinh|tinh|suyt|dinh la|tinh la) (?:xin|bao)(?!\w)")


_MISTAKEN = lexicon.gated(r"(?<!\w)(?:bao|ghi|nhan|gui|tra loi) nham(?!\w)")
_SAID_WRONGLY = lexicon.gated(r"(?<!\w)(?:bao|ghi|nhan|tra loi) nham(?: \w+){0,2} la(?!\w)")
# a slip caught as it is typed: "Em đang làm... à không, em nhầm, …", "Chưa xong... à đã xong
# rồi": what follows corrects what came before
_OOPS = re.compile(
    r"^(?:a_q (?:khong|nham|quen|lon|chet|da|dau)|(?:em|e|minh) (?:nham|lon)(?: a| nhe| nha)?$"
    r"|a nham(?: (?:roi|a|anh|chi))?$)"  # unaccented "à nhầm"
)
_IN_FACT = lexicon.gated(
    r"^(?:(?:nhung|ma|con) )?(?:thuc ra|that ra|thuc te la|chinh xac la)(?!\w)"
)


_ITEM_MARK = re.compile(r"(?<![\w/(])\(?([1-9])\)\s*")  # "(1) ", "2) "
_POINTER = re.compile(  # "nhiệm vụ hệ thống nhắc hôm nay là việc số (2)"
    r"(?<!\w)(?:nhac|hoi)(?: \w+){0,4} (?:la|thuoc) (?:viec|muc|y|nhiem vu|noi dung)(?: so)?"
    r" \(?([1-9])\)?(?!\w)"
)


def _pointed_item(display: str) -> str | None:
    """ "(1) niêm yết … đã xong; (2) cập nhật … đã xong; (3) rà soát thì đang làm. Nhiệm vụ hệ
    thống nhắc hôm nay là việc số (2)": a numbered list, and the item the nudge is about (its
    text, read alone), or None."""
    if "(" not in display and ")" not in display:
        return None
    folded = fold(display)
    if len(folded) != len(display) or not (pointer := _POINTER.search(folded)):
        return None
    marks = list(_ITEM_MARK.finditer(folded, 0, pointer.start()))
    numbers = [m[1] for m in marks]
    if len(marks) < 2 or numbers != sorted(numbers) or pointer[1] not in numbers:
        return None
    at = numbers.index(pointer[1])
    end = marks[at + 1].start() if at + 1 < len(marks) else pointer.start()
    sentence = folded.rfind(".", marks[at].end(), end)  # "…; (3) … đang làm. Nhiệm vụ …"
    if at + 1 == len(marks) and sentence >= 0:
        end = sentence
    item = display[marks[at].end() : end].strip(" ;,.")
    return item or None


_SLIP_MARK = re.compile(r"(?<!\w)(?:a|em|e) nham(?!\w)|(?<!\w)a khong(?: phai)?,")


def _after_slip(refs: tuple[DocumentRef, ...], display: str) -> tuple[DocumentRef, ...]:
    """ "Kế hoạch số 41/KH-UBND... à em nhầm, số 44/KH-UBND mới đúng": the number written
    before the slip is taken back when another follows it."""
    if len(refs) < 2:
        return refs
    folded = fold(display)
    slip = _SLIP_MARK.search(folded)
    if slip is None:
        return refs
    after = tuple(r for r in refs if folded.find(fold(r.number), slip.end()) >= 0)
    return after if after and len(after) < len(refs) else refs


_ASKED_BODIES = re.compile(  # "đã xin ý kiến các sở", "đã gửi Sở Tư pháp thẩm định"
    r"(?<!\w)(?:da )?(?:xin y kien|lay y kien|gui|trinh|nop)(?: \w+){0,3}"
    r" (?:cac |ben )?(?:so|ban nganh|nganh|phong|xa|ubnd|tinh|bo|cuc|vnpt|viettel)(?!\w)(?! \d)"
)  # (not "gửi CV số 215/…": a number)


def _waiting_on_those_asked(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Đã xin ý kiến các sở, | đang đợi": a wait for no one named, just after asking other
    bodies, is for their answer: blocked."""
    out = []
    for v in found:
        if (
            v.kind == "waiting_vague"
            and 0 < v.clause < len(parts)
            and _ASKED_BODIES.search(parts[v.clause - 1].text)
        ):
            v = Vote(B, 0.95, v.clause, "waiting")
        out.append(v)
    return out


def _other_works_owner(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Đã xong rồi ạ, …; còn việc tổng hợp toàn tỉnh là việc của Sở, không liên quan bên
    em": after a done, a "còn …" hands other work to its owner; no dispute of this task."""
    disputes = [v for v in found if v.kind == "dispute"]
    if not disputes:
        return found
    done = [v.clause for v in found if v.status is D and v.weight >= 0.9]
    other = [c.index for c in parts if c.lead == "con" and done and c.index > min(done)]
    if not other or any(v.clause < min(other) for v in disputes):
        return found
    return [v for v in found if v.kind != "dispute" and not (v.status and v.clause >= min(other))]


_REFUTED = re.compile(  # what was found on a second look: "nhưng rà lại thì đã có đủ"
    r"^(?:nhung|ma)(?: \w+){0,3} (?:lai|hoa ra|thi ra)(?!\w)|^(?:nhung|ma) (?:hoa ra|thi ra)(?!\w)"
)


def _belief_refuted(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Lúc đầu em tưởng còn thiếu phần kinh phí nhưng rà lại thì đã có đủ": what the writer
    believed, then found untrue, says nothing of the work."""
    if (span := _refuted(parts)) is None:
        return found
    return [v for v in found if not (span[0] <= v.clause < span[1] and v.status)]


def _refuted(parts: list[clauses_.Clause]) -> tuple[int, int] | None:
    """The clauses of a belief taken back ("em tưởng …", up to "nhưng rà lại …"), or None."""
    for c in parts:
        if "tuong" not in c.text.split() or not _BELIEF.search(c.text):
            continue
        end = next((p.index for p in parts[c.index + 1 :] if _REFUTED.match(p.text)), None)
        if end is not None:
            return c.index, end
    return None


def _slips(parts: list[clauses_.Clause]) -> list[int]:
    """The clauses that catch a slip ("à em nhầm", "thực ra …"), after the first one."""
    return [c.index for c in parts if c.index and (_IN_FACT.match(c.text) or _OOPS.match(c.text))]


def _after_slips(parts: list[clauses_.Clause]) -> str:
    """The reply after its last slip caught ("chưa gửi, à nhầm, gửi rồi hôm qua": "gửi rồi hôm
    qua"), or "" when it catches none."""
    fixed = _slips(parts)
    if not fixed or fixed[-1] + 1 >= len(parts):
        return ""
    return " , ".join(c.text for c in parts[fixed[-1] + 1 :])


def _corrected(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Hôm trước em báo nhầm là đang làm, thực ra … gửi Sở Nội vụ từ hôm thứ 2 rồi": what a
    reply says was reported by mistake, or says before "thực ra", is corrected by what follows."""
    fixed = _slips(parts)
    wrong = {c.index for c in parts if _MISTAKEN.search(c.text)}
    if fixed:
        wrong |= set(range(max(fixed)))
    if not wrong or not any(v.status and v.clause not in wrong for v in found):
        return found
    said_wrong = {c.index for c in parts if _SAID_WRONGLY.search(c.text)}  # "em nhắn nhầm là
    # xong": the message was the mistake, no work sent to the wrong unit (no dispute)
    return [
        v
        for v in found
        if v.clause not in wrong or (v.status is None and v.clause not in said_wrong)
    ]


def _last_years(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Kế hoạch năm ngoái thì hoàn thành rồi, năm nay bên em chưa làm": last year's done is
    another year's task; what is said of this year is the state."""
    this_year = [c.index for c in parts if _THIS_YEAR.search(c.text)]
    if not this_year or not any(v.clause >= this_year[0] and v.status for v in found):
        return found
    before = [c.index for c in parts if c.index < this_year[0] and _LAST_YEAR.search(c.text)]
    if not before:
        return found
    first = before[0]
    return [v for v in found if not (v.status is D and first <= v.clause < this_year[0])]


_THIS_YEAR = lexicon.gated(r"(?<!\w)nam nay(?!\w)")


def _superseded(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Lúc trước báo chưa làm, giờ thì đang làm rồi", "Trước đây vướng kinh phí, hiện tại đã
    được cấp": a state said of before, and then of now, is no longer the state."""
    if len(parts) < 2:
        return found  # (one clause: no state before and another now; ``meant`` is empty)
    meant = {
        c.index
        for c in parts[:-1]
        if _MEANT.search(c.text)
        and parts[c.index + 1].lead in ("nhung", "ma")
        and any(v.status is D and v.kind == "done" and v.clause > c.index for v in found)
    }
    if meant:
        found = [v for v in found if not (v.clause in meant and v.status is X)]
    if len(parts) < 2 or not any(
        _PAST.match(c.text) or _PAST_IN.search(c.text) for c in parts[:-1]
    ):
        return found
    voted = {v.clause for v in found if v.status is not None}
    past: set[int] = set()
    for c in parts:
        if not _PAST.match(c.text):
            if not (c.lead == "thi" and c.index and _PAST_IN.search(c.text)):
                continue  # "vướng thì có vướng hồi tháng 6, giờ …": the same, said inside
            c = parts[c.index - 1]
        for d in parts[c.index + 1 :]:
            now = _NOW.match(d.text)
            if now and not d.text[now.end() :].startswith(" van"):  # not "giờ vẫn …"
                if any(i >= d.index for i in voted):  # and what holds now is said
                    past |= set(range(c.index, d.index))  # the past clause and its "vì …"
                break
    return [  # a done stays done: an event, not a state
        Vote(None, v.weight, v.clause, "superseded")
        if v.clause in past and v.status and v.status is not D
        else v
        for v in found
    ]


_PART_NAMED_DONE = re.compile(  # "xong phần rà soát rồi" (not "phần 1", "phần lớn", "phần nào")
    r"(?<!\w)(?:xong|hoan thanh|hoan tat) (?:cai )?phan"
    r" (?!\d|lon|nao|nho|dau|mot|hai|ba|it|con|cua|ben|em|minh)"  # (own part: read elsewhere)
    r"(?:\w+ ){1,12}?(?:roi|r)(?: \w+){0,3}$"
)


def _lone_part_done(found: list[Vote], parts: list[clauses_.Clause]) -> bool:
    """A part of the work named done, and nothing else said of the work."""
    kinds = {v.kind for v in found if v.status}
    if "partial" not in kinds or not kinds <= {"partial", "step", "started"}:
        return False
    clauses = {v.clause for v in found if v.status and v.clause < len(parts)}
    return len(clauses) == 1 and bool(_PART_NAMED_DONE.search(parts[min(clauses)].text))


_OTHER_WORK = re.compile(r"(?<!\w)(?:kia|khac|truoc do)(?!\w)")


def _other_done_this_not_begun(found: list[Vote], parts: list[clauses_.Clause]) -> str:
    """ "Báo cáo gửi rồi, còn kế hoạch thì chưa động tới": a work done, then "còn … thì" not
    begun: "said" when the done is named as other work ("2 báo cáo kia"), "unsure" when it
    may be this task or the other one, "" when the reply is not so."""
    done = [w for w in found if w.status is D]
    if not done or any(w.status in (IP, B, X) and w.weight >= 0.9 for w in found):
        return ""
    for v in found:
        k = v.clause
        if v.kind != "not_started" or not 1 < k < len(parts) or parts[k].lead != "thi":
            continue
        if parts[k - 1].lead != "con" or any(w.clause >= k - 1 for w in done):
            continue
        said = any(_OTHER_WORK.search(parts[w.clause].text) for w in done)
        return "said" if said else "unsure"
    return ""


def _rest_not_begun(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Tiến độ 100% phần nhập liệu, còn kiểm tra chất lượng thì chưa bắt đầu", "xong phần
    nội dung rồi, còn phụ lục chưa làm": a part reported done or measured, then "còn …" not
    begun: the rest of the work, under way."""
    out = []
    partly = {v.clause for v in found if v.kind == "partial"}
    for v in found:
        c = v.clause
        if v.kind == "not_started" and 0 < c < len(parts):
            rest = c if parts[c].lead == "con" else c - 1 if parts[c].lead == "thi" else -1
            if (
                rest > 0
                and parts[rest].lead == "con"
                and (
                    "% phan " in f"{parts[rest - 1].text} "
                    or rest - 1 in partly
                    or _A_PART_DONE.search(parts[rest - 1].text)
                )
            ):
                v = Vote(IP, 0.9, c, "part_left")
            elif (  # "xã đã cài phần mềm, đã tập huấn cho cán bộ, riêng cấp chữ ký số … thì
                rest > 1  # chưa làm": steps taken, one left
                and parts[rest].text.startswith("rieng ")
                and all(_STEP_TAKEN.match(b.text) for b in parts[max(rest - 2, 0) : rest])
            ):
                v = Vote(IP, 0.9, c, "part_left")
        out.append(v)
    return out


_A_PART_DONE = re.compile(  # "xong phần niêm yết rồi": a part of it named done
    r"(?<!\w)(?:xong|hoan thanh) (?:phan|buoc|khau|dot|giai doan|muc)(?!\w)"
)
_STEP_TAKEN = re.compile(r"^(?:\w+ ){0,2}da (?!xong|hoan thanh|ban hanh|gui|nop)\w+")
_THIS_ONE = re.compile(
    r"^con (?:\w+ ){1,4}nay(?!\w)"
    # "…, nhưng báo cáo 6 tháng này thì chưa bắt đầu" (not "nhưng đến nay", "… 3 ngày nay")
    r"|^(?:nhung|rieng) (?:cai |phan |viec )?(?:bao cao|ke hoach|nhiem vu|viec|de an)(?: \w+){0,3}"
    r" nay(?!\w)"
)
# "còn việc anh nhắc …", "nhiệm vụ tuyên truyền anh hỏi thì …": the task the nudge is about
_YOU_ASKED = lexicon.gated(
    r"(?<!\w)(?:viec|nhiem vu|cai|vu|noi dung|ke hoach|bao cao|dot|de an|quy che)(?: \S+){0,6}?"
    r" (?:anh|chi|a|c|dong chi) (?:dang |vua |moi )?(?:nhac|hoi)"
    r"(?!\w)(?! (?:tuan truoc|hom truoc|lan truoc|hom qua|thang truoc|bua truoc))"  # (not an
)  # earlier nudge's: "cái báo cáo chuyển đổi số anh nhắc tuần trước thì em đang làm")
_THAT_TASK = lexicon.gated(r"^con (?:vu|viec|nhiem vu|cai) (?!con lai|kia|khac)\w+")
_ABOUT_TASK = lexicon.gated(
    r"^(?:con )?ve (?:viec |nhiem vu |cong tac )?(?:so hoa|ra soat|khao sat|ke hoach|bao cao|de an"
    r"|kiem tra|tuyen truyen|tthc|sipas|chi so|dich vu cong|danh gia|cham diem)(?!\w)"
)
# "Báo cáo này xong rồi, còn kế hoạch quý 3 thì đang làm": this one, said first
_THIS_NAMED = lexicon.gated(  # also "cái báo cáo này", "cái kế hoạch ni"
    r"^(?:(?:da|em|ben em) )*(?:cai )?(?:nhiem vu|viec|ke hoach|noi dung|bao cao|de an|cai|vu)"
    r" (?:nay|ni)(?!\w)"
)
_REPORT_TOPIC = re.compile(
    r"^(?:(?:con|nhung|rieng) )?(?:cai |phan |viec )?bao cao(?! ket qua)(?: \w+){0,4}$"
)  # (not "còn báo cáo kết quả": a step of the plan done)
_THIS_TASK = lexicon.gated(  # "…, nhiệm vụ này | thì"; "xong việc này rồi nha anh, còn …"
    r"^(?:con )?(?:nhiem vu|viec|ke hoach|noi dung) nay$"
    r"|^(?:(?:da|lam) )?(?:xong|hoan thanh) (?:nhiem vu|viec|ke hoach|noi dung) nay(?!\w)"
)


_ISSUED_ON = re.compile(  # "báo cáo số 88/BC-UBND ký và em gửi … ngày 13/7": issued that day
    r"(?<![\w/])\d+/(?:\d{4}/)?[a-z]+-[a-z][\w-]*(?: \S+){0,10}? (?:ban hanh|phat hanh|ky|gui|nop)"
    r"(?: \S+){0,10}? ngay (\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])"
)


def _issued_on(found: list[Vote], parts: list[clauses_.Clause], today: date) -> list[Vote]:
    """A document named with its issue or sending and a day gone by, said without "đã" or
    "rồi" ("Thông báo kết luận số 92/TB-SGDĐT ban hành ngày 14/7/2026 ạ"): done, and the
    product named."""
    if any(v.status is D for v in found):
        return []
    for c in parts:
        if "/" not in c.text or c.condition or c.consequence or c.question:
            continue  # (a document number holds a "/": most clauses are skipped unsearched)
        if not (m := _ISSUED_ON.search(c.text)):
            continue
        if lexicon.FUTURE.search(c.text) or _NEGATED.search(c.text):
            continue
        try:
            day = date(int(m[3] or today.year), int(m[2]), int(m[1]))
        except ValueError:
            continue
        if day <= today:
            return [Vote(D, 1.0, c.index, "done"), Vote(None, 1.0, c.index, "evidence")]
    return []


_THEN_START = lexicon.gated(
    r"(?<!\w)(?<!gio )(?<!nay )(?:(?:em|e|minh|toi|ben em) )?moi (?:lam|bat dau|bat tay|trien khai"
    r"|dung (?:toi|den|vao|tay)|tinh (?:toi|den))(?!\w)"  # (not "giờ mới bắt đầu": begun just
    # now; "mới đụng tới", not "số 44 mới đúng"; "mới tính tới": only then thought of)
    r"(?! duoc (?:mot|\d|it|chut|phan|khoang|chung|gan|nua))"  # not "mới làm được một ít": so far
    r"|(?<!\w)(?:mai|ngay mai|tuan sau|tuan nay|thu \d)(?: (?:em|e|minh))?(?: moi| se)? bat dau"
    r"(?!\w)"
)


_OWED_UNITS = re.compile(
    r"(?:^|(?<= ))(?:con )?(?:\d+(?:/\d+)?|vai|mot so|may|cac|nhung) (?:trong \d+ )?(?:xa|phuong"
    r"|don vi|phong|truong|thon|so|nganh|co quan|bo phan|ap|tram|diem truong|khoa|to|khom"
    r"|co so)(?: \w+){0,3} (?:van )?chua (?:gui|nop|bao cao|co|cung cap)(?!\w)"
    # "…, còn bên Nội vụ cũ vẫn chưa gửi nên chưa tổng hợp được": another side's part owed;
    # southern "bển chưa gửi số liệu qua": that side, unnamed
    r"|(?:^|(?<= ))(?:con )?ben(?: (?!em\b|minh\b|toi\b|chua\b)\w+(?: \w+){0,3})? (?:van )?chua"
    r" (?:gui|nop|bao cao|cung cap|ban giao)(?!\w)"
)
# "đợi trường mầm non với trạm y tế gửi báo cáo", "đang đợi pkt gửi số liệu": someone else's
# data or list awaited (not our own leader's signature: "chờ chị ký rồi em gửi báo cáo")
_AWAITED_INPUT = lexicon.gated(
    r"(?<!\w)(?:cho|doi|ngong)(?: (?!em\b|e\b|minh\b|toi\b|ky\b|duyet\b)\w+){1,8}"
    r" (?:gui|nop|cung cap|chuyen)(?: lai| ve| qua| len| not)?(?: (?:so lieu|danh sach|bao cao"
    r"|du lieu|bieu|bieu mau|phieu|ket qua|thong tin)(?!\w)|(?: nua| them| qua| ve)*"
    r"(?: (?:la|moi|de|thi|roi)(?: em| minh)?)? tong hop(?!\w))"  # "… gửi nữa là tổng hợp được"
)
_THEN_ABLE = lexicon.gated(
    r"(?<!\w)moi (?:\w+ ){0,2}(?:tong hop|lam|bao cao|nop)(?: \w+)? duoc(?!\w)"
)
_NOT_ALL_IN = re.compile(r"(?<!\w)chua (?:tong hop|lam bao cao) (?:du|het|xong)(?!\w)")
_CHASED_SINCE = re.compile(
    r"^(?:(?:em|e|minh|toi|ben em) )?(?:da )?(?:nhac|hoi|giuc|goi|don doc)(?: \w+){0,2}"
    r" (?:lan|nhieu lan|mai|hoai|roi)(?: (?:roi|a|ah|anh|chi|ma))*$"
)
_COUNTED_UNIT = "(?:diem|xa|phuong|phong|truong|tram|don vi|thon|ap|to)"  # "3/5 điểm (trường)"
_UNITS_COUNTED = re.compile(r"(?<![\w/])\d+/\d+ " + _COUNTED_UNIT)
_AWAITED_UNITS = lexicon.gated(
    r"(?<!\w)(?:con |van |dang )?(?:cho|doi) (?:\d+|may|cac) "
    + _COUNTED_UNIT
    + r"(?: \w+){0,2} (?:nua|con lai)(?!\w)"
)
_SOME_DONE = frozenset({"partial", "hedged", "own_part", "remaining", "counted"})
_OPINIONS_SOUGHT = re.compile(r"(?<!\w)(?:gop y|lay y kien|xin y kien)(?!\w)")
# a unit whose share of the work can be owed: "phòng Tài chính - Kế hoạch", "trạm y tế", "bển"
_OWING_UNIT = "(?:phong|xa|tram|truong|don vi|ban|ben|to|thon|ap|bo phan|trung tam)"
_NOT_IN_YET = re.compile(  # (not "còn 3 xã chưa gửi": what is left)
    r"^"
    + _OWING_UNIT
    + r"(?! em\b| minh\b| toi\b)(?: \w+){0,4} (?:van |con )?chua (?:gui|nop|cung cap|bao cao)(?!\w)"
)
_UNIT_DATA_OWED = lexicon.gated(
    r"(?:^|(?<= ))"
    + _OWING_UNIT
    + r"(?! em\b| minh\b| toi\b)(?: \w+){0,4} (?:van |con )?chua (?:gui|nop|cung cap)(?: lai)?"
    r" (?:so lieu|danh sach|bieu|du lieu)(?!\w)"
)
_CANNOT_COMPILE = lexicon.gated(
    r"(?<!\w)chua (?:the )?(?:tong hop|lam bao cao|bao cao) (?:\w+ )?duoc"
)
_FEW_DELIVERED = re.compile(
    r"(?<!\w)(?:moi|chi) (?:co )?\d+(?:/\d+| tren \d+| trong \d+)? (?:xa|phuong|don vi|phong"
    r"|truong|thon|ap|to|tram|co quan|bo phan)(?: \w+){0,2} (?:gui|nop|bao cao|cung cap)(?!\w)"
)
_OTHERS_DONE = re.compile(r"(?<!\w)(?:kia|khac)(?!\w)")  # "mấy trường kia xong hết rồi"


# handed up to our own leader: "trình lên anh Thắng Phó Giám đốc", "trình chị trưởng phòng rồi"
_HANDED_UP = lexicon.gated(
    r"(?<!\w)trinh (?:len )?(?:cho )?(?:anh|chi|a|c|ong|ba|lanh dao|giam doc|pho giam doc"
    r"|chu tich|pho chu tich|truong phong|pho phong|thu truong|sep|ld|gd|pgd|tp|ct|pct)(?!\w)"
)
# the signature still ahead: "chắc chiều nay ký ạ", "dìa mới ký được", "để tui chạy qua văn
# phòng lấy chữ ký chủ tịch rồi gửi liền"
_SIGNS_LATER = lexicon.gated(
    r"(?:^|(?<= ))(?:chac|se|du kien|mai|chieu nay|sang nay|ve|moi)(?: \w+){0,3} (?:ky|duyet)"
    r"(?: (?:duoc|a|ah|anh|chi|nha|nhe|ban hanh|phat hanh))*$"
)
_SIGNATURE_TO_GET = lexicon.gated(
    r"(?<!\w)(?:de|se|di|chay|qua|con|phai)(?: \w+){0,5} lay chu ky(?!\w)"
)
_SIGNED = lexicon.gated(r"(?<!\w)(?:da ky|ky roi|ky xong|da ban hanh|da phat hanh)(?!\w)")


def _own_signature_ahead(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Em đã chỉnh xong và trình lên anh Thắng Phó Giám đốc. … chắc chiều nay ký ạ",
    "làm xong hết rồi, để tui chạy qua văn phòng lấy chữ ký chủ tịch rồi gửi liền": our own
    leader's signature is still ahead, so the work is under way."""
    if any(v.kind == "own_wait" for v in found):
        return []
    for c in parts:
        if c.condition or c.question or _SIGNED.search(c.text):
            continue
        if _SIGNATURE_TO_GET.search(c.text) or (
            _SIGNS_LATER.search(c.text)
            and any(
                _HANDED_UP.search(b.text) or _OUR_LEADER_OUT.search(b.text)
                for b in parts[: c.index + 1]
            )  # (or "Giám đốc Trung tâm em đi công tác Hà Nội, | thứ 6 về mới ký được")
        ):
            if any(_SIGNED.search(b.text) for b in parts[c.index + 1 :]):
                return []
            return [Vote(IP, 0.9, c.index, "own_wait")]
    return []


_LATE_BECAUSE = re.compile(  # "trễ 3 ngày do chờ số liệu": why it came late
    r"^(?:(?:nop|gui|bao cao|hoi) )?(?:tre|cham|muon)(?: \w+){0,5} (?:do|vi|la do|tai)(?!\w)"
)
_LATE_SAID = re.compile(r"^(?:\w+ ){0,2}(?:tre|cham|muon)(?: \w+){0,5}$")  # "trễ | vì …"


def _late_because(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Đã gửi Báo cáo số 215/BC-UBND ngày 13/7, trễ 3 ngày do chờ số liệu": after a done,
    what held it up explains the lateness; it no longer holds the work."""
    if not any(v.status is D and v.kind == "done" for v in found):
        return found
    late = {c.index for c in parts if _LATE_BECAUSE.match(c.text)}
    late |= {
        c.index
        for c in parts
        if c.lead in ("vi", "do") and c.index and _LATE_SAID.match(parts[c.index - 1].text)
    }
    return [v for v in found if not (v.status is B and v.clause in late)]


# a hard week told as the setting of the report: weather, a disaster, the power or the line
# gone, illness, staff called to relief duty
_HARD_WEEK = lexicon.gated(
    r"(?<!\w)(?:mua (?:lu|bao|to|lon|rao|ngap|keo dai)|lu (?:lut|quet|ong|ve|len|lon|rut)"
    r"|(?:nuoc|dot|truc|chong|con|vung) lu|(?:con|dot|truc|sau|truoc|trong|chong) bao"
    r"|bao (?:so|vao|lu|do bo|qua)|sat lo|sat (?:nui|duong|dat)|ngap(?! ngung)|thien tai"
    r"|(?:mat|cup|cat|khong co|chua co) (?:dien|mang|song)|(?:dien|mang|song) (?:lai )?(?:mat|cup)"
    r"|(?:mang|song|duong truyen) (?:\w+ ){0,2}(?:yeu|cham|chap chon|rot|loi|chua on)|may phat"
    r"|(?:bi|nha|tru so) dot|(?:bi|dang|con|nghi|dau) om|om (?:dau|nang|sot)|benh|nam vien"
    r"|nhap vien|nghi (?:om|sinh|de|thai san|phep)|cuu tro|cuu ho|so tan"
    r"|di doi|khac phuc (?:hau qua|thiet hai)|bun|co lap|(?:do|vi|bi) lu|bi uot|uot (?:het|sach)"
    r"|(?:may tinh|may scan|may in)(?: \w+){0,5} (?:bi )?(?:hu|hong) \d"  # "hư 2 cái": some
    r"|set danh|chia cat|gio lao|nang nong|sap nguon|cuon (?:mat|troi))(?!\w)"
)
# short of staff, told under a concession ("thiếu 2 người mà anh em vẫn làm đủ", "dù tháng 6
# thiếu 2 công chức"): a hard week too
_SHORT_STAFF = lexicon.gated(
    r"(?<!\w)(?:thieu (?:\d+ )?(?:nguoi|can bo|cong chuc|nhan su)|nghi thai san"
    r"|chuyen cong tac)(?!\w)"
)
# what turned the trouble round: "nhưng mượn được của phường bên cạnh, giờ xong rồi"
_TURNED = lexicon.gated(
    r"(?<!\w)(?:nhung|vay ma|the ma|van|gio|bay gio|den nay|cuoi cung|rang|ran"
    r"|chu dong|da khac phuc|khac phuc xong|da sua|sua xong|muon duoc|muon may)(?!\w)"
)
_ALSO_DONE = re.compile(r"(?<!\w)cung (?:da )?(?:xong|hoan thanh|hoan tat)(?: (?:het|ca))?(?!\w)")


def _also_done(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Đã ban hành QĐ 88/QĐ-UBND …, bước triển khai và báo cáo cũng đã xong": the other
    steps done too, so the whole is, not a part."""
    done = [v.clause for v in found if v.status is D and v.kind == "done" and v.weight >= 0.9]
    if not done:
        return found
    also = {
        c.index
        for c in parts
        if c.index > min(done) and _ALSO_DONE.search(c.text) and not c.question
    }
    if not also or any(v.kind in ("undone", "remaining", "part_left") for v in found):
        return found
    also |= {  # "- Phần trình ký ban hành: cũng xong luôn rồi": the heading of a list's item
        i - 1 for i in also if i - 1 > min(done) and _HEADING.match(parts[i - 1].text)
    }
    return [
        Vote(D, 1.0, v.clause, "done") if v.clause in also and v.kind == "partial" else v
        for v in found
        if not (v.clause in also and v.kind == "step")
    ]


_HEADING = re.compile(r"^(?:phan|muc|buoc|khau|noi dung|hang muc) ")
_FINISHED = re.compile(r"(?<!\w)(?:xong|hoan thanh|hoan tat)(?!\w)")
_STILL_OWED = frozenset({"undone", "remaining", "undelivered", "part_left", "partial"})


def _done_despite(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Vướng máy scan mấy hôm nhưng mượn được của phường bên cạnh, giờ xong rồi", "chưa
    nhận được hướng dẫn nhưng vẫn chủ động làm, xong luôn rồi": a trouble told first, then
    the work done in spite of it: what was in the way held nothing in the end."""
    done = [v.clause for v in found if v.status is D and v.kind == "done" and v.weight >= 0.9]
    held = [v.clause for v in found if v.status is B and v.kind in ("obstacle", "eased", "slow")]
    if not done or not held or max(held) >= max(done):
        return found
    last = max(done)
    if any(
        (v.status is IP and v.kind in _STILL_OWED) or v.status in (NS, X)
        for v in found
        if v.clause >= min(held)
    ) or any(v.status is B and v.kind not in ("obstacle", "eased", "slow") for v in found):
        return found
    between = " ".join(c.text for c in parts[max(held) + 1 : last + 1])
    if not (_TURNED.search(between) or parts[last].lead in ("nhung", "ma")):
        return found
    after = [i for i in done if i > max(held)]
    if not any(_FINISHED.search(parts[i].text) for i in after) or any(
        lexicon.NEGATORS & set(c.text.split()) for c in parts[min(after) :]
    ):  # (not "tắc ở khâu số liệu, em gửi công văn 2 lần rồi vẫn chưa có": a step, no end)
        return found
    return [  # (and "đang làm thì mất mạng, giờ xong rồi": the work going on then, over now)
        v
        for v in found
        if not (v.status is B and v.clause < last)
        and not (v.status is IP and v.kind in ("progress", "started") and v.clause < min(held))
    ]


_DESPITE = lexicon.gated(r"(?<!\w)(?:du|mac du|tuy|van)(?!\w)")
# the hardship still on now: "từ hôm qua tới giờ chưa có lại", "đang làm dở | thì mất điện"
_STILL_DOWN = lexicon.gated(
    r"(?<!\w)(?:tu hom qua|den gio|toi gio|den nay|chua co lai|van chua co|van (?:dang )?(?:mat"
    r"|ngap|cup)|gio (?:\w+ ){0,2}van)(?!\w)|^thi (?:bi )?(?:mat|cup)(?!\w)"
)
_ANSWER_LATER = lexicon.gated(  # "tối em trả lời anh": the answer itself put off
    r"(?<!\w)(?:toi|chieu|sang mai|mai|lat|ti nua|xiu)(?: nay)?(?: \w+){0,5}? (?:em |e |minh )?"
    r"(?:tra loi|bao lai|nhan lai|rep|goi lai)(?!\w)"  # ("mai lên trụ sở xã em gọi lại")
)
_MESSAGES_UNREAD = re.compile(
    r"(?<!\w)(?:doc|xem|nhan|mo) (?:tin |tin nhan )?(?:khong|chua|ko) (?:het|duoc|ra)(?!\w)"
)
_PUT_FIRST = lexicon.gated(r"(?<!\w)(?:uu tien|tap trung)(?!\w)")  # busy with it by choice
# the work itself said held in the same clause ("chưa gửi được vì mất mạng", "trụ sở vô không
# được"), not the answer ("nên em không trả lời được")
_WORK_HELD = re.compile(
    r"(?<!\w)(?<!anh )(?<!chi )(?<!so )(?:chua|khong|ko|k|chx|hong|hok)"
    r"(?! (?:\w+ ){0,3}(?:tra loi|nhan tin|rep|lien lac|doc|bao lai|nghe|goi|xem tin)\b)"
    r"(?: \w+){1,6} (?:duoc|dc|noi)(?!\w)"
    r"|(?<!\w)(?:sao|rang|lam sao) (?:ma )?(?:\w+ ){0,2}(?:duoc|dc|noi)(?!\w)"  # "răng mà làm
    r"|(?<!\w)(?:phai (?:cho|doi)|(?:bi |tam )dung (?:han|lai)|dung lai|ngung tre|dinh tre"
    r"|bi dung)(?!\w)"
)  # được" (how could we); "phải chờ phơi khô", "bị dừng hẳn" (not "đúng hạn", folded alike;
# nor "anh chưa nhận được": the receiver's side)


def _hardship_beside(
    found: list[Vote], parts: list[clauses_.Clause], percent: int | None
) -> list[Vote]:
    """ "Mất điện 2 ngày nhưng anh em chạy máy phát làm cho kịp, chiều qua đã gửi đi rồi",
    "Báo cáo xong tầm 50%. Trụ sở xã bị dột, giấy tờ ướt hết": a hard week told beside what
    the work came to is the setting, not what holds it. Beside a done it holds nothing; beside
    a share done, a step of our own or work going on it only slowed the work; beside a start
    not made because the unit put the disaster first it is the reason, not an obstacle; told
    with only an answer promised ("Khu em mất điện, tối em trả lời anh") it says nothing of the
    work. Alone, still on now ("đang làm dở thì mất điện"), or where the reply says the work
    could not be done or sent, it still stops it."""
    if not any(v.status is B and v.kind in ("obstacle", "eased") for v in found):
        return found  # no hardship read as an obstacle (``hard`` below would be empty)
    concession = any(_DESPITE.search(c.text) for c in parts)
    hard = {
        v.clause
        for v in found
        if v.status is B
        and v.kind in ("obstacle", "eased")
        and v.clause < len(parts)
        and (
            _HARD_WEEK.search(parts[v.clause].text)
            or (concession and _SHORT_STAFF.search(parts[v.clause].text))
        )
    }
    if (
        not hard
        or any(v.status is B and v.clause not in hard and v.kind != "slow" for v in found)
        or any(_WORK_HELD.search(c.text) for c in parts)
    ):
        return found
    done = any(v.status is D and v.clause not in hard for v in found)  # (doubted too: "hình
    # như em gửi rồi, mà máy ngập nước mất hết dữ liệu nên em không chắc": asked below)
    moving = (
        any(
            v.status is IP
            and v.kind in _MOVING | {"hedged", "remaining"}  # ("làm gần xong rồi mà còn chút xíu")
            and v.weight >= 0.8
            and v.clause not in hard
            for v in found
        )
        and not any(  # (nor "…, mạng cũng chưa có lại": still down, said just after)
            _STILL_DOWN.search(c.text) for i in hard for c in parts[i : i + 3] if not c.question
        )
    )
    if (
        (percent is not None and 0 < percent < 100)
        or any(v.kind == "own_wait" for v in found)
        or (moving and not done)
    ):  # ("dự thảo xong, đang trình Chủ tịch ký, mà Chủ tịch đang đi kiểm tra sạt lở", "đang
        # làm ạ, mất điện 2 ngày nay nên em làm bằng laptop chạy pin")
        return [
            Vote(B, 0.5, v.clause, "slow") if v.clause in hard and v.status is B else v
            for v in found
        ]
    unheld = [v for v in found if not (v.status is B and v.clause in hard)]
    if done:  # (and what was kept up despite it: "thiếu 2 người mà anh em vẫn làm đủ")
        return [v for v in unheld if not (v.status is IP and v.clause in hard)]
    if any(v.kind == "not_started" for v in found) and any(
        _PUT_FIRST.search(parts[i].text) for i in hard
    ):
        return unheld  # "chưa khởi động, đang ưu tiên khắc phục hậu quả mưa lũ"
    if not any(v.status is not None for v in unheld) and any(
        lexicon.LATER_REPORT.search(c.text)
        or _ANSWER_LATER.search(c.text)
        or _MESSAGES_UNREAD.search(c.text)  # "sóng yếu quá, anh nhắn gì em đọc không hết"
        for c in parts
    ):
        return unheld
    return found


def _busy_answering_later(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Dạ em đang làm thủ tục nhập học cho học sinh, lát em trả lời anh sau ạ", "Đang đi đám
    cưới cháu, chiều em xem rồi báo", "Chờ em xíu nha anh, em đang tiếp công dân": busy with
    something named that is not the task's work (or off duty), the answer put off: no report
    yet. So too a device down while the writer says they will look and then answer ("máy em
    đang bị treo, lát em vô hệ thống kiểm tra rồi báo"): the state is not known yet."""
    said = [v for v in found if v.status is not None]
    if not said:  # (no state said: nothing to set aside, whatever is put off)
        return found
    later = [
        c
        for c in parts
        if not (c.condition or c.consequence)  # (not "vướng mắc gì thì em báo anh sau")
        and (
            _ANSWER_LATER.search(c.text)
            or lexicon.LATER_REPORT.search(c.text)
            or _STATE_LATER.search(c.text)
            or _HOLD_ON.match(c.text)
        )
    ]
    if not later:
        return found
    checking = any(_CHECK_THEN_ANSWER.search(c.text) or _HOLD_ON.match(c.text) for c in later)

    def aside(v: Vote) -> bool:
        if v.clause >= len(parts) or parts[v.clause] in later:
            return False
        text = parts[v.clause].text
        if v.status is IP and v.kind in ("progress", "step"):
            busy = _BUSY_WITH_OTHER.search(text)
            if busy and not _TASK_WORK.search(text, busy.end()):
                return True
        if v.status is IP and v.kind in ("progress", "step", "undone"):
            return bool(_OFF_DUTY.search(text)) and not _TASK_WORK.search(text)
        if v.status is D and v.kind == "done" and _EVENT_OVER.search(text):
            return any(_MESSAGES_UNSEEN.search(c.text) for c in parts)  # "vừa hoàn thành đợt
            # tiêm chủng nên chưa kịp xem tin nhắn, mai em xem rồi báo": that event's news
        return (
            v.status is B
            and v.kind in ("obstacle", "eased")
            and (checking or bool(_CALL_FAILED.search(text)))
            and bool(_DEVICE_DOWN.search(text))
        )

    if not all(aside(v) for v in said):
        return found
    return [v for v in found if v.status is None]


_EVENT_OVER = re.compile(r"(?<!\w)(?:hoan thanh|xong) (?:dot|buoi|cuoc|le|hoi nghi|ky) \w+")
_MESSAGES_UNSEEN = re.compile(r"(?<!\w)chua (?:kip )?(?:xem|doc|mo) (?:tin|tin nhan|zalo)(?!\w)")
# the state itself to be sent later: "lát em gửi tiến độ"; or hold on: "chờ em xíu nha anh"
_STATE_LATER = lexicon.gated(
    r"(?<!\w)(?:toi|chieu|sang mai|mai|lat|ti nua|xiu|ti)(?: nay)? (?:em |e |minh )?"
    r"(?:gui|bao|cap nhat|nhan) (?:lai )?(?:tien do|tinh hinh|so lieu)(?!\w)"
)
_HOLD_ON = re.compile(
    r"(?:da |de )?(?:cho|doi) (?:em|e|minh) (?:xiu|chut|ti|lat|mot chut|mot lat|ti xiu|1 chut"
    r"|1 lat|ty)(?!\w)"
)
_CHECK_THEN_ANSWER = re.compile(  # "lát em vô hệ thống kiểm tra rồi báo": the state unknown
    r"(?<!\w)(?:xem|coi|kiem tra|check|ktra|hoi lai)(?: \w+){0,3} roi (?:em |minh )?"
    r"(?:bao|tra loi|rep|nhan|gui)(?!\w)"
)
_OFF_DUTY = re.compile(  # the writer's time off the work: a wedding, lunch, receiving citizens
    r"(?<!\w)(?:dam cuoi|dam gio|dam hoi|dam tang|dam ma|an com|com trua|com chieu|an trua"
    r"|an sang|nghi trua|don con|dua con|di cho|tiep cong dan|tiep dan)(?!\w)"
)
_DEVICE_DOWN = re.compile(
    r"(?<!\w)(?:may|may tinh|laptop|dien thoai|mang|wifi|dien|song)(?: \w+){0,3}"
    r" (?:treo|hong|loi|sap nguon|mat|yeu|rot|cup|het pin|do|chap chon)(?!\w)"
    r"|(?<!\w)song (?:yeu|chap chon|mat)(?!\w)"
)
_CALL_FAILED = re.compile(  # the call or the message failed, not the work
    r"(?<!\w)(?:goi|nghe|nhan tin|nt|nhan)(?: dien)? (?:khong|ko|k|chua) (?:duoc|ro|toi|den)(?!\w)"
)
_BUSY_WITH_OTHER = re.compile(r"(?<!\w)dang (?:lam|lo|giai quyet|xu ly) (?=\w+ \w+)")
_TASK_WORK = re.compile(  # what the task's own work names
    r"(?<!\w)(?:bao cao|ke hoach|de an|quy che|to trinh|danh sach|quyet dinh|cong van|du thao"
    r"|so lieu|nhiem vu|viec nay|viec ni|cai nay|tthc|so hoa|ra soat|tong hop|van ban|bc|kh)(?!\w)"
)
_ON_THE_WAY = lexicon.gated(  # a report's section on what was hard along the way
    r"(?<!\w)trong qua trinh (?:thuc hien|trien khai|to chuc thuc hien|lam)(?!\w)"
)


def _met_on_the_way(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Đơn vị đã hoàn thành và gửi báo cáo ngày 14/7. Tuy nhiên trong quá trình thực hiện
    còn một số khó khăn như phần mềm chậm, thiếu nhân lực": after a done, the difficulties met
    along the way are the report's lessons, neither a stop nor work left."""
    if not any(v.status is D and v.kind == "done" and v.weight >= 0.9 for v in found):
        return found
    start = next((c.index for c in parts if _ON_THE_WAY.search(c.text)), None)
    if start is None or any(v.kind == "done" and v.clause >= start for v in found):
        return found
    return [
        v
        for v in found
        if not (v.clause >= start and (v.status is B or v.kind in ("remaining", "step")))
    ]


# another party's step not taken, just before: "Kho bạc chưa đối chiếu số liệu", "mà chưa ai
# trả lời" (not "em chưa chốt": our own)
_THEIR_NOT_YET = re.compile(
    r"(?<!\w)(?<!em )(?<!e )(?<!minh )(?<!toi )(?<!tui )(?:chua|khong|van chua) (?:ai |chiu )?"
    r"(?!xong|lam|hoan thanh|hoan thien|chot|kip|co thoi gian)\w+"
)


def _kept_from(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Kho bạc chưa đối chiếu số liệu nên bên em không chốt được …", "gửi mail cho phòng Tài
    chính xin số liệu mà chưa ai trả lời, nên báo cáo chưa tổng hợp được": another party's step
    not taken keeps us from the work; it waits on them."""
    if any(v.status is not None and v.weight >= 0.9 for v in found):
        return []
    for c in parts[1:]:
        if c.lead != "nen" or not _UNABLE.search(c.text) or _HARD_WEEK.search(c.text):
            continue
        cause = parts[c.index - 1].text
        if cause.startswith(("chua ky", "chua duyet")) and any(
            _OUR_LEADER_OUT.search(b.text) for b in parts
        ):  # "ổng Chủ tịch đi họp trên tỉnh hoài, chưa ký nên chưa ban hành được": our own
            return []  # leader's signature, the work under way
        if _THEIR_NOT_YET.search(cause) and not _HARD_WEEK.search(cause):
            return [Vote(B, 0.95, c.index, "waiting")]
    return []


_OUR_LEADER_OUT = re.compile(
    r"(?<!\w)(?:ct|pct|chu tich|pho chu tich|giam doc|pho giam doc|pgd|gd|lanh dao|sep"
    r"|truong phong)(?: \w+){0,3}? (?:di (?:hop|cong tac|hoc|vang)|dang (?:hop|di|nghi)"
    r"|nghi (?:phep|om)|vang|chua ve)(?!\w)"
)


_CONSULTING_OURS = lexicon.gated(  # our own phòngs asked for comments on our draft
    r"(?<!\w)(?:cho|doi|xin y kien|lay y kien) (?:cac |may |\d+ )?phong(?! so\b| tinh\b)"
    r"(?: \w+){0,3} (?:gop y|cho y kien|co y kien)(?!\w)"
)
_ANOTHER_LEVEL = re.compile(r"(?<!\w)(?:so|tinh|bo|ubnd tinh|trung uong)(?!\w)")
_NO_COMMENTS_YET = re.compile(r"(?<!\w)chua (?:co|gop|cho|gui) (?:y kien|gop y)(?!\w)")


def _own_consultation(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Chờ các phòng góp ý, phòng Văn hóa - Xã hội nghỉ ốm mấy người nên chưa có ý kiến":
    our own phòngs' comments not in yet are the work going on (as heldout_r6), not a body's
    opinion owed."""
    if not any(_CONSULTING_OURS.search(c.text) for c in parts):
        return found
    return [
        Vote(IP, 0.9, v.clause, "own_wait")
        if v.status is B
        and v.clause < len(parts)
        and _NO_COMMENTS_YET.search(parts[v.clause].text)
        and not _ANOTHER_LEVEL.search(parts[v.clause].text)
        else v
        for v in found
    ]


def _put_off_on_time(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "lãnh đạo xã chỉ đạo lùi việc rà soát sang thứ Hai tuần sau …, vẫn kịp hạn 31/7":
    the work moved within the deadline, asked of no one, is no request for more time."""
    if not any(v.kind == "on_time" for v in found):
        return found
    return [
        v
        for v in found
        if not (
            v.status is X
            and v.clause < len(parts)
            and not lexicon.REQUEST.search(parts[v.clause].text)
        )
    ]


def _target_met(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Số hoá hồ sơ xã em đạt 100% chỉ tiêu rồi": the target met in full is done, said as
    a fact (not under a negation, a future or a question), unless the task is said to be
    another ("…, còn báo cáo này thì chưa làm")."""
    if any(v.status in (D, NS) for v in found):
        return []
    for c in parts:
        if c.condition or c.question or not _FULL_TARGET.search(c.text):
            continue
        if lexicon.FUTURE.search(c.text) or _NEGATED.search(c.text):
            continue
        return [Vote(D, 1.0, c.index, "done")]
    return []


def _units_owed(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Còn 2 trong 9 đơn vị chưa gửi số liệu nên chưa tổng hợp được", "chưa tổng hợp được vì
    5/12 phòng chưa gửi số liệu", "đợi trường mầm non gửi báo cáo, em mới tổng hợp được": the
    units' inputs owed keep the work from going on, so it waits on them. Beside a part said
    done ("xong phần lớn, còn 2 thôn chưa gửi biểu") or work said to go on ("vẫn làm bình
    thường, đợi chị Hoa phòng KT gửi số liệu") it stays what is left of the work; worked round
    ("… nhưng em dùng số liệu tháng trước làm trước") it holds nothing."""
    owed = [
        c.index
        for c in parts
        if c.index
        and (
            (
                c.lead == "nen"
                and (_UNABLE.search(c.text) or _NOT_ALL_IN.search(c.text))
                and _OWED_UNITS.search(parts[c.index - 1].text)
            )
            or (
                (
                    c.lead in ("vi", "do")
                    or (c.index > 1 and parts[c.index - 1].text in ("vi", "do"))
                )
                and _OWED_UNITS.search(c.text)
                and _UNABLE.search(parts[c.index - (1 if c.lead in ("vi", "do") else 2)].text)
            )  # ("bên em chưa gửi được | vì | còn 3 xã chưa gửi số liệu")
            or (  # "trạm y tế chưa nộp, em hỏi mấy lần rồi": owed, and chased
                _CHASED_SINCE.search(c.text)
                and _NOT_IN_YET.match(parts[c.index - 1].text)
                and not _OPINIONS_SOUGHT.search(" ".join(p.text for p in parts))
            )
            or (_THEN_ABLE.search(c.text) and _OWED_UNITS.search(parts[c.index - 1].text))
            or (  # "mới có 3/5 xã gửi số liệu, e chưa tổng hợp được": the rest still owed
                _CANNOT_COMPILE.search(c.text) and _FEW_DELIVERED.search(parts[c.index - 1].text)
            )
        )
    ]
    if not owed and not any(v.status is D or v.kind in _SOME_DONE for v in found):
        owed = [c.index for c in parts if _UNIT_DATA_OWED.search(c.text)][:1]  # "phòng Tài
        # chính - Kế hoạch chưa gửi số liệu": a phòng's data owed, nothing said done
    if not owed and not any(
        (v.status is D and not _UNITS_COUNTED.search(parts[v.clause].text)) or v.kind == "progress"
        for v in found
        if v.clause < len(parts)
    ):
        owed = [c.index for c in parts if _AWAITED_UNITS.search(c.text)][:1]  # "3/5 điểm
        # trường đã gửi số liệu, em còn chờ 2 điểm nữa": the rest of the units awaited
    if not owed:
        awaited = [c.index for c in parts if _AWAITED_INPUT.search(c.text) and not c.condition]
        if awaited and not any(
            (v.status is D or v.kind in ("progress", "started", "partial", "still"))
            and v.clause not in awaited
            and v.clause < len(parts)
            and not _OTHERS_DONE.search(parts[v.clause].text)
            and not _THEN_ABLE.search(parts[v.clause].text)  # "… thì em mới tổng hợp được":
            for v in found  # only then, no start
        ):
            owed = awaited[:1]
    if owed and any(_WORKAROUND.search(c.text) for c in parts):
        return []
    return [Vote(B, 0.95, i, "waiting") for i in owed]


def _poor_line(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Em gửi rồi ạ, mạng yếu gửi mãi mới đi được", "mai em bắt đầu, hôm nay mạng yếu quá":
    a poor line slows what goes through it; it holds the work up only where the reply says
    something could not be done ("mạng mất, không gửi hồ sơ lên được")."""
    if not any(v.status is B for v in found) or any(_CANNOT.search(c.text) for c in parts):
        return found
    line = [
        v
        for v in found
        if v.status is B
        and v.kind == "obstacle"
        and v.clause < len(parts)
        and _NETWORK.search(parts[v.clause].text)
        and not _OTHER_OBSTACLE.search(_NETWORK.sub(" ", parts[v.clause].text))
    ]
    if not line:
        return found
    if _ON_THE_LINE.search(" ".join(c.text for c in parts)) or (
        not any(v.status in (D, NS, IP) for v in found)
        and any(v.kind == "other_sense" for v in found)
    ):  # "alo anh ơi, e ko nghe rõ, sóng yếu", "xong việc ở bản em về trả lời anh nhé, giờ
        return [v for v in found if v not in line]  # sóng yếu": the call, the answer later
    if not any(v.status in (D, NS, IP) for v in found):
        return found  # "đứt cáp quang cả tuần nay, mất mạng": nothing else said, held up
    return [Vote(B, 0.5, v.clause, "slow") if v in line else v for v in found]


_NETWORK = re.compile(
    r"(?<!\w)(?:(?:mang|duong truyen|internet|wifi|cap quang|song)(?: \w+){0,3} (?:bi |dang )*"
    r"(?:dut|mat|chap chon|hong|yeu|kem|rot|sap)|mat (?:mang|song|ket noi)"
    r"|khong co (?:song|mang|internet|wifi))(?!\w)"
)
_CANNOT = lexicon.gated(  # "… không gửi hồ sơ lên hệ thống được", "up file lên hoài không được"
    r"(?<!\w)(?:khong|chua|ko) (?:(?!(?:xem|nghe|doc|khong|chua|ko)\b)\w+ ){0,6}(?:duoc|dc)(?!\w)"
    r"|(?<!\w)ket(?!\w)"
)  # (not "em không xem lại được": only the reply's own checking)
_ON_THE_LINE = re.compile(r"(?<!\w)(?:alo|(?:khong|ko|chua) nghe (?:ro|thay|duoc))(?!\w)")
_OTHER_OBSTACLE = re.compile(r"(?<!\w)(?:mat dien|cup dien|lu|sat|hong may|may hong)(?!\w)")


def _provisional(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Tạm xong, em rà lại lần nữa mới gửi", "coi như xong, chỉ còn ký số rồi gửi", "tương
    đối ổn rồi, mai em hoàn thiện nốt": done for now, with a step still said: under way."""
    out = []
    for v in found:
        if (
            v.kind == "doubt"
            and v.clause + 1 < len(parts)
            and _FOR_NOW.match(parts[v.clause].text)
            and any(_MORE_TO_DO.search(c.text) for c in parts[v.clause + 1 :])
        ):
            v = Vote(IP, 0.9, v.clause, "hedged")
        out.append(v)
    return out


_FOR_NOW = re.compile(
    r"^(?:(?:da|em|ben em|cung) )*(?:tam|coi nhu|tuong doi_?)(?: \w+)? (?:xong|on)"
)
_MORE_TO_DO = re.compile(  # a step to the product still said (not "để em rà lại": a check)
    r"(?<!\w)(?:hoan thien|chi con|con (?:ky|trinh|gui)|lan cuoi|moi gui|roi (?:moi )?gui"
    r"|lam not)(?!\w)"
)


def _rather_than(parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Em đính chính: ko phải xin đến 10/8 mà là đến 20/8 ạ": the request said again,
    corrected."""
    return [
        Vote(X, 1.0, c.index, "extension")
        for c in parts[1:]
        if c.lead == "ma"
        and _BUT_UNTIL.match(c.text)
        and _NOT_THAT_REQUEST.search(parts[c.index - 1].text)
    ]


_BUT_UNTIL = re.compile(r"^ma la (?:xin )?(?:den|toi|sang) (?:ngay )?\d{1,2}/\d{1,2}")
_NOT_THAT_REQUEST = re.compile(r"(?<!\w)khong phai (?:la )?(?:xin|gia han|lui)(?!\w)")


def _sent_on(found: list[Vote], parts: list[clauses_.Clause], today: date) -> list[Vote]:
    """ "Phường em gửi BC 34/BC-UBND và KH 35/KH-UBND ngày 8/7 ạ", "bên em ban hành số
    33/KH-UBND ngày 09/07": the product sent or issued under its number on a day gone by, done
    (when nothing else is said)."""
    if any(v.status for v in found):
        return []
    text = " ; ".join(c.text for c in parts)  # ("em nộp 2 văn bản: 120/BC-UBND …, cùng ngày 12/7")
    if (m := _SENT_NUMBERED.search(text) or _BARE_NUMBER.match(text)) and (
        (day := completion_date(text[m.start() :], today=today)) and day < today
    ):
        return [Vote(D, 1.0, text.count(" ; ", 0, m.start()), "done")]
    return []


def _sent_dated(found: list[Vote], parts: list[clauses_.Clause], today: date) -> list[Vote]:
    """ "Chủ tịch UBND xã ký số và gửi Sở Nội vụ chiều ngày 14/7": signed and sent on a day
    gone by, said without "đã" or "rồi", beside no other state than a hardship or a step."""
    if any(v.status in (D, X, NS) or (v.status is IP and v.weight >= 0.9) for v in found):
        return []
    for c in parts:
        if c.condition or c.question or not (m := _SENT_DATED.search(c.text)):
            continue
        if _FOR_REVIEW.search(m.group()):
            continue  # "gửi Sở Y tế thẩm định từ ngày 2/7": theirs to appraise, not delivered
        day = completion_date(c.text[m.start() :], today=today)
        if day and day < today:
            return [Vote(D, 1.0, c.index, "done")]
    return []


_FOR_REVIEW = re.compile(r"(?<!\w)(?:tham dinh|phe duyet|xin y kien|gop y|cho y kien|duyet)(?!\w)")
_SENT_DATED = lexicon.gated(
    r"(?<!\w)(?<!chua )(?<!se )(?<!khong )(?:ky(?: so)? va )?(?:gui|nop)(?: \S+){0,6}?"
    r" (?:(?:chieu|sang) )?(?:ngay|hom) \d{1,2}/\d{1,2}(?![\d/])"
)


_BARE_NUMBER = re.compile(  # "Dạ số 92/BC-PGDĐT ngày 14/7/2026 ạ": the product's number only
    r"^(?:da )?(?:van ban |cong van |bao cao |ke hoach |quyet dinh )?so \d+/[a-z][\w-]* ngay \d"
)
_SENT_NUMBERED = lexicon.gated(
    r"(?<!\w)(?<!chua )(?<!se )(?:gui|nop|ban hanh|phat hanh)(?: \S+){0,6}? (?:so )?\d+/[a-z]"
)


def _lacking_cause(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Chưa triển khai được do chưa có phòng máy", "chưa làm được vì Sở chưa ra hướng dẫn":
    not begun because something is lacking, the obstacle that holds it (status-language.md)."""
    out = []
    for c in parts[1:]:
        before = parts[c.index - 1]
        if c.lead in ("vi", "do") and _UNABLE_YET.search(before.text):
            cause = c  # "chưa triển khai được do chưa có phòng máy"
        elif c.lead == "nen" and _UNABLE_YET.search(c.text):
            cause = before  # "phần mềm vẫn chưa cho đổi tên đơn vị nên em chưa nộp được"
        elif (
            c.lead == "nen"
            and _NOT_BEGUN_PART.search(c.text)
            and _UNABLE.search(before.text)
            and not _OWN_NOT_YET.search(before.text)
        ):  # "nhưng chưa chọn được nhà thầu nên chưa khởi động phần số hóa": kept from it
            if not any(v.status is B for v in found):
                out.append(Vote(B, 0.9, before.index, "obstacle"))
            continue
        elif (
            c.lead == "nen"
            and _NOTHING_TO_WORK_ON.search(c.text)
            and _NOT_HANDED_OVER.search(before.text)
        ):  # "hồ sơ còn nằm trong kho của huyện cũ, chưa bàn giao về nên bên em chưa có gì để
            if not any(v.status is B for v in found):  # số hóa": what the work needs not given
                out.append(Vote(B, 0.9, before.index, "obstacle"))
            continue
        else:
            continue
        if any(v.status is B and v.clause in (c.index, cause.index) for v in found):
            continue  # read already: "còn 3 xã chưa gửi nên chưa tổng hợp được" waits on them
        if (
            cause is before
            and _STATE_IN_WAY.search(before.text)
            and not _OWN_NOT_YET.search(before.text)
        ):  # "3.000 hồ sơ đóng thùng hết nên chưa lấy ra số hoá được": what the work needs is
            out.append(Vote(B, 0.9, cause.index, "obstacle"))  # not at hand
            continue
        owed = (  # "do công an xã chưa xuống làm": another's part not done (not our own
            cause.lead in ("vi", "do")  # leader's: "vì lãnh đạo đi công tác chưa ký")
            and bool(lexicon.NEGATORS & set(cause.text.split()))
            and not _OUR_LEADER.search(cause.text)
        )
        if _NOT_THERE_YET.search(cause.text) or owed:  # (a B vote there was checked above)
            out.append(Vote(B, 0.9, cause.index, "obstacle"))
    return out


_OUR_LEADER = re.compile(
    r"(?<!\w)(?:lanh dao|sep|giam doc|pho giam doc|chu tich|pho chu tich|truong phong|pho phong"
    r"|thu truong|ld|gd|pgd|ct|pct"
    r"|ky|ky so|chu ky|duyet)(?!\w)"  # "vì chưa ký số": our own signature, the last step
)
_NOTHING_TO_WORK_ON = re.compile(
    r"(?<!\w)(?:chua|khong) co (?:gi|du lieu|ho so|so lieu|tai lieu)(?: \w+)? de (?:\w+ )?"
    r"(?:lam|so hoa|nhap|tong hop|ra soat|xu ly|scan|quet)(?!\w)"
)
_NOT_HANDED_OVER = re.compile(r"(?<!\w)chua (?:ban giao|giao|chuyen|cap|tra)(?!\w)")
_NOT_BEGUN_PART = re.compile(r"(?<!\w)chua (?:khoi dong|trien khai|bat dau|thuc hien)(?!\w)")


def _halted_beside_a_cause(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Tạm dừng ạ, toàn bộ cán bộ xã đang dồn đi khắc phục hậu quả lũ": a halt, said with no
    "vì", beside the clause that says why, is held up (alone, "tạm dừng rồi anh" asks)."""
    out = []
    for v in found:
        c = v.clause
        if (
            v.status is B
            and v.kind == "eased"
            and c < len(parts)
            and _HALTED.search(parts[c].text)
            and any(
                _HARD_WEEK.search(b.text)
                or _STAFF_ELSEWHERE.search(b.text)
                or _NOT_GIVEN.search(b.text)
                for b in parts[max(c - 1, 0) : c + 2]
                if b.index != c
            )
        ):
            v = Vote(B, 0.9, c, "obstacle")
        out.append(v)
    return out


_HALTED = re.compile(r"(?<!\w)(?:tam dung|dung lai|tam ngung|tam gac|dang dung|dung im)(?!\w)")
_STAFF_ELSEWHERE = re.compile(
    r"(?<!\w)(?:can bo|cong chuc|nguoi|anh em|chuyen vien)(?: \w+){0,3} (?:dang )?"
    r"(?:don|di|nghi|bi) (?:\w+ )?(?:khac phuc|chong|hoc|cong tac|om|phep|tap huan)(?!\w)"
)
_NOT_GIVEN = re.compile(
    r"(?<!\w)chua (?:duoc )?(?:cap|bo tri|giao|ban hanh|co) (?:kinh phi|von|huong dan)"
)


def _unable_beside_a_cause(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Chưa làm được chị ạ, phần mềm một cửa mới chưa kết nối với Cổng", "cán bộ địa chính
    chuyển công tác rồi, người thay chưa có, chưa làm được": "chưa … được" is being kept from
    the work, and the clause beside it, with no linking word, says by what."""
    if any(v.status is B for v in found):
        return found
    for c in parts:
        if not _UNABLE_ALONE.match(c.text):
            continue
        causes = {
            b.index
            for b in parts[max(c.index - 3, 0) : c.index + 2]
            if b.index != c.index and (_ABSENT_CAUSE.search(b.text) or _STATE_IN_WAY.search(b.text))
        }
        if not causes or any(
            v.status is not None and v.clause not in causes | {c.index} for v in found
        ):
            continue  # (the state said elsewhere: read as it stands)
        return [  # ("trụ sở cũ đang sửa chữa": the building's state, not our work going on)
            *(v for v in found if v.status is None),
            Vote(B, 0.9, c.index, "obstacle"),
        ]
    return found


_UNABLE_ALONE = re.compile(  # "chưa làm được anh ơi": unable, the clause saying no more
    r"^(?:(?:em|e|ben em|xa|minh|toi|van|nen|thi) )?chua (?:lam|trien khai|thuc hien|so hoa"
    r"|nhap|tong hop|gui|nop|lay ra|lay ra so hoa) duoc(?: (?:a|ah|anh|chi|oi|het|nua))*$"
)
_ABSENT_CAUSE = re.compile(  # what is missing or broken, said in a clause of its own
    r"(?<!\w)(?:chua|khong|ko) (?:ket noi|duoc cap|ban giao)(?!\w)|(?<!\w)chuyen cong tac(?!\w)"
    r"|(?<!\w)(?:khong|ko|chua) (?:co|duoc)(?: (?:a|anh|chi))*$|(?<!\w)(?:hong|loi|mat mang"
    r"|mat song|mat dien|khong co song)(?!\w)"
)
_UNABLE_YET = re.compile(
    r"(?<!\w)chua (?:lam|trien khai|thuc hien|bat dau|tien hanh|to chuc|nop|gui|so hoa|lay ra"
    r"|lay ra so hoa|nhap|nhap lieu|scan|quet|tong hop|ra soat|cap nhat|upload|dang nhap"
    r"|phat hanh|ban hanh|chay|ket noi|tich hop|van hanh|hoat dong|thanh toan)"
    r"(?: van ban| ke hoach| quyet dinh)?"  # "chưa phát hành văn bản được"
    r" duoc(?!\w)(?! (?:nhieu|bao nhieu|mot|\d|phan|khoang|it|gi nhieu))"
)
_NOT_THERE_YET = re.compile(  # not yet given, issued, assigned (not "chưa đến kỳ")
    r"(?<!\w)(?:chua|khong) (?:co|ra|duoc|nhan duoc|cap|ban hanh|giao|ban giao|bo tri|phan bo"
    r"|gui|cho_?)(?!\w)"
)
_STATE_IN_WAY = re.compile(  # the things the work needs packed, locked, wet, elsewhere
    r"(?<!\w)(?:dong thung|niem phong|bi khoa|khoa kho|bi uot|bi mat|mat het|nam o|con o|de o"
    r"|chua ban giao|dang sua chua|dang sua|dang nang cap|bi hong|hong het|hu het"
    r"|con dau(?: \w+)? chua co)(?!\w)"  # "sau sáp nhập con dấu mới chưa có"
)


def _done_first(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Em làm xong việc khác đã rồi mới làm việc này", "vừa học xong lớp bồi dưỡng hôm qua,
    mai mới bắt đầu làm việc này": what is done is another work, before the task's start."""
    starts = [c.index for c in parts if _THEN_START.search(c.text) and not _of_other_work(parts, c)]
    done = [v for v in found if v.status is D]
    if not starts or not done or any(v.clause > min(starts) for v in done):
        return found
    if any(v.status in (IP, B, X) and v.weight >= 0.9 for v in found):
        return found  # (not "xong phần 1, đang làm phần 2, tuần sau mới làm phần 3")
    if any(v.clause < len(parts) and parts[v.clause].text.startswith("phan ") for v in done):
        return found  # "phần rà soát đã làm rồi, phần số hoá tuần sau mới làm": a part of it
    return [v for v in found if v.status is not D] + [Vote(NS, 0.9, min(starts), "future_start")]


def _of_other_work(parts: list[clauses_.Clause], c: clauses_.Clause) -> bool:
    """ "…, còn nhiệm vụ 3.4 thì tuần sau em mới làm": the start of the other work named, and
    what follows its "thì" clause unlinked ("…, còn kế hoạch tuyên truyền thì em đang làm, chắc
    tuần sau xong")."""
    if c.lead == "con":
        return True
    if c.index == 0 or _named_this(c) or _THIS_NAMED.match(c.text):
        return False
    before = parts[c.index - 1]
    if c.lead == "thi":
        return before.lead == "con"
    return not c.lead and before.lead == "thi" and _of_other_work(parts, before)


def _other_work_after(parts: list[clauses_.Clause], i: int) -> bool:
    """A later "còn/riêng <another work> thì …": a second piece of work's news."""
    return any(
        (
            p.lead == "con"
            or p.text.startswith("rieng ")
            or (p.text.startswith("cai ") and not _THIS_NAMED.match(p.text))
        )  # "cái này em nộp rồi, cái báo cáo chuyển đổi số … thì em đang làm"
        and p.index + 1 < len(parts)
        and parts[p.index + 1].lead == "thi"
        for p in parts[i + 1 :]
    )


def _this_task(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Báo cáo quý thì hoàn thành rồi, còn kế hoạch này chưa bắt đầu": "còn … này" names
    the task after another piece of work's news, and so do "nhiệm vụ này (1.4) …" and "việc
    anh nhắc …"; what it says of the task is what counts."""
    if not any(v.status and v.kind != "remaining" for v in found):
        return found  # (the last test below, first: no state of the task's to keep)
    these = {
        c.index
        for c in parts
        if (c.lead in ("con", "nhung") or c.text.startswith("rieng ")) and _THIS_ONE.match(c.text)
    } | {  # "bc quý 2 xong r, | cái này chưa lm": other work's news, then this one's
        c.index
        for c in parts
        if c.index
        and _THIS_NAMED.match(c.text)
        and any(v.status is D and v.clause < c.index for v in found)
        and not any(v.status is D and v.clause in (c.index, c.index + 1) for v in found)
    }  # (not "…, việc này coi như hoàn thành": this one done too)
    for c in parts:  # "Dạ nhiệm vụ này (1.4) em xong rồi, còn 1.5 thì đang làm": up to "còn"
        if (
            _named_this(c)
            or (
                (asked := _YOU_ASKED.search(c.text))
                and (c.index or (len(parts) > 1 and parts[1].lead == "thi"))
            )
            or (
                (_THIS_NAMED.match(c.text) or asked)  # (searched just above)
                and _other_work_after(parts, c.index)
            )  # "nhiệm vụ anh nhắc … đã hoàn thành; riêng phần … là việc khác thì …"
            or (  # "…, bên tôi đang khắc phục. Về số hóa hồ sơ thì … đã hoàn thành"; "…, còn
                c.index  # vụ số hóa thì chưa làm"
                and (
                    _ABOUT_TASK.match(c.text)
                    or (  # after another work's done: "gia hạn thẻ BHYT … xong hết rồi, còn …"
                        _THAT_TASK.match(c.text)
                        and any(v.status is D and v.clause < c.index for v in found)
                        and not _names_this(parts, c.index)
                    )
                )
                and c.index + 1 < len(parts)
                and parts[c.index + 1].lead == "thi"
            )
        ):
            these.add(c.index)
            for after in parts[c.index + 1 :]:
                if after.lead in ("con", "nhung", "ma") or after.text.startswith("rieng "):
                    break
                if after.text.startswith("cai ") and not _THIS_NAMED.match(after.text):
                    break  # "cái này em nộp rồi, | cái báo cáo … thì em đang làm": another
                these.add(after.index)
    these = (
        these
        or {  # (unless the task was named "this": "việc này em chưa làm, còn báo
            c.index  # cáo thiệt hại lũ thì em gửi rồi")
            for c in parts
            if c.index
            and _REPORT_TOPIC.match(c.text)
            and c.index + 1 < len(parts)
            and parts[c.index + 1].lead == "thi"
            and any(
                v.status and v.clause < c.index and "bao cao" not in parts[v.clause].text
                for v in found
            )
            and not (  # (not "em xong phần rà soát rồi, còn phần báo cáo thì chưa": two parts)
                c.text.split()[1:2] == ["phan"]
                and any(" phan " in f" {p.text}" for p in parts[: c.index])
            )
        }
    )  # "em gửi hàng cứu trợ rồi, còn báo cáo thì chưa đụng tới": the report is the task
    if not these:  # "Em chưa làm được gì việc này anh ạ, | mới làm xong báo cáo 6 tháng": this
        said = {v.clause for v in found if v.status is not None}  # task named in its clause
        begun_not = {v.clause for v in found if v.status is NS}  # not begun, another product's
        these = {  # news in another
            c.index
            for c in parts
            if c.index in begun_not
            and _THIS_IN.search(c.text)
            and any(b.index in said and _PRODUCT.search(b.text) for b in parts if b is not c)
        }
    these |= {i + 1 for i in these if i + 1 < len(parts) and parts[i + 1].lead == "thi"}
    if not any(v.clause in these and v.status and v.kind != "remaining" for v in found):
        return found
    return [
        v for v in found if (v.clause in these and v.kind != "remaining") or v.status is None
    ]  # (not "what is left" of the other work: this task's own state is said)


_THIS_IN = re.compile(r"(?<!\w)(?:viec|nhiem vu|cai|vu) (?:nay|ni)(?!\w)")


def _named_this(c: clauses_.Clause) -> bool:
    """The clause names the task itself: "nhiệm vụ này", "việc này xong rồi", "xong việc này"."""
    return bool(_THIS_TASK.match(c.text if c.index else c.text.removeprefix("da ")))


def _names_this(parts: list[clauses_.Clause], end: int) -> bool:
    """A clause before ``end`` names the task itself, with other work's news after it."""
    return any(
        _named_this(c) or (_THIS_NAMED.match(c.text) and _other_work_after(parts, c.index))
        for c in parts[:end]
    )


def _missing_part(found: list[Vote], parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Đã gửi, còn thiếu phụ lục", "gần xong, còn thiếu một ít số liệu": after the work is
    said done or nearly so, "còn/nhưng … thiếu" a part of the product is what is left of it,
    not an obstacle (lacking money, staff or guidance still is); under a doubt ("hình như còn
    thiếu") it makes the done a question."""
    if not any(v.kind in ("obstacle", "eased") for v in found):
        return found  # (the last test below, first: no obstacle to read as a part left)
    done_at = [v.clause for v in found if v.kind in ("done", "hedged", "partial", "own_part")]
    done_at += [c.index for c in parts if _SHARE_DONE.search(c.text)]  # "tiến độ 80%, còn thiếu …"
    done_at += [  # "tạm xong rồi chị, còn thiếu số liệu quý 2 em bổ sung vào sau"
        v.clause for v in found if v.kind == "doubt" and _FOR_NOW.match(parts[v.clause].text)
    ]
    ahead = any(v.kind == "forecast" for v in found)  # "còn thiếu 2 biểu, em bổ sung là xong"
    if not (done_at or ahead) or not any(v.kind in ("obstacle", "eased") for v in found):
        return found
    first = -1 if ahead else min(done_at)
    kept: list[Vote] = []
    unsure: set[int] = set()
    for v in found:
        obstacle = v.kind in ("obstacle", "eased") and v.clause < len(parts)
        c = parts[v.clause] if obstacle else None
        lack = (
            _LACKING.search(c.text) or _LEFT_WITHOUT.match(c.text)
            if c is not None and v.clause > first
            else None
        )  # ("xong phần lớn rồi, còn 2 bản chưa có số liệu": two items left)
        if c is not None and v.clause > first and _SMALL_FAULT.search(c.text):
            unsure.add(v.clause)  # "xong rồi, chỉ còn vài lỗi nhỏ": done, or not quite?
            kept.append(Vote(None, 1.0, v.clause, "unsure"))
            continue
        if c is None or lack is None or lack.group(1) in _RESOURCES:
            kept.append(v)
            continue
        previous = parts[v.clause - 1].text if v.clause else ""
        nearly = any(w.kind in ("hedged", "partial") and w.clause == v.clause - 1 for w in found)
        if (
            c.lead not in ("con", "nhung", "ma")
            and " con thieu" not in f" {c.text}"
            and not (nearly and _ONLY_LACKING.match(c.text))
        ):  # (but "xong gần hết, thiếu báo cáo của 2 trường": what is left of it)
            kept.append(v)
            continue
        doubted = lexicon.DOUBT.search(c.text) or (
            v.clause - 1 > first and lexicon.DOUBT.search(previous)
        )
        if doubted and not ahead:
            unsure.add(v.clause)
            kept.append(Vote(None, 1.0, v.clause, "unsure"))
        else:
            kept.append(Vote(IP, 0.9, v.clause, "remaining"))
    return [v for v in kept if not (v.kind == "remaining" and v.clause in unsure)]


def _defects(found: list[Vote], norm: str, parts: list[clauses_.Clause]) -> list[Vote]:
    """An obstacle said where the work was sent back ("Sở báo thiếu phụ lục nên trả lại"), or
    given as its cause ("bị trả về vì thiếu bản scan"), is what was found wrong with it, not
    what stops the work; one in a reply that asks the
    coordinator to resend ("file bị lỗi, anh gửi lại giúp em") may be theirs, not the task's."""
    returned = {v.clause for v in found if v.kind == "returned"}
    resend = " lai" in norm and bool(lexicon.RESEND.search(norm))
    if not returned and not resend:
        return found
    kept = []
    for v in found:
        if v.kind == "obstacle" and (v.clause in returned or v.clause + 1 in returned):
            continue
        cause = v.clause < len(parts) and (
            parts[v.clause].lead in ("vi", "do") or parts[v.clause].text.startswith("ly do ")
        )  # "bị trả về, lý do thiếu chữ ký số": the defect found
        if v.kind in ("obstacle", "eased") and cause and v.clause - 1 in returned:
            continue
        if v.kind == "obstacle" and resend:
            v = Vote(B, 0.5, v.clause, "eased")
        kept.append(v)
    return kept


def _contrast_unsure(c: clauses_.Clause) -> bool:
    if _BY_THE_WAY.match(c.text):
        return False  # "Xong hết rồi anh ơi. Mà nhân tiện anh cho em hỏi …": another matter
    return c.question or "biet" in c.text.split() or _denied(c.text)


_BY_THE_WAY = re.compile(r"^(?:ma |a_q ma |con )?(?:nhan tien|tien the|tien day|a ma)(?!\w)")


_LATER_SEND = re.compile(
    r"(?<!\w)(?:gui|nop|bo sung|up|chuyen)(?: \w+){0,2} (?:sau|bo sung)(?! khi)(?!\w)"
    r"|(?<!\w)de (?:tuan sau|mai|thu \d|chieu)(?!\w)"
)


def _part_sent_later(parts: list[clauses_.Clause], c: clauses_.Clause) -> bool:
    """ "Em đã gửi báo cáo chính rồi, còn phụ lục số liệu chi tiết thì tuần sau em gửi bổ
    sung", "còn bản có ký đóng dấu thì để tuần sau": a part of the product to follow."""
    if c.lead != "con":
        return False
    follows = parts[c.index + 1] if c.index + 1 < len(parts) else None
    return bool(_LATER_SEND.search(c.text)) or (
        follows is not None and follows.lead == "thi" and bool(_LATER_SEND.search(follows.text))
    )


def _to_deliver(text: str) -> bool:
    """ "xong rồi, chiều em gửi", "…, em gửi anh sau": the product is still to be sent."""
    if not _DELIVER_VERB.search(text) and not _RESULTS_LATER.search(text):
        return False
    if (later := lexicon.LATER_REPORT.search(text)) and not later.group().endswith("thu sau"):
        return True  # (not "gửi từ thứ Sáu tuần trước": Friday, not "later")
    return bool(lexicon.FUTURE.search(text)) and not _SAID_PAST.search(text)


_ADDED_LATER = lexicon.gated(r"(?<!\w)bo sung (?:\w+ )?sau(?! khi)(?!\w)")
# "gửi Sở hôm thứ 2 rồi", "gởi lên Sở hồi chiều qua": sent
_SAID_PAST = re.compile(  # (and "gửi từ thứ Sáu tuần trước": since a day gone by)
    r"(?<!\w)(?:hom|da|roi|vua|hoi|chieu qua|sang qua|toi qua|tuan truoc|tuan roi|bua truoc"
    r"|thang truoc|tu)(?!\w)"
)


def _denied(text: str) -> bool:
    """ "… mà bên Sở bảo chưa nhận được": a contrast saying the delivery has not arrived (not
    "nhưng chưa thấy phản hồi": delivered, the answer awaited)."""
    return bool(lexicon.NOT_RECEIVED.search(text))


_PARTICLES = frozenset(
    {"da", "a", "ah", "anh", "chi", "em", "nhe", "nha", "oi", "van", "con", "dau"}
)


def _bare_negation(parts: list[clauses_.Clause]) -> list[Vote]:
    """ "Dạ chưa ạ": a reply that only says "not yet"."""
    words = {w for c in parts for w in c.text.split()} - _PARTICLES
    if words in (
        {"chua"}, {"khong", "chua"}, {"chua", "xong", "gi"}, {"chua", "xong", "gi", "ca"},
        {"chua", "duoc"},  # "chưa được ạ": not begun, or not finished?
    ):  # fmt: skip
        # ("k, chưa": no, not yet)
        return [Vote(None, 1.0, 0, "not_yet")]  # "chưa xong gì cả": begun, or not at all?
    return []


_FORGOT = re.compile(r"(?<!\w)quen (?:mat|khuay|mat tieu|luon)(?!\w)")
_BUSY_ELSEWHERE = re.compile(
    r"(?<!\w)(?:ban|lu bu|ban ron) (?:tiep|hop|di|viec|qua|lu bu|nhieu|chuan bi|trien khai dot)"
    r"(?!\w)|^con nguyen(?!\w)|(?<!\w)chua co thoi gian(?!\w)"
    # "chưa anh ơi, em mới nhận bàn giao từ chị kia": just taken over
    r"|(?<!\w)moi (?:nhan ban giao|nhan viec|duoc (?:phan cong|giao)|ve nhan cong tac"
    r"|chuyen ve)(?!\w)"
)


def _not_yet_busy(parts: list[clauses_.Clause]) -> bool:
    """A bare "chưa" first, then busy with something else ("em còn đang làm cái báo cáo khác",
    "đang đi công tác"): not begun."""
    if len(parts) < 2 or set(parts[0].text.split()) - _PARTICLES != {"chua"}:
        return False
    for c in parts[1:]:
        if _FORGOT.search(c.text) or _BUSY_ELSEWHERE.search(c.text):
            return True  # "chưa ạ, em quên mất", "chưa ạ, mấy bữa nay bận tiếp công dân quá",
            # "chưa, còn nguyên anh ơi" (untouched)
        at = c.text.find("dang ")
        if at >= 0 and (at == 0 or c.text[at - 1] == " ") and lexicon.BUSY.match(c.text[at + 5 :]):
            return True
    return False


_NO_OBSTACLE = lexicon.gated(
    r"(?<!\w)(?:khong|ko|k|chua|chang) (?:co |gap |bi |phat sinh )*(?:\w+ ){0,2}"
    r"(?:vuong mac|kho khan|tro ngai|van de)(?!\w)"  # not a bare "vuong": "ko vg j" is unclear
)


def _no_obstacle(parts: list[clauses_.Clause], found: list[Vote]) -> list[Vote]:
    """ "Không có vướng mắc ạ", "k co vm gi": a reply that only says nothing is in the way
    reports the work going on (weakly: nothing else is said)."""
    if any(v.status is not None for v in found) or any(c.question for c in parts):
        return []
    if any(_NO_OBSTACLE.search(c.text) for c in parts):
        return [Vote(IP, 0.6, 0, "no_obstacle")]
    return []


_OPENER = re.compile(
    r"^(?:da |em |e |xin |kinh )?(?:xin )?bao cao (?:anh|chi|a|c|dong chi|lanh dao|thu truong|sep)"
    r"(?: a| ah)?$"
)


def _opener(display: str, parts: list[clauses_.Clause]) -> bool:
    """ "Dạ báo cáo anh, …": the polite opening of a report, not "đã báo cáo" (reported):
    "Dạ" written, or more said after it."""
    if not parts or "bao cao" not in parts[0].text or not _OPENER.match(parts[0].text):
        return False
    return display.lstrip()[:2].lower() in ("dạ", "em", "xi", "kí", "bá") or len(parts) > 1


_CITED = lexicon.gated(  # "theo yêu cầu tại CV 215/SNV-CCHC ngày 12/3": the instruction, cited
    r"(?<!\w)(?:(?<!gui )(?<!nop )(?<!trinh )(?<!kem )theo|can cu|thuc hien)(?: (?!ngay)\w+){0,5}? "
    r"(\d+/[\w/.-]*[a-z][\w/.-]*)(?: ngay \d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?)?"
)


_INPUT_DOC = lexicon.gated(  # a document that gives the work: "QĐ … giao 35 biên chế"
    r"\d(?:\S*) (?:\S+ ){0,4}(?:giao|yeu cau|huong dan|quy dinh|chi dao|cho phep|phan cong)(?!\w)"
    r"(?! kem)"  # (not "Công văn số 34/UBND-VP hướng dẫn kèm theo": issued with ours)
)


def _uncited(norm: str) -> tuple[str, set[str]]:
    """``norm`` without the documents cited as what the work answers (their numbers and
    dates are not the product's), and the cited numbers, lower-cased."""
    cited = {m.group(1) for m in _CITED.finditer(norm)}
    if not cited:
        return norm, cited
    return _CITED.sub(lambda m: " " * (m.end() - m.start()), norm), cited


_FORMER_OWNER = re.compile(  # the work was an abolished or merged unit's
    r"(?<!\w)(?:truoc|truoc day|truoc kia|hoi truoc) (?:la )?(?:do )?(?:ben )?(?:huyen|xa cu"
    r"|huyen cu|phuong cu|don vi cu|phong cu|so cu)(?: \w+){0,2} (?:lam|phu trach|thuc hien|lo"
    r"|chu tri)(?!\w)"
)
_PLAN_NOT_CARRIED_OUT = re.compile(
    r"^(?:da |(?:ben )?em |da em )?(?:co|da co|ban hanh|da ban hanh|xay dung xong) (?:ke hoach|kh)"
    r"(?: \S+){0,2} (?:roi|r)(?: \w+){0,2}(?: ,| ;|,)? (?:nhung |con )?(?:trien khai|thuc hien)"
    r" (?:thi )?chua(?: \w+){0,2}$"
)
_FORMER_DID = re.compile(  # "phòng Nội vụ huyện cũ làm rồi": a former unit did it
    r"(?<!\w)(?:huyen|xa|phuong|phong|don vi|so)(?: \w+){0,3} cu(?: \w+){0,2} (?:da )?"
    r"(?:lam|thuc hien|xong|hoan thanh)(?!\w)"
)
_DRAFT_SENT = lexicon.gated(
    r"(?<!\w)(?:gui|nop|chuyen|trinh)(?: \w+){0,3} (?:ban )?(?:du thao|ban nhap|ban thao)(?!\w)"
    r"|(?<!\w)(?:du thao|ban nhap|ban thao)(?: \w+){0,3} (?:gui|nop|chuyen|trinh)(?!\w)"
)
_FOR_COMMENTS = re.compile(  # a draft sent to be commented on or checked: a step of the work
    r"(?<!\w)(?:gop y|y kien|xem truoc|xem qua|xem giup|tham khao|chinh sua|hoan thien|sua)(?!\w)"
)
_START_WORD = re.compile(r"(?<!\w)(?:bat dau|bat tay|khoi dong)(?!\w)")  # a start, not a finish
_LAST_YEAR = lexicon.gated(r"(?<!\w)nam (?:ngoai|truoc|roi)(?!\w)")
_COVERED = lexicon.gated(r"(?<!\w)da co (?:noi dung|phan) (?:nay|do|ni)(?!\w)")
_NO_EXTENSION = re.compile(  # "không cần gia hạn, tuần sau xong": no more time wanted
    r"(?<!\w)(?:khong can|khoi|khong phai|chua can) (?:xin )?(?:gia han|lui|them thoi gian)(?!\w)"
)
# "(đầu) tháng 8 em nộp", "chắc tháng 8 mới làm": no day said, but a month after the deadline's
_EARLY_MONTH = re.compile(r"(?:(?<!\w)dau |^|(?<!\w)chac )thang (\d{1,2})(?!\d)")


def _past_deadline(norm: str, today: date, deadline: date | None) -> bool:
    """A completion said to come later than the deadline ("tháng sau mới xong")."""
    when = extension_date(norm, today=today, current_deadline=deadline)
    if when is None and _NEXT_MONTH.search(norm):
        when = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    if when is None and (early := _EARLY_MONTH.search(norm)):  # "đầu tháng 8": no day said,
        month = int(early[1])  # but a month after the deadline's is after it
        when = date(today.year + (month < today.month), month, 1) if 1 <= month <= 12 else None
    if when is None and (after := _AFTER_DAY.search(norm)):  # "có lẽ phải sau 15/8 mới …"
        when = this_year(int(after[1]), int(after[2]), today)
    if when is None and deadline and (lunar := _LUNAR_LATER.search(norm)):
        # "sau Tết", "qua rằm tháng bảy": lunar, no day to record, but past a deadline
        month = _MONTHS.get(lunar[1] or "", 13) + 1  # the lunar month runs about a month behind
        when = date(today.year + 1, 1, 1) if month > 12 else date(today.year, min(month, 12), 1)
    return bool(when and deadline and when > deadline)


_AFTER_EVENT = re.compile(r"(?<!\w)sau (?:dot|ky|cuoc|hoi nghi|dai hoi)(?!\w)")
_AFTER_DAY = re.compile(r"(?<!\w)(?:sau|qua|tu|khoang|den) (?:ngay )?(\d{1,2})/(\d{1,2})(?![\d/])")
_LUNAR_LATER = re.compile(r"(?<!\w)(?:sau|qua|ra|het|den) (?:tet|ram(?: thang (\w+))?)(?!\w)")
_MONTHS = {str(n): n for n in range(1, 13)} | dict(
    zip("gieng hai ba tu nam sau bay tam chin muoi".split(), range(1, 11), strict=True)
)

_ASKED_DONE = lexicon.gated(  # "cho phép bên em hoàn thành …", "xin được nộp …": permission asked
    r"(?<!\w)(?:xin phep|cho_? phep|xin (?:duoc|cho_?)|de nghi (?:cho_?|duoc)"
    r"|cho_? (?:em|ben em|toi|minh|don vi|chung em|phong em|xa em) (?:duoc )?)"
    r"(?: (?!bao|da|dang)\w+){0,3}? (?:hoan thanh|xong|nop|gui)(?!\w)"
)


def _completion_asked_for(parts: list[clauses_.Clause]) -> bool:
    """Permission asked to complete or deliver ("cho phép bên em hoàn thành trong quý 3"),
    with no date past the deadline read: a request for more time, or a promise? Never a
    report of done."""
    return any(_ASKED_DONE.search(c.text) for c in parts)


_DATE_ASKED_WORDS = frozenset(
    "duoc dc khong ko k anh chi a ah nhe nha voi co den toi sang ngay han e em vay the da".split()
)


def _date_asked(c: clauses_.Clause, today: date, deadline: date | None) -> date | None:
    """ "15/8 được không anh?": a question that is only a date past the deadline (within half
    a year of it), asked for."""
    if not c.question:
        return None  # (a quick pre-check: the one below, before the words are split)
    words = set(c.text.split())
    rest = words - _DATE_ASKED_WORDS
    if not c.question or not rest or any(not any(ch.isdigit() for ch in w) for w in rest):
        return None
    dates = " ".join(w for w in c.text.split() if w in rest)
    asked = extension_date(f"den {dates}", today=today, current_deadline=deadline)
    if asked is None or (deadline and not deadline < asked <= deadline + timedelta(days=183)):
        return None
    return asked


_LATE_OPENING = re.compile(
    r"^(?:da )?(?:em|toi|ben em|chung toi|xa em|don vi)? ?xin (?:phep )?bao cao (?:muon|tre|cham)"
    r"(?: (?:a|anh|chi|dong chi))*$"
)


def _completion_requested(
    parts: list[clauses_.Clause], norm: str, today: date, deadline: date | None
) -> bool:
    """ "Có thể hoàn thành trước 31/8 được không?": a completion date asked for, later;
    "xin phép hoàn thành sau khi có số liệu": completion asked for after a condition."""
    overdue_now = bool(deadline and deadline < today)
    for c in parts:
        if _date_asked(c, today, deadline):
            return True
        if not overdue_now and not _DELIVER.search(c.text):
            continue  # (each test below needs a delivery verb in it: _LATER opens on one too)
        words = set(c.text.split())
        asking = _NO_ASKING.sub(" ", c.text) if "xin" in words else c.text  # (sorry; "xin
        # báo cáo": the formal opening of a report)
        request = lexicon.REQUEST.within(words) and lexicon.REQUEST.search(asking)
        if request and _LATER.search(c.text):
            if _LATE_OPENING.match(c.text) and c.index + 1 < len(parts):
                continue  # "Em xin báo cáo muộn: Báo cáo số 102/BC-UBND … đã gửi rồi ạ": the
                # report itself, late, opened with "xin báo cáo"
            return True  # "xin phép cho em nộp muộn vài hôm"
        overdue = bool(request and deadline and deadline < today)
        following = parts[c.index + 1].text if overdue and c.index + 1 < len(parts) else ""
        if (
            ((c.question and not _CONFIRMING.search(c.text)) or request)
            and (_DELIVER.search(c.text) or (following and _DELIVER.search(following)))
            and (not _START_WORD.search(c.text) or overdue)
        ):  # (overdue: "em xin phép để tuần sau làm luôn, nộp trước 24/7": a new date asked)
            asked = extension_date(norm, today=today, current_deadline=deadline)
            if asked and (deadline is None or asked > deadline):
                return True
    return False
