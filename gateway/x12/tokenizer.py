"""Bytes in, X12 segments out: a tolerant, streaming tokenizer (X12 versions 00200 to 00801).

It reads what real partners send: a UTF-8 byte-order mark, whitespace before the ISA or between
segments, ISAs of the wrong length (delimiters are found by counting, see ``delimiters``), a line
break or CRLF as the segment terminator or as noise after it, several interchanges per file with
different delimiters. Bytes are decoded as latin-1, so offsets are byte offsets and nothing fails
to decode; characters outside the X12 basic and extended sets are reported.

Problems found while reading (an empty segment, a bad segment ID, a stray character, data
between interchanges) are collected in ``Tokenizer.problems``; only input that cannot be read as
X12 at all raises ``X12ReadError``. Memory stays flat: the input is read in chunks and segments
are yielded one at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from gateway.x12.delimiters import Delimiters, IsaScan, scan_isa
from gateway.x12.errors import X12ReadError
from gateway.x12.problems import Location, Problem, ak3, ak4, error, ta1, warning
from gateway.x12.segment import Segment

_BOM = "\xef\xbb\xbf"  # the UTF-8 byte-order mark, decoded as latin-1
_WHITESPACE = " \t\r\n\x0b\x0c"
_NOT_X12 = re.compile(r"[^\x20-\x7e\t\r\n\x0b\x0c]")
_TAG = re.compile(r"[A-Z][A-Z0-9]{1,2}\Z")
_ISA_WINDOW = 1024
DEFAULT_CHUNK = 1 << 20


class Tokenizer:
    """Iterate over the segments of one file; read ``problems`` and ``scan`` as you go.

    ``scan`` is the ``IsaScan`` of the interchange being read (it changes at each ISA);
    ``delimiters`` its delimiters. Problems are appended to ``problems`` as they are found; a
    consumer may take them with ``take_problems()`` after each segment.
    """

    def __init__(self, source: bytes | BinaryIO, chunk_size: int = DEFAULT_CHUNK) -> None:
        self._source = source
        self._chunk_size = max(chunk_size, 4 * _ISA_WINDOW)
        self.problems: list[Problem] = []
        self.scan: IsaScan | None = None
        self._buf = ""
        self._base = 0  # byte offset of self._buf[0]
        self._eof = False
        self._pos = 0
        self._line = 1
        self._index = 0
        self._good_tags: set[str] = set()

    @property
    def delimiters(self) -> Delimiters | None:
        return None if self.scan is None else self.scan.delimiters

    def take_problems(self) -> list[Problem]:
        """Return the problems found so far and forget them."""
        taken, self.problems = self.problems, []
        return taken

    # -- input -------------------------------------------------------------------------------

    def _fill(self) -> bool:
        """Read one more chunk onto the buffer; False at end of input."""
        if self._eof:
            return False
        if isinstance(self._source, bytes | bytearray | memoryview):
            data = bytes(self._source)
            self._eof = True
        else:
            data = self._source.read(self._chunk_size)
            if not data:
                self._eof = True
                return False
        if self._pos:
            self._buf = self._buf[self._pos :]
            self._base += self._pos
            self._pos = 0
        self._buf += data.decode("latin-1")
        return bool(data)

    def _ensure(self, size: int) -> None:
        while len(self._buf) - self._pos < size and self._fill():
            pass

    # -- the reader --------------------------------------------------------------------------

    def __iter__(self) -> Iterator[Segment]:
        self._ensure(_ISA_WINDOW)
        first = True
        while True:
            scan = self._next_isa(first)
            if scan is None:
                return
            first = False
            yield self._isa_segment(scan)
            yield from self._segments()

    def _skip_noise(self) -> None:
        buf, pos = self._buf, self._pos
        while True:
            if buf.startswith(_BOM, pos):
                pos += len(_BOM)
                continue
            stripped_to = len(buf) - len(buf[pos:].lstrip(_WHITESPACE)) if pos < len(buf) else pos
            if stripped_to == pos:
                break
            self._line += buf.count("\n", pos, stripped_to)
            pos = stripped_to
        self._pos = pos

    def _next_isa(self, first: bool) -> IsaScan | None:
        """Find and read the next ISA, skipping noise; None at a clean end of input."""
        while True:
            self._ensure(_ISA_WINDOW)
            self._skip_noise()
            if self._pos >= len(self._buf):
                self._ensure(_ISA_WINDOW)
                if self._pos >= len(self._buf):
                    if first:
                        raise X12ReadError("the file is empty", self._base)
                    return None
                continue
            if self._buf.startswith("ISA", self._pos):
                try:
                    scan = scan_isa(self._buf, self._pos, self._base, self._line)
                except X12ReadError:
                    if first:
                        raise
                    scan = None
                if scan is not None:
                    self.scan = scan
                    return scan
            if first:
                raise X12ReadError(
                    "the file does not start with an ISA segment (it is not X12)", self._base
                )
            if not self._skip_garbage():
                return None

    def _skip_garbage(self) -> bool:
        """Report data between interchanges and move to the next ISA; False if there is none."""
        start = self._pos
        where = Location(offset=self._base + start, line=self._line, segment_index=self._index)
        match = None
        while match is None:
            match = re.compile(r"(?:^|[\r\n~])\s*(ISA[^A-Za-z0-9\s])").search(self._buf, start + 1)
            if match is None and not self._fill():
                break
        end = len(self._buf) if match is None else match.start(1)
        self.problems.append(
            error(
                "ENV_DATA_OUTSIDE_INTERCHANGE",
                f"{end - start} bytes after an interchange's end are not an ISA segment and were "
                "skipped",
                where,
                ta1("024"),
            )
        )
        self._line += self._buf.count("\n", start, end)
        self._pos = end
        return match is not None

    def _isa_segment(self, scan: IsaScan) -> Segment:
        segment = Segment(list(scan.elements), self._base + scan.start, self._index, self._line)
        self._index += 1
        self.problems.extend(scan.problems)
        delimiter_chars = scan.delimiters.characters()
        stray = [
            m.group()
            for m in _NOT_X12.finditer(self._buf, scan.start, scan.end)
            if m.group() not in delimiter_chars
        ]
        if stray:
            shown = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(stray))
            self.problems.append(
                error(
                    "SYN_INVALID_CHARACTER",
                    f"the ISA holds {len(stray)} character(s) outside the X12 basic and "
                    f"extended sets ({shown})",
                    Location(segment.offset, segment.line, segment.index, "ISA"),
                    ta1("024"),
                )
            )
        self._line += self._buf.count("\n", scan.start, scan.end)
        self._pos = scan.end
        return segment

    def _segments(self) -> Iterator[Segment]:
        """Segments after an ISA, until its IEA or a new ISA with other delimiters."""
        assert self.scan is not None
        delims = self.scan.delimiters
        term, sep = delims.segment, delims.element
        delimiter_chars = delims.characters()
        good_tags = self._good_tags
        while True:
            self._skip_blank_after_terminator(term)
            buf, pos = self._buf, self._pos
            last = buf.rfind(term, pos)
            if last < 0:
                if self._fill():
                    continue
                yield from self._tail(sep)
                return
            region = buf[pos:last]
            bad = (
                []
                if _plainly_x12(region)
                else [
                    m.start() + pos
                    for m in _NOT_X12.finditer(region)
                    if m.group() not in delimiter_chars
                ]
            )
            suffix = _uniform_suffix(region, term)
            uniform = suffix is not None
            splitter = term + (suffix or "")
            step = len(splitter)
            advance = 1 if (suffix or term == "\n") else 0
            local = pos
            line = self._line
            index = self._index
            base = self._base
            for piece in region.split(splitter):
                start = raw_start = local
                local += len(piece) + step
                seg_line = line
                if uniform:
                    line += advance
                else:
                    line += piece.count("\n") + (term == "\n")
                if not piece or piece[0] in _WHITESPACE or piece[-1] in "\r\n":
                    text = piece.lstrip(_WHITESPACE)
                    lead = len(piece) - len(text)
                    seg_line += piece.count("\n", 0, lead)
                    start += lead
                    text = text.rstrip("\r\n")
                    if not text:
                        self._empty_segment(start, seg_line, index)
                        continue
                    elements = text.split(sep)
                else:  # the common case: nothing around the segment
                    elements = piece.split(sep)
                tag = elements[0]
                if tag not in good_tags:
                    if tag == "ISA":
                        self._index, self._line, self._pos = index, seg_line, start
                        return
                    if tag == "IEA":
                        pass  # kept out of good_tags: its check below runs only here
                    elif _TAG.match(tag):
                        good_tags.add(tag)
                    else:
                        self._bad_tag(tag, start, seg_line, index)
                    if bad and bad[0] < local:
                        self._bad_characters(bad, local, elements, start, seg_line, index, delims)
                    yield Segment(elements, base + start, index, seg_line)
                    index += 1
                    if tag == "IEA":
                        # Stop just past the terminator: what follows may be another layout.
                        end_line = seg_line + piece.count("\n", start - raw_start) + (term == "\n")
                        self._index, self._line = index, end_line
                        self._pos = raw_start + len(piece) + 1
                        return
                    continue
                if bad and bad[0] < local:
                    self._bad_characters(bad, local, elements, start, seg_line, index, delims)
                yield Segment(elements, base + start, index, seg_line)
                index += 1
            # The suffix after the region's last terminator lies outside the region.
            self._index, self._line, self._pos = index, line - (1 if suffix else 0), last + 1

    def _skip_blank_after_terminator(self, term: str) -> None:
        """Skip the line break (or other white space) that follows a terminator."""
        buf, pos = self._buf, self._pos
        while pos < len(buf) and buf[pos] in _WHITESPACE and buf[pos] != term:
            if buf[pos] == "\n":
                self._line += 1
            pos += 1
        self._pos = pos

    def _empty_segment(self, start: int, line: int, index: int) -> None:
        self.problems.append(
            error(
                "SYN_EMPTY_SEGMENT",
                "an empty segment (two segment terminators in a row) is not allowed",
                Location(self._base + start, line, index),
                ak3("1"),
            )
        )

    def _tail(self, sep: str) -> Iterator[Segment]:
        """What follows the last terminator at end of input: a segment missing its terminator."""
        rest = self._buf[self._pos :]
        text = rest.strip(_WHITESPACE)
        if not text:
            self._pos = len(self._buf)
            return
        lead = len(rest) - len(rest.lstrip(_WHITESPACE))
        line = self._line + rest.count("\n", 0, lead)
        offset = self._base + self._pos + lead
        elements = text.split(sep)
        self.problems.append(
            warning(
                "SYN_MISSING_TERMINATOR",
                f"the last segment ({elements[0]}) has no segment terminator",
                Location(offset, line, self._index, elements[0]),
            )
        )
        if not _TAG.match(elements[0]):
            self._bad_tag(elements[0], self._pos + lead, line, self._index)
        self._pos = len(self._buf)
        self._index += 1
        yield Segment(elements, offset, self._index - 1, line)

    def _bad_tag(self, tag: str, start: int, line: int, index: int) -> None:
        shown = tag if len(tag) <= 20 else tag[:20] + "..."
        self.problems.append(
            error(
                "SYN_BAD_SEGMENT_ID",
                f"{shown!r} is not a segment ID (2 or 3 capital letters and digits)",
                Location(self._base + start, line, index, None),
                ak3("1"),
            )
        )

    def _bad_characters(
        self,
        bad: list[int],
        end: int,
        elements: list[str],
        start: int,
        line: int,
        index: int,
        delims: Delimiters,
    ) -> None:
        """Report the stray characters in one segment (positions ``< end``) and drop them."""
        chars = []
        while bad and bad[0] < end:
            chars.append(self._buf[bad.pop(0)])
        element = _element_of(elements, delims.element, self._buf[start:end], chars[0])
        shown = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(chars))
        self.problems.append(
            error(
                "SYN_INVALID_CHARACTER",
                f"{len(chars)} character(s) outside the X12 basic and extended sets ({shown})",
                Location(self._base + start, line, index, elements[0], element=element),
                ak4("6"),
            )
        )


def _plainly_x12(region: str) -> bool:
    """True when ``region`` holds only printable ASCII and line breaks (no stray character).

    A quick test for the common case; when it fails, the characters are looked at one by one.
    """
    return region.isascii() and region.replace("\n", "").replace("\r", "").isprintable()


def _uniform_suffix(region: str, term: str) -> str | None:
    """What follows every terminator in ``region`` when it is always the same, else None.

    Most files put nothing, LF or CRLF after each terminator; splitting on terminator plus
    suffix then leaves no white space to strip. Anything irregular takes the general path.
    """
    newlines = region.count("\n")
    returns = region.count("\r")
    if term == "\n":
        return "" if returns == 0 else None
    if term == "\r":
        if newlines == 0:
            return ""
        return "\n" if region.count("\r\n") == returns == newlines else None
    if newlines == 0 and returns == 0:
        return ""
    terms = region.count(term)
    if returns == 0 and newlines == terms and region.count(term + "\n") == terms:
        return "\n"
    if returns == newlines == terms and region.count(term + "\r\n") == terms:
        return "\r\n"
    return None


def _element_of(elements: list[str], sep: str, raw: str, char: str) -> int | None:
    """The position of the first element holding ``char`` (None for the segment ID)."""
    for position, value in enumerate(elements):
        if char in value:
            return position or None
    return None


def tokenize(source: bytes | BinaryIO, chunk_size: int = DEFAULT_CHUNK) -> Iterator[Segment]:
    """Segments of ``source``, ignoring problems (use ``Tokenizer`` to see them)."""
    return iter(Tokenizer(source, chunk_size))
