"""What pypdfium2 shows of a page: its words, its characters and its painted outlines, top-down.

Calls go to pdfium's C functions (pypdfium2.raw) with one reused rectangle: several times faster than
pypdfium2's helper methods over the tens of thousands of boxes a long document has; the functions called
once per word or character go through _Calls, with plain integers.
"""

from __future__ import annotations

import ctypes
import functools
import re
from collections.abc import Callable, Iterator
from typing import Any

from pipeline.parse.pdf_chars import Char, standard_metrics
from pipeline.parse.pdf_layout import Word
from pipeline.parse.pdf_ruling import EPSILON, Subpath, Undecided

_WORD = re.compile(r"\S+")  # \S is exactly `not str.isspace()`
_CHECK_EVERY = 2000  # words between two deadline checks


def _box_failed() -> Exception:
    import pypdfium2 as pdfium

    error: Exception = pdfium.PdfiumError("Failed to get charbox.")  # what pypdfium2's get_charbox raises
    return error


def _address(pointer: Any) -> int:
    """A pdfium handle's address, for _Calls."""
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


class _Calls:
    """pdfium's functions called once per word or character, bound to take plain integers (a handle's
    or a buffer's address): ctypes then converts no argument, which is a third of each call's cost over
    the hundreds of thousands of calls a long document makes. Callers keep the handles and buffers
    whose addresses they pass alive."""

    def __init__(self) -> None:
        import pypdfium2.raw as pdfium_c

        def bind(function: Any, restype: Any, *argtypes: Any) -> Any:
            return ctypes.CFUNCTYPE(restype, *argtypes)(_address(function))

        address, index, flag = ctypes.c_void_p, ctypes.c_int, ctypes.c_int
        self.loose_box = bind(pdfium_c.FPDFText_GetLooseCharBox, flag, address, index, address)
        self.font_size = bind(pdfium_c.FPDFText_GetFontSize, ctypes.c_double, address, index)
        self.is_generated = bind(pdfium_c.FPDFText_IsGenerated, flag, address, index)
        self.map_error = bind(pdfium_c.FPDFText_HasUnicodeMapError, flag, address, index)
        self.text_object = bind(pdfium_c.FPDFText_GetTextObject, address, address, index)
        self.char_origin = bind(pdfium_c.FPDFText_GetCharOrigin, flag, address, index, address, address)


@functools.cache
def _calls() -> _Calls:
    return _Calls()


def text_words(textpage: Any, height: float, check: Callable[[], None]) -> list[Word]:
    """The words of a text page (runs of non-space characters) with loose, font-based boxes."""
    import pypdfium2.raw as pdfium_c

    handle = _address(textpage.raw)
    text = textpage.get_text_range()
    count = min(len(text), textpage.count_chars())
    box = pdfium_c.FS_RECTF()
    box_address = ctypes.addressof(box)
    calls = _calls()
    loose_box, font_size = calls.loose_box, calls.font_size
    words: list[Word] = []
    append = words.append
    for match in _WORD.finditer(text, 0, count):
        start, end = match.span()
        if not loose_box(handle, start, box_address):
            raise _box_failed()
        left, bottom, top = box.left, box.bottom, box.top
        if end - start > 1 and not loose_box(handle, end - 1, box_address):
            raise _box_failed()
        append(Word(left, box.right, height - top, height - bottom, match.group(), font_size(handle, start)))
        if len(words) % _CHECK_EVERY == 0:
            check()
    return words


class _Font:
    """What pdfminer makes of one text object's font: its descent and, for a standard font, its widths."""

    def __init__(self, text_object: Any) -> None:
        import pypdfium2.raw as pdfium_c

        self.handle = pdfium_c.FPDFTextObj_GetFont(text_object)
        if not self.handle:
            raise Undecided("pdfium shows no font for a text object")
        standard = standard_metrics(_font_name(self.handle))
        descent = ctypes.c_float()
        pdfium_c.FPDFFont_GetDescent(self.handle, 1.0, ctypes.byref(descent))
        self.descent = standard[0] if standard else descent.value
        self.standard_widths = standard[1] if standard else None
        self.widths: dict[str, float] = {}

    def width(self, letter: str) -> float:
        """The letter's advance in thousandths of an em, as pdfium and pdfminer both take it."""
        import pypdfium2.raw as pdfium_c

        width = self.widths.get(letter)
        if width is None:
            value = ctypes.c_float()
            if not pdfium_c.FPDFFont_GetGlyphWidth(self.handle, ord(letter[0]), 1000.0, ctypes.byref(value)):
                raise Undecided("pdfium gives no width for a character")
            width = value.value
            if self.standard_widths is not None and abs(self.standard_widths.get(letter, 0) - width) > 0.5:
                # pdfminer's own metrics of a standard font lack it or differ (the euro sign, a font
                # the PDF redefines): positions along the line drift apart
                raise Undecided(f"pdfminer's metrics give {letter!r} another width")
            self.widths[letter] = width
        return width


