"""Every `rule` a record's evidence can carry, each written once, here (docs/architecture.md
Contract 1): a wrong fact in the graph names its rule, and grepping the rule's value lands on
its constant, whose users are the code that made the fact. tests/unit/test_rules.py fails
when a record carries a rule not listed here, or when a value is written anywhere else.
"""

from __future__ import annotations

# --- the document (extract/document.py): its fields from the header, and who issued it
# A press article: its headline is the trích yếu ("Hội nghị lần thứ 39 Thành ủy …").
PRESS_HEADLINE = "press.headline"
# Header fields; the issuer from the signature's "T/M <organ>" ("T/M BAN THƯỜNG VỤ").
HEADER_SIGNATURE = "header+signature"
# Header fields; the issuer from the preamble's "<organ> ban hành …" ("Ban Thường vụ … ban hành").
HEADER_PREAMBLE = "header+preamble"
# Header fields; the issuer from the header's issuer lines ("THÀNH ỦY HÀ NỘI").
HEADER_HEADER = "header+header"
# Header fields; the issuer from the publisher's metadata field ("Cơ quan ban hành: …").
HEADER_METADATA = "header+metadata"
# Header fields; no issuer found.
HEADER_NONE = "header+none"
# The signer from the signature block (authority line, chức vụ, name: "T/M BAN THƯỜNG VỤ …").
SIGNATURE = "signature"
# The signer from the publisher's metadata field only ("Người ký: …").
METADATA_NGUOI_KY = "metadata.nguoi_ky"

# --- references (extract/references.py): how the document was named, then its relation
# By số hiệu ("Nghị quyết số 18-NQ/TW"), in a "Căn cứ …" paragraph.
REFERENCE_NUMBER_CAN_CU = "reference.number.can_cu"
# By số hiệu, as the document this one carries out ("thực hiện Kết luận số 121-KL/TW").
REFERENCE_NUMBER_THUC_HIEN = "reference.number.thuc_hien"
# By số hiệu, cited only ("theo Chỉ thị số 45-CT/TW").
REFERENCE_NUMBER_TRICH_DAN = "reference.number.trich_dan"
# By type word and bare number, no symbol ("Nghị quyết 18"), in a "Căn cứ …" paragraph.
REFERENCE_BARE_NUMBER_CAN_CU = "reference.bare-number.can_cu"
# By type word and bare number, carried out ("thực hiện Kế hoạch 328").
REFERENCE_BARE_NUMBER_THUC_HIEN = "reference.bare-number.thuc_hien"
# By type word and bare number, cited only ("các Nghị quyết 18, 19").
REFERENCE_BARE_NUMBER_TRICH_DAN = "reference.bare-number.trich_dan"
# By name, no number ("Căn cứ Luật Đất đai"), in a "Căn cứ …" list.
REFERENCE_NAME_CAN_CU = "reference.name.can_cu"
# By name, carried out ("triển khai Luật Đất đai").
REFERENCE_NAME_THUC_HIEN = "reference.name.thuc_hien"
# By name, cited only ("theo Luật Đất đai").
REFERENCE_NAME_TRICH_DAN = "reference.name.trich_dan"

# A reference's rule by how its mention was found (the key of its Mention.rules) and relation.
BY_NUMBER = {"can_cu": REFERENCE_NUMBER_CAN_CU, "thuc_hien": REFERENCE_NUMBER_THUC_HIEN,
             "trich_dan": REFERENCE_NUMBER_TRICH_DAN}
BY_BARE_NUMBER = {"can_cu": REFERENCE_BARE_NUMBER_CAN_CU,
                  "thuc_hien": REFERENCE_BARE_NUMBER_THUC_HIEN,
                  "trich_dan": REFERENCE_BARE_NUMBER_TRICH_DAN}
BY_NAME = {"can_cu": REFERENCE_NAME_CAN_CU, "thuc_hien": REFERENCE_NAME_THUC_HIEN,
           "trich_dan": REFERENCE_NAME_TRICH_DAN}

# --- tasks (extract/tasks.py, extract/roles.py): who is assigned, and how that was read
# The bodies opening the sentence ("Sở Nội vụ chủ trì …").
SENTENCE_SUBJECT = "sentence_subject"
# "Giao <bodies> chủ trì …" at the head of the sentence.
GIAO_CHU_TRI = "giao_chu_tri"
# A directing verb names the actors ("Đề nghị …", "UBND tỉnh yêu cầu các sở … triển khai").
DIRECTIVE = "directive"
# A subject with no body named ("Các cơ quan liên quan …"): the task keeps the heading's.
VAGUE_SUBJECT = "vague_subject"
# "Đối với <bodies>: …" names the bodies the clause after the colon is for.
TOPIC_SUBJECT = "topic_subject"
# The bodies after an introductory clause ("Trên cơ sở …, Ban Thường vụ Thành ủy sẽ …").
INTRO_SUBJECT = "intro_subject"
# An organ word opening the issuer's own name is the issuer ("Văn phòng sẽ phối hợp …").
SELF_REFERENCE = "self_reference"
# A lead directed inside the sentence gets its own task ("chỉ đạo Sở Nội vụ chủ trì cùng …").
NESTED_CHU_TRI = "nested_chu_tri"
# A "Chủ trì: <bodies>" field in a block of labelled lines.
FIELD_CHU_TRI = "field_chu_tri"
# A table row's chủ trì cell.
TABLE_ROW = "table_row"
# "<bodies> có trách nhiệm:" names the assignees of the bullets after it.
LEAD_IN = "lead_in"
# The assignee named in the section heading ("3. Sở Tài chính"), or inherited from above it.
HEADING_ASSIGNEE = "heading_assignee"
# A press report's "<X> đề nghị <bodies> …": the bodies asked to act.
PRESS_DIRECTIVE = "press_directive"
