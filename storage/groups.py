"""The seven task groups of a provincial CCHC plan (SPEC.md "Who it is for")."""

from __future__ import annotations

GROUP_NAMES_VI = {
    1: "Công tác chỉ đạo, điều hành và thông tin, tuyên truyền CCHC",
    2: "Cải cách thể chế",
    3: "Cải cách thủ tục hành chính",
    4: "Cải cách tổ chức bộ máy hành chính nhà nước",
    5: "Cải cách chế độ công vụ",
    6: "Cải cách tài chính công",
    7: "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
}

GROUP_NAMES_EN = {
    1: "Direction, management and communication of CCHC",
    2: "Institutional reform",
    3: "Administrative-procedure (TTHC) reform",
    4: "Reform of the state administrative apparatus",
    5: "Civil-service reform",
    6: "Public-finance reform",
    7: "E-government and digital government",
}