class _Run:
    """One text object as its characters need it: font, size and matrix are the object's own."""

    def __init__(self, text_object: Any, textpage: Any, index: int) -> None:
        import pypdfium2.raw as pdfium_c

        matrix = pdfium_c.FS_MATRIX()
        if not pdfium_c.FPDFText_GetMatrix(textpage.raw, index, ctypes.byref(matrix)):
            raise Undecided("pdfium cannot place a character")
        self.font = _Font(text_object)
        self.font_size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
        self.size = self.font_size * matrix.d  # em size on the page
        self.advance = self.font_size * matrix.a / 1000  # page units per thousandth of an em
        self.upright = matrix.b == 0 and matrix.c == 0 and matrix.a > 0 and matrix.d > 0
        self.certain = self.font.standard_widths is not None
        # pdfium keeps widths in whole thousandths of an em: each character drawn before one in this
        # object may have moved it by up to one (none where pdfminer takes standard metrics)
        self.step = 0.0 if self.certain else abs(self.advance)
        self.drawn = 0
        self.left = self.right = 0.0


def text_chars(page: Any, textpage: Any, height: float) -> list[Char]:
    """Every character of a text page in pdfium's order, spaces and line ends it added included, where
    pdfminer puts it; Undecided where pdfium left out characters of the page (_check_every_glyph_kept)
    or pdfminer would measure one otherwise."""
    import pypdfium2.raw as pdfium_c

    handle = _address(textpage.raw)
    text = textpage.get_text_range()
    if len(text) != textpage.count_chars():
        raise Undecided("pdfium's text and its characters do not line up")
    calls = _calls()
    box = pdfium_c.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    box_address, x_address, y_address = ctypes.addressof(box), ctypes.addressof(x), ctypes.addressof(y)
    chars: list[Char] = []
    runs: dict[int, _Run] = {}  # text object -> what its characters share
    for index, letter in enumerate(text):
        generated = bool(calls.is_generated(handle, index))
        if generated and letter.isspace():
            chars.append(Char(letter, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, True))
            continue
        if calls.map_error(handle, index):
            raise Undecided("a character has no Unicode mapping")  # pdfminer spells those (cid:N)
        if not letter.isprintable() and not letter.isspace():
            raise Undecided("pdfium marks a character (a hyphen it took for a line break)")
        owner = calls.text_object(handle, index)
        placed = owner and calls.char_origin(handle, index, x_address, y_address)
        if not placed or not calls.loose_box(handle, index, box_address):
            raise Undecided("pdfium cannot place a character")
        run = runs.get(owner)
        if run is None:
            run = runs[owner] = _Run(pdfium_c.FPDFText_GetTextObject(textpage.raw, index), textpage, index)
            run.left, run.right = x.value, x.value
        width = run.font.widths.get(letter)
        x0 = x.value
        x1 = x0 + (run.font.width(letter) if width is None else width) * run.advance
        _check_advance(textpage, index, x1, box.right)
        baseline = height - y.value
        bottom = baseline - run.font.descent * run.size
        run.drawn += 1
        chars.append(
            Char(
                letter,
                x0,
                x1,
                bottom - run.size,
                bottom,
                run.size,
                baseline,
                generated,
                run.upright,
                run.certain,
                owner,
                run.drawn * run.step,
                run.step,
            )
        )
        run.left, run.right = min(run.left, x0, box.left), max(run.right, x1, box.right)
    _check_every_glyph_kept(page, {owner: (run.left, run.right, run.size) for owner, run in runs.items()})
    return chars


def _check_advance(textpage: Any, index: int, right: float, loose_right: float) -> None:
    """Undecided unless the advance found from the font agrees with pdfium's loose box, which reaches to
    the advance or, where the glyph's ink overhangs it, to the ink."""
    import pypdfium2.raw as pdfium_c

    if right > loose_right + EPSILON:
        raise Undecided("a character's advance reaches beyond its box")
    if right < loose_right - EPSILON:
        left, ink_right, bottom, top = (ctypes.c_double() for _ in range(4))
        pdfium_c.FPDFText_GetCharBox(
            textpage.raw,
            index,
            ctypes.byref(left),
            ctypes.byref(ink_right),
            ctypes.byref(bottom),
            ctypes.byref(top),
        )
        if ink_right.value < loose_right - EPSILON:
            raise Undecided("a character's advance falls short of its box")


