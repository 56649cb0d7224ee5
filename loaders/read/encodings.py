"""Legacy Vietnamese 8-bit encodings (Windows-1258, TCVN3, VNI): decode, detect, repair mojibake.

Python has cp1258 but no TCVN3 or VNI codec; their tables are data in
`data/tcvn3.tsv` and `data/vni.tsv`. Both fonts put Vietnamese letters on top of
the Windows-1252 code page, so a legacy byte string is first read as
Windows-1252 and then mapped letter by letter. The same mapping repairs text that
was converted to Unicode with the wrong table ("§¶ng céng s¶n" -> "Đảng cộng sản").
A decoding is judged by the share of its words that are Vietnamese syllables
(DOMAIN.md §5.2), per line, so a TCVN3 header over a Unicode body is read right.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import cache, lru_cache

from vbkg.loaders.knowledge.vocabulary import data_text

LEGACY = ("tcvn3", "vni", "cp1258")
REPAIRS = ("utf-8", *LEGACY)  # what text garbled through Windows-1252 may really be
SAMPLE_BYTES = 64_000
CONVINCING = 0.75  # least share of Vietnamese syllables for a decoding to be believed

# Windows-1252 leaves five bytes undefined; read them as their Latin-1 code points.
_CP1252 = bytes(range(256)).decode("cp1252", errors="replace")
_CP1252 = "".join(chr(i) if c == "\ufffd" else c for i, c in enumerate(_CP1252))
_TO_CP1252 = codecs.charmap_build(_CP1252)


def cp1252_text(data: bytes) -> str:
    """Bytes as Windows-1252 characters, one per byte (the form legacy text is seen in)."""
    return codecs.charmap_decode(data, "strict", _CP1252)[0]


def cp1252_bytes(text: str) -> bytes | None:
    """The bytes behind text read as Windows-1252, or None if it has other characters."""
    try:
        return codecs.charmap_encode(text, "strict", _TO_CP1252)[0]
    except UnicodeEncodeError:
        return None


def _load_table(name: str) -> dict[str, str]:
    """letter -> its legacy byte sequence, read as Windows-1252 characters."""
    table = {}
    for line in data_text(name).splitlines():
        if line and not line.startswith("#"):
            letter, _, hexbytes = line.split("\t")
            table[letter] = cp1252_text(bytes.fromhex(hexbytes))
    return table


@cache
def tcvn3_table() -> dict[str, str]:
    """letter -> TCVN3 sequence (one character per letter)."""
    return _load_table("tcvn3.tsv")


@cache
def vni_table() -> dict[str, str]:
    """letter -> VNI sequence (base letter plus modifier characters)."""
    return _load_table("vni.tsv")


@cache
def _tcvn3_decoder() -> str:
    """A 256-character decoding table: Windows-1252 with the TCVN3 letters in place."""
    chars = list(_CP1252)
    for letter, seq in tcvn3_table().items():
        chars[cp1252_bytes(seq)[0]] = letter
    return "".join(chars)


@cache
def _vni_decoder() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern for "base + modifier" pairs or single-character letters, and its lookup.

    Character classes, not one alternative per letter: the regex engine scans them fast.
    A pair that is no letter ("yâ") falls back to its characters one by one.
    """
    reverse = {seq: letter for letter, seq in vni_table().items()}
    bases = {seq[0] for seq in reverse if len(seq) == 2}
    modifiers = {seq[1] for seq in reverse if len(seq) == 2}
    singles = {seq for seq in reverse if len(seq) == 1}
    if bases & modifiers:
        raise ValueError(f"vni.tsv: {bases & modifiers} both base and modifier")

    def klass(chars: set[str]) -> str:
        return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"

    pattern = re.compile(f"{klass(bases)}{klass(modifiers)}|{klass(singles)}")
    return pattern, reverse


def _vni_letter(match: re.Match[str]) -> str:
    reverse = _vni_decoder()[1]
    seq = match[0]
    return reverse.get(seq) or "".join(reverse.get(c, c) for c in seq)


_WORD = re.compile(r"[^\W\d_]+")
_ASCII_SMALL = re.compile("[a-z]")


