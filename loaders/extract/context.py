"""What every rule needs to know about the document it reads: where, who, when, what kind.

A body or a reference is relative to the issuer's jurisdiction ("a /TU symbol
in a Hà Nội document is Hà Nội's Thành ủy", DOMAIN.md §1.5, §3.6), so the
jurisdiction is settled once, here, from the strongest evidence available.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from vbkg.loaders.extract.issuers import symbol_is_central
from vbkg.loaders.knowledge.dates import parse_date, year_from_context
from vbkg.loaders.knowledge.numbers import parse_number
from vbkg.loaders.knowledge.vocabulary import (
    CENTRAL,
    Jurisdiction,
    find_jurisdictions,
    jurisdiction_by_name,
    jurisdiction_of_place,
    mentions_central,
)
from vbkg.loaders.parse.model import Layout


@dataclass
class DocContext:
    """The document-wide facts rules are relative to."""

    jurisdiction: str | None  # gold dia_ban of the issuer: "Thành phố Hà Nội", "Trung ương"
    kind: str  # "party" | "state" | "press"
    year: int | None  # issue year, else the year the text is about
    so_hieu: str | None = None  # the document's own number, canonical
    issuer: dict | None = None  # set once document fields are known
    jurisdiction_rule: str = ""  # which evidence gave it (a diagnostic, not a record rule)
    subject: str | None = None  # a central document's one province (its title names it)

    @property
    def central(self) -> bool:
        return self.jurisdiction == CENTRAL

    @property
    def home(self) -> Jurisdiction | None:
        """The province-level unit, for local names; None for central documents."""
        return jurisdiction_by_name(self.jurisdiction)


def own_number(layout: Layout):
    """The document's own number (header first, publisher metadata second), parsed."""
    for span in (layout.header.so_hieu, layout.metadata.get("so_hieu")):
        if span is not None:
            number = parse_number(span.value)
            if number is not None:
                return number
    return None


def build_context(layout: Layout) -> DocContext:
    jurisdiction, rule = _jurisdiction(layout)
    number = own_number(layout)
    return DocContext(
        jurisdiction=jurisdiction,
        kind=layout.kind,
        year=_year(layout),
        so_hieu=number.so_hieu if number else None,
        jurisdiction_rule=rule,
        subject=_subject(layout) if jurisdiction == CENTRAL else None,
    )


def _subject(layout: Layout) -> str | None:
    """The province a central document is about, when its title names exactly one
    ("Kết luận … tại buổi làm việc với Thường trực Tỉnh ủy Thanh Hóa")."""
    title = layout.header.trich_yeu
    named = {j.name for j, _, _ in find_jurisdictions(title.value)} if title else set()
    return named.pop() if len(named) == 1 else None


def _year(layout: Layout) -> int | None:
    for span in (layout.header.date, layout.metadata.get("ngay_ban_hanh")):
        iso = span and (parse_date(span.value) if "/" in span.value else span.value)
        if iso:
            return int(iso[:4])
    return year_from_context(layout.source.text[layout.body_start : layout.body_end])


def _jurisdiction(layout: Layout) -> tuple[str | None, str]:
    """The issuer's jurisdiction and the rule that found it, strongest evidence first."""
    number = own_number(layout)
    if number is not None and symbol_is_central(number.issuer, number.party):
        return CENTRAL, "symbol"
    issuer_text = " ".join(s.value for s in layout.header.issuer_lines)
    if issuer_text:
        if mentions_central(issuer_text):
            return CENTRAL, "header"
        named = find_jurisdictions(issuer_text)
        if named:
            return named[0][0].name, "header"
    for authority in layout.signature.authorities:
        if mentions_central(authority.value):
            return CENTRAL, "authority"  # the signature's "T/M BAN CHẤP HÀNH TRUNG ƯƠNG"
    if layout.header.place is not None:
        place = jurisdiction_of_place(layout.header.place.value)
        if place is not None:
            return place.name, "place"
    publisher = layout.metadata.get("co_quan_ban_hanh")
    if publisher is not None:
        if mentions_central(publisher.value):
            return CENTRAL, "metadata"
        named = find_jurisdictions(publisher.value)
        if named:
            return named[0][0].name, "metadata"
    text = layout.source.text
    counts = Counter(
        j.name for j, _, _ in find_jurisdictions(text[layout.body_start : layout.body_end])
    )
    if counts:
        return counts.most_common(1)[0][0], "mentions"
    return None, "none"