def _font_name(font: Any) -> str:
    """The BaseFont name of a font ("" where pdfium cannot tell)."""
    import pypdfium2.raw as pdfium_c

    length = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    buffer = ctypes.create_string_buffer(length)
    pdfium_c.FPDFFont_GetBaseFontName(font, buffer, length)
    return buffer.value.decode("latin-1")


# A text object may reach this many ems past its characters (a glyph's ink beyond its advance, a space).
_OBJECT_OVERHANG = 0.5


def _check_every_glyph_kept(page: Any, extents: dict[int, tuple[float, float, float]]) -> None:
    """Undecided when a text object reaches well beyond the characters pdfium kept of it, or kept none.

    pdfium's text leaves some glyphs out (a run of spaces becomes one; a glyph or a text object drawn
    again at nearly the same place is dropped); pdfminer keeps every glyph, and pdfplumber reads the left
    out spaces as word breaks and the repeated glyphs as letters. Such pages go to pdfplumber.
    """
    import pypdfium2.raw as pdfium_c

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    handle = page.raw
    for index in range(pdfium_c.FPDFPage_CountObjects(handle)):
        obj = pdfium_c.FPDFPage_GetObject(handle, index)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(
            obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
        ):
            continue
        kept = extents.get(_address(obj))
        if kept is None:
            if right.value - left.value > EPSILON:
                raise Undecided("pdfium keeps no character of a text object")
            continue
        low, high, em = kept
        if left.value < low - _OBJECT_OVERHANG * em or right.value > high + _OBJECT_OVERHANG * em:
            raise Undecided("pdfium left out characters of a text object")


def path_bounds(page: Any) -> Iterator[tuple[float, float, float, float]]:
    """The bounds (left, bottom, right, top) of the page's path objects and of those inside its form
    XObjects, one level down, in page order (as pypdfium2's get_objects(max_depth=2) gives them)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))

    def walk(count: int, get: Any, parent: Any, nested: bool) -> Iterator[tuple[float, float, float, float]]:
        if count < 0:
            raise pdfium.PdfiumError("Failed to get number of pageobjects.")
        for index in range(count):
            obj = get(parent, index)
            if not obj:
                raise pdfium.PdfiumError("Failed to get pageobject.")
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                if not pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
                    raise pdfium.PdfiumError("Failed to get bounds.")
                yield left.value, bottom.value, right.value, top.value
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and not nested:
                yield from walk(
                    pdfium_c.FPDFFormObj_CountObjects(obj), pdfium_c.FPDFFormObj_GetObject, obj, True
                )

    yield from walk(pdfium_c.FPDFPage_CountObjects(page.raw), pdfium_c.FPDFPage_GetObject, page.raw, False)


def check_plain_geometry(page: Any) -> None:
    """Undecided unless the page is unrotated and its crop box is its media box, from the origin: where
    pdfplumber's coordinates and pdfium's agree."""
    if page.get_rotation() != 0:
        raise Undecided("the page is rotated")
    media = page.get_mediabox()
    if page.get_cropbox() != media or media[0] != 0 or media[1] != 0:
        raise Undecided("the page is cropped or its box is offset")


def page_subpaths(page: Any, height: float) -> list[Subpath]:
    """The page's painted subpaths as pdfminer records them (the end point of each segment, control points
    left out); Undecided when a form XObject holds some (pdfminer and pdfium nest them differently)."""
    import pypdfium2.raw as pdfium_c

    subpaths: list[Subpath] = []
    handle = page.raw
    for index in range(pdfium_c.FPDFPage_CountObjects(handle)):
        obj = pdfium_c.FPDFPage_GetObject(handle, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            raise Undecided("the page draws through a form XObject")
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            subpaths += _object_subpaths(obj, height)
    return subpaths


def _object_subpaths(obj: Any, height: float) -> Iterator[Subpath]:
    import pypdfium2.raw as pdfium_c

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
    if not fill.value and not stroke.value:
        return  # pdfminer paints nothing for a path ended with "n"
    m = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
    x, y = ctypes.c_float(), ctypes.c_float()
    ops: list[str] = []
    points: list[tuple[float, float]] = []
    curve = 0  # pdfium gives a Bezier segment as three points: two controls and its end
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = (m.a * x.value + m.c * y.value + m.e, height - (m.b * x.value + m.d * y.value + m.f))
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if ops:
                yield Subpath("".join(ops), tuple(points))
            ops, points, curve = ["m"], [point], 0
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            ops.append("l")
            points.append(point)
        elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            curve += 1
            if curve % 3 == 0:
                ops.append("c")
                points.append(point)
        else:
            raise Undecided("pdfium cannot read a path segment")
        if pdfium_c.FPDFPathSegment_GetClose(segment) and ops:
            ops.append("h")
            points.append(points[0])
    if ops:
        yield Subpath("".join(ops), tuple(points))