@cache
def _capitals_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a small Vietnamese letter; a quick sign of a word in capitals, "ảN" or "VIệ";
    a word with a capital ASCII letter and a small Vietnamese one but no small ASCII one)."""
    small = "".join(sorted(c for c in tcvn3_table() if c.islower()))
    run = r"[^\W\d_a-z]*"  # letters, but no small ASCII ones
    word = f"(?<![^\\W\\d_]){run}(?:[A-Z]{run}[{small}]|[{small}]{run}[A-Z]){run}(?![^\\W\\d_])"
    sign = f"[{small}][A-Z]|[A-Z][A-Z][{small}]"
    return re.compile(f"[{small}]"), re.compile(sign), re.compile(word)


def _capitals(text: str) -> str:
    """Restore capitals in TCVN3 text set in .VnTimeH ("§¶NG CéNG S¶N" -> "ĐẢNG CỘNG SẢN").

    That font prints lower-case codes as capitals, so its words decode as "ĐảNG",
    "ủY". A word is in capitals when its ASCII letters are all capitals and there
    are two of them, or it starts with a small Vietnamese letter before a capital.
    A line is in capitals when a Vietnamese word in it is, and no word has a
    small ASCII letter (ASCII abbreviations like "KH/TU" prove nothing); a line
    with neither sign that follows a line in capitals continues it, unless it is
    a label ("Số:") or has digits.
    """
    small, sign, mixed = _capitals_patterns()
    lines = text.split("\n")
    caps_before = False  # the last non-empty line is in capitals
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if _ASCII_SMALL.search(line):  # running text: only words in capitals
            if small.search(line) and sign.search(line):
                lines[i] = mixed.sub(_word_in_capitals, line)
            caps_before = False
            continue
        if small.search(line):
            words = _WORD.findall(line)
            shown = any(not w.isascii() and (w.isupper() or _in_capitals(w)) for w in words)
            # "T/M BAN THƯỜNG" / "Vụ": a wrapped heading goes on in capitals, a label ("Số:") not
            wrapped = caps_before and ":" not in line and not any(c.isdigit() for c in line)
            if shown or wrapped:
                lines[i] = small.sub(lambda m: m[0].upper(), line)
        caps_before = lines[i].isupper()
    return "\n".join(lines)


def _word_in_capitals(match: re.Match[str]) -> str:
    return match[0].upper() if _in_capitals(match[0]) else match[0]


def _in_capitals(word: str) -> bool:
    ascii_letters = [c for c in word if c.isascii()]
    if not ascii_letters or any(c.islower() for c in ascii_letters):
        return False
    return len(ascii_letters) >= 2 or (word[0].islower() and not word[0].isascii())


def decode(data: bytes, encoding: str) -> str | None:
    """Decode bytes with one of REPAIRS; None when the bytes are not valid in it."""
    if encoding == "tcvn3":
        return _capitals(codecs.charmap_decode(data, "strict", _tcvn3_decoder())[0])
    if encoding == "vni":
        return _vni_decoder()[0].sub(_vni_letter, cp1252_text(data))
    try:
        return unicodedata.normalize("NFC", data.decode(encoding))
    except UnicodeDecodeError:
        if encoding != "utf-8":
            return None
    try:  # copied from a screen, UTF-8-as-cp1252 loses NBSP (à = C3 A0) and U+0090 (Đ = C4 90)
        patched = _LOST_NBSP.sub(b"\xc3\xa0", _LOST_C1.sub(b"\xc4\x90", data))
        return unicodedata.normalize("NFC", patched.decode("utf-8"))
    except UnicodeDecodeError:
        return None


_LOST_NBSP = re.compile(rb"\xc3 ")
_LOST_C1 = re.compile(rb"\xc4(?![\x80-\xbf])")


# --- judging a decoding -------------------------------------------------------------

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(?:(?:uyê|iê|yê|uô|ươ|oa|oă|oe|oo|uâ|uê|uy|[aăâeêioôơuưy])(?:ch|nh|ng|[cmnpt])?"
    r"|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ưa|ui|ưi|ưu|uôi|ươi|ươu|iêu|yêu"
    r"|oai|oay|oao|oeo|uây|uya|uyu)"
)
# Words are split at spaces and punctuation, which stay ASCII in every legacy encoding (and at
# typographic quotes and dashes); not at NBSP: inside a word it is a sign of damage.
_WORD_GAP = re.compile(r"[ \t\r\n\f\v!-/:-@\[-`{-~“”‘’–—…]+")


@lru_cache(maxsize=1 << 16)  # words repeat: Vietnamese has about 7,000 syllables
def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.casefold())
    bare = decomposed
    for mark in _TONE_MARKS:
        bare = bare.replace(mark, "")
    if len(decomposed) - len(bare) > 1:
        return False
    return _SYLLABLE.fullmatch(unicodedata.normalize("NFC", bare)) is not None


def syllable_counts(text: str) -> tuple[int, int]:
    """(Vietnamese syllables, other words) among the words with a non-ASCII character.

    Tokens without a letter ("©", "½", "§3") count for neither: symbols are legitimate.
    """
    good = bad = 0
    for word, times in Counter(_WORD_GAP.split(text)).items():  # each distinct word once
        if word.isascii() or not _has_letter(word):
            continue
        if _is_syllable(word):
            good += times
        else:
            bad += times
    return good, bad


def _has_letter(word: str) -> bool:
    return any(char.isalpha() for char in word)


def share(counts: tuple[int, int]) -> float:
    good, bad = counts
    return good / (good + bad) if good + bad else 0.0


def _head(items, sizes: list[int]) -> list:
    """The first items whose sizes add up to SAMPLE_BYTES: enough to judge, cheap on huge files."""
    head, total = [], 0
    for item, size in zip(items, sizes, strict=True):
        head.append(item)
        total += size + 1
        if total > SAMPLE_BYTES:
            break
    return head


_HIGH = re.compile(rb"[\x80-\xff]")
_HIGH_AFTER_VOWEL = re.compile(rb"[aeiouyAEIOUY][\x80-\xff]")


def _likely_first(data: bytes, encodings: tuple[str, ...]) -> list[str]:
    """Try first what the bytes look like: VNI and Windows-1258 put marks after a
    vowel, TCVN3 replaces the vowel (only the order of trying changes, not the verdict)."""
    high = len(_HIGH.findall(data))
    after_vowel = len(_HIGH_AFTER_VOWEL.findall(data))
    marks_first = high and after_vowel * 2 > high
    return sorted(encodings, key=lambda e: (e == "tcvn3") == marks_first)


def best_decoding(lines: list[bytes], encodings: tuple[str, ...]) -> tuple[str, float] | None:
    """The encoding whose decoding of the lines reads most like Vietnamese, with its share.

    Judged on the first SAMPLE_BYTES of the lines; a decoding that reads as plain
    Vietnamese (98% of 100 or more words) ends the search, wrong ones never do.
    """
    data = b"\n".join(_head(lines, [len(line) for line in lines]))
    scored = []
    for encoding in _likely_first(data, encodings):
        text = decode(data, encoding)
        if text is not None:
            counts = syllable_counts(text)
            if counts[0] >= 100 and share(counts) >= 0.98:
                return encoding, share(counts)
            scored.append((counts[0] - 2 * counts[1], share(counts), encoding))
    if not scored:
        return None
    _, best_share, encoding = max(scored)
    return encoding, best_share


# --- repairing text garbled through Windows-1252 ----------------------------------------

_VIETNAMESE_LATIN = "àáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ"
# Characters that Vietnamese Unicode text hardly has but legacy text read as cp1252 is full of.
_HARMLESS = _VIETNAMESE_LATIN + "\u00a0“”‘’–—…°"
_SUSPICIOUS = re.compile(
    "[" + "".join(re.escape(c) for c in sorted(set(_CP1252[0x80:]) - set(_HARMLESS))) + "]"
)


def repair_lines(text: str) -> tuple[str, str | None, int]:
    """Undo a wrong Windows-1252 reading: (text, encoding found, lines changed).

    Runs only if a line Windows-1252 can hold has a character typical of such
    damage. A suspect is a non-ASCII line that Windows-1252 can hold (real
    Vietnamese has ả, ơ, ư, đ …); a run is a stretch of suspects (ASCII lines do
    not break it). The one encoding that reads best over all suspects is applied
    to each run that it `repairs` as a whole, so a short line ("Sè:") is judged
    with its run.
    """
    if not any(cp1252_bytes(line) is not None for line in _suspicious_lines(text)):
        return text, None, 0
    lines = text.split("\n")
    runs: list[list[tuple[int, bytes]]] = [[]]
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        raw = cp1252_bytes(line)
        if raw is None:
            runs.append([])
        else:
            runs[-1].append((i, raw))
    suspects = [suspect for run in runs for suspect in run]
    if not suspects:
        return text, None, 0
    found = best_decoding([raw for _, raw in suspects], REPAIRS)
    if found is None or found[1] < CONVINCING:
        return text, None, 0
    encoding, changed = found[0], 0
    for run in filter(None, runs):
        fixed = [decode(raw, encoding) for _, raw in run]
        if None in fixed:
            continue
        head = _head(range(len(run)), [len(raw) for _, raw in run])  # a long run: its head
        before = "\n".join(lines[run[k][0]] for k in head)
        if repairs("\n".join(fixed[k] for k in head), before):
            for (i, _), line in zip(run, fixed, strict=True):
                changed += lines[i] != line
                lines[i] = line
    return "\n".join(lines), encoding, changed


def garbled_lines(text: str, limit: int = 10_000) -> int:
    """How many lines still look garbled: most of their non-ASCII words (two or more) are
    not syllables and hold a damage character ("Müller" alone in a line is a name).

    Counts among the first `limit` lines with a damage character (the rest is not looked at).
    """
    count = 0
    for seen, line in enumerate(_suspicious_lines(text)):
        if seen >= limit:
            break
        words = [w for w in _WORD_GAP.split(line) if not w.isascii() and _has_letter(w)]
        damaged = sum(1 for w in words if _SUSPICIOUS.search(w) and not _is_syllable(w))
        count += damaged >= 2 and damaged * 2 > len(words)
    return count


def _suspicious_lines(text: str) -> Iterator[str]:
    """The lines holding a character typical of Windows-1252 damage, lazily."""
    end = 0
    while match := _SUSPICIOUS.search(text, end):
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start())
        end = len(text) if end < 0 else end
        yield text[start:end]


def repairs(candidate: str, current: str) -> bool:
    """Is `current` damaged (two or more non-syllables) and `candidate` reading better?"""
    old = syllable_counts(current)
    return old[1] >= 2 and reads_better(candidate, current)


def reads_better(candidate: str, current: str) -> bool:
    """Has `candidate` more Vietnamese syllables (net of other words) than `current`?"""
    new, old = syllable_counts(candidate), syllable_counts(current)
    return new[0] - 2 * new[1] > old[0] - 2 * old[1]
