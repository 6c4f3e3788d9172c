"""Parse HTML: the article's main text, title and publication date; boilerplate removed.

The page is parsed once with lxml. Generic cues (class, id, role and aria words, "ADVERTISEMENT"
labels: rules/boilerplate.json, read through the run's RuleSet) prune adverts, navigation, cookie banners,
related links, comments and footers; the headline, the kicker and the byline around it are taken out and the
dek kept aside. trafilatura then picks the article body from what is left, and its XML is
rendered one paragraph per line, table rows as cells joined by " | ".
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import cast

from lxml import etree, html

from pipeline.config import ParseSettings
from pipeline.errors import ParseError
from pipeline.parse.dates import written_date
from pipeline.parse.decoding import decode_bytes
from pipeline.parse.text import normalize_text
from pipeline.rules import RuleSet, bundled_rules
from pipeline.rules.models import Boilerplate
from schemas import ParsedDocument, RawDocument
from schemas.stages import Table, TableRow

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"[a-z0-9]+")
_SPACE = re.compile(r"\s+")
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||::|-|–|—|·|•|»)\s+")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# htmldate's full-text date search is slow on huge pages; past this size the page's own cues must do.
_MAX_DATE_SEARCH_CHARS = 2_000_000
_BYLINE_START = re.compile(r"^(?:by|posted|published|updated|written by)\b", re.IGNORECASE)
# A page that is mostly control or replacement characters is binary, not HTML.
_JUNK = re.compile(r"[\x00-\x08\x0e-\x1f\ufffd]")
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header"),
        *("li", "main", "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul"),
    }
)
_NEVER_DROP = frozenset({"html", "body", "head"})
_MAX_TREE_NODES = 400_000
_SHORT_TEXT = 400
_TRUNCATED = "data-pledgeline-truncated"


@dataclass(frozen=True)
class _Cues:
    """The boilerplate cue words of boilerplate.json, compiled."""

    drop_tags: frozenset[str]
    words: frozenset[str]
    prefixes: tuple[str, ...]
    phrases: re.Pattern[str]
    roles: frozenset[str]
    ad_labels: frozenset[str]
    section_labels: re.Pattern[str]
    byline_words: frozenset[str]
    dek_words: frozenset[str]
    bare_is_furniture: bool  # what the cues say of an element without attributes (no cue matches one)

    @classmethod
    def of(cls, data: Boilerplate) -> _Cues:
        """Compile the cues of boilerplate.json."""
        phrases = "|".join(re.escape(p).replace(r"\-", "[-_ ]?") for p in data.cue_phrases) or "(?!)"
        compiled_phrases = re.compile(rf"(?<![a-z0-9])(?:{phrases})(?![a-z0-9])")
        return cls(
            drop_tags=frozenset(data.drop_tags),
            words=frozenset(data.cue_words),
            prefixes=tuple(data.cue_prefixes),
            phrases=compiled_phrases,
            roles=frozenset(data.cue_roles),
            ad_labels=frozenset(data.ad_labels),
            section_labels=re.compile("|".join(data.section_label_patterns) or "(?!)"),
            byline_words=frozenset(data.byline_words),
            dek_words=frozenset(data.dek_words),
            # an element without attributes has role "" and class-and-id text " "
            bare_is_furniture="" in data.cue_roles or bool(compiled_phrases.search(" ")),
        )


# compiled once per rule set (its digest names its content)
_COMPILED: dict[str, _Cues] = {}


def _cues(rules: RuleSet) -> _Cues:
    cues = _COMPILED.get(rules.digest)
    if cues is None:
        cues = _COMPILED[rules.digest] = _Cues.of(rules.get(Boilerplate))
    return cues


def _attr_text(el: html.HtmlElement) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}".lower()


def _tokens(el: html.HtmlElement) -> set[str]:
    return set(_TOKEN.findall(_attr_text(el)))


def _clean(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def _text(el: html.HtmlElement) -> str:
    return _clean(el.text_content())


def _names_furniture(class_: str, id_: str, aria_label: str, cues: _Cues) -> bool:
    """Whether class, id or aria-label words mark an element as page furniture."""
    attr_text = f"{class_} {id_}".lower()
    tokens = set(_TOKEN.findall(attr_text)) | set(_TOKEN.findall(aria_label.lower()))
    if tokens & cues.words or any(t.startswith(cues.prefixes) for t in tokens):
        return True
    return bool(cues.phrases.search(attr_text))


# Verdicts of _names_furniture for one page by (class, id, aria-label): a page repeats its class names.
_Verdicts = dict[tuple[str, str, str], bool]


def _is_boilerplate(el: html.HtmlElement, cues: _Cues, verdicts: _Verdicts) -> bool:
    """Whether an element's tag, class, id, role or aria words mark it as page furniture."""
    if el.tag in cues.drop_tags:
        return True
    if not len(el.attrib):
        return cues.bare_is_furniture
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    if "display:none" in el.get("style", "").replace(" ", "").lower():
        return True
    if el.get("role", "").lower() in cues.roles:
        return True
    key = (el.get("class", ""), el.get("id", ""), el.get("aria-label", ""))
    verdict = verdicts.get(key)
    if verdict is None:
        verdict = verdicts[key] = _names_furniture(*key, cues)
    return verdict


_PARAGRAPHS = frozenset({"p", "blockquote", "pre"})
_TEXT_BOXES = frozenset({"div", "section", "span"})


def _text_box_size(el: html.HtmlElement) -> int:
    """The characters of a div, section or span that holds only inline text (at least 80), else 0."""
    text = el.text_content()
    if len(text) < 80 or any(True for _ in el.iterdescendants(*_BLOCKS)):
        return 0
    return len(text.strip())


def _own_text_size(el: html.HtmlElement) -> int:
    """Characters of running text directly in an element: its text, tails and paragraph children (a <p>, or
    a div holding only inline text)."""
    size = len((el.text or "").strip())
    for child in el:
        tail = child.tail
        if tail:
            size += len(tail.strip())
        if child.tag in _PARAGRAPHS:
            size += len(child.text_content().strip())
        elif child.tag in _TEXT_BOXES:
            size += _text_box_size(child)
    return size


def _main_node(root: html.HtmlElement) -> html.HtmlElement | None:
    """The element holding the most running text: the article body, whatever its markup."""
    best, best_size = None, 0
    for el in root.iter(tuple(_BLOCKS)):
        size = _own_text_size(el)
        if size > best_size:
            best, best_size = el, size
    return best


def _protected(root: html.HtmlElement) -> set[html.HtmlElement]:
    """Elements that must survive pruning: the main text node, the headline and their ancestors."""
    keep: set[html.HtmlElement] = set()
    anchors = [_main_node(root), next(root.iter("h1"), None)]
    for anchor in anchors:
        if anchor is not None:
            keep.update(anchor.iterancestors())
            keep.add(anchor)
    return keep


def _first_text(el: html.HtmlElement) -> str:
    """The element's first non-blank text node, as a reader sees it first."""
    for piece in el.itertext():
        if piece.strip():
            return _clean(piece)
    return ""


def _is_labelled_ad(el: html.HtmlElement, cues: _Cues) -> bool:
    """A small block whose first words are an ADVERTISEMENT or SPONSORED label."""
    if el.tag not in _BLOCKS or el.tag in ("td", "tr", "tbody", "thead"):
        return False
    label = _first_text(el).lower().rstrip(":|-–— ")
    if cues.section_labels.search(label):
        return True  # a block headed "12 Comments", "More from ...", "Related articles"
    return label in cues.ad_labels and len(_text(el)) < 600


def _drop(el: html.HtmlElement) -> None:
    """Remove an element but keep its tail text, which belongs to the parent."""
    parent = el.getparent()
    if parent is not None:
        el.drop_tree()


def _prune(root: html.HtmlElement, cues: _Cues) -> None:
    """Remove comments, page furniture and labelled adverts, sparing the article itself."""
    for node in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _drop(node)
    keep = _protected(root)
    # In document order, as root.iter() goes; a dropped element's subtree leaves the page with it, so it is
    # not walked (judging its elements could not change the page).
    stack = [root]
    verdicts: _Verdicts = {}
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        if (
            el.tag not in _NEVER_DROP
            and el not in keep
            and (_is_boilerplate(el, cues, verdicts) or _is_labelled_ad(el, cues))
        ):
            _drop(el)
            continue
        stack.extend(reversed(el))
    for el in list(root.iter("header")):
        # A site header (logo, weather, login) rather than an article header holding the headline.
        if el not in keep and not any(True for _ in el.iter("h1")):
            _drop(el)


def _is_layout_table(table: html.HtmlElement) -> bool:
    """A table used to lay out the page (cells hold blocks or long prose) rather than data."""
    for cell in table.iter("td", "th"):
        if any(child.tag in ("div", "p", "table", "h1", "h2", "ul", "section") for child in cell):
            return True
        if len((cell.text or "").strip()) > 400:
            return True
    return False


def _unlayout(root: html.HtmlElement) -> None:
    """Turn layout tables into plain divs so that their text reads as paragraphs."""
    for table in list(root.iter("table")):
        if _is_layout_table(table):
            for el in table.iter("table", "tbody", "thead", "tfoot", "tr", "td", "th"):
                el.tag = "div"


def _split_br_paragraphs(root: html.HtmlElement) -> None:
    """Text runs separated by <br><br> (or by blocks) inside one element become <p> paragraphs."""
    # Only parents of a <br> followed by another element can qualify: libxml2 finds them without a Python
    # object for every block.
    for el in root.xpath("//br[following-sibling::*[1][self::br]]/.."):
        if el.tag not in _BLOCKS:
            continue
        brs = el.findall("br")
        if not any(br.getnext() is not None and br.getnext().tag == "br" for br in brs):
            continue
        if not (el.text or "").strip() and not any((c.tail or "").strip() for c in el):
            continue
        children = list(el)
        runs: list[list[html.HtmlElement | str]] = [[el.text or ""]]
        for child in children:
            child_tail = child.tail or ""
            child.tail = None
            el.remove(child)
            if child.tag == "br" or child.tag in _BLOCKS:
                if child.tag != "br":
                    runs.append([child])
                runs.append([child_tail])
            else:
                runs[-1].extend([child, child_tail])
        el.text = None
        for run in runs:
            if len(run) == 1 and isinstance(run[0], html.HtmlElement):
                el.append(run[0])
                continue
            para = html.Element("p")
            for piece in run:
                if isinstance(piece, str):
                    if len(para):
                        para[-1].tail = (para[-1].tail or "") + piece
                    else:
                        para.text = (para.text or "") + piece
                else:
                    para.append(piece)
            if _text(para):
                el.append(para)


def _headline_text(root: html.HtmlElement, h1: html.HtmlElement | None) -> str:
    if h1 is not None and _text(h1):
        return _text(h1)
    for xpath in ('//meta[@property="og:title"]/@content', '//meta[@name="twitter:title"]/@content'):
        found = root.xpath(xpath)
        if found and _clean(str(found[0])):
            return _clean(str(found[0]))
    title = root.find(".//title")
    return _text(title) if title is not None else ""


def _find_headline(root: html.HtmlElement) -> tuple[str, html.HtmlElement | None]:
    """The headline and the body element that shows it (an <h1>, or the element matching <title>)."""
    body = root.find("body")
    h1 = next((h for h in root.iter("h1") if _text(h)), None)
    if h1 is not None:
        return _text(h1), h1
    page_title = _headline_text(root, None)
    parts = [p for p in _TITLE_SEPARATORS.split(page_title) if p]
    if body is not None and parts:
        wanted = {_clean(p).lower() for p in [page_title, *parts]}
        for el in body.iter((*(_BLOCKS - {"body"}), "span", "strong", "b")):
            if _text(el).lower() in wanted:
                return _text(el), el
    return (max(parts, key=len) if parts else page_title), None


def _classed(el: html.HtmlElement, words: frozenset[str]) -> bool:
    return bool(_tokens(el) & words)


def _take_header_parts(headline: html.HtmlElement, cues: _Cues) -> str:
    """Remove the headline with its kicker and byline; return the dek, which the text keeps."""
    dek = ""
    parent = headline.getparent()
    if parent is None:
        return dek
    for sib in list(headline.itersiblings(preceding=True)):
        # Kickers, section labels and breadcrumbs sit just above the headline.
        if len(_text(sib)) < 80 and sib.find(".//p") is None and sib.find(".//img") is None:
            _drop(sib)
    for sib in list(headline.itersiblings())[:4]:
        words = _text(sib)
        if not words:
            continue
        bylined = _classed(sib, cues.byline_words) or _BYLINE_START.match(words)
        if len(words) < 250 and (bylined or sib.find(".//time") is not None):
            _drop(sib)
            continue
        if (
            not dek
            and sib.tag != "figure"
            and 15 <= len(words) <= 400
            and (_classed(sib, cues.dek_words) or sib.tag in ("h2", "h3"))
        ):
            dek = words
            _drop(sib)
    _drop(headline)
    # A header box left empty would still look like the article to trafilatura.
    container: html.HtmlElement | None = parent
    while container is not None and container.tag not in _NEVER_DROP and not _text(container):
        above = container.getparent()
        if container.find(".//img") is None:
            _drop(container)
        container = above
    return dek


@dataclass
class _Rendered:
    lines: list[str]
    tables: list[tuple[list[str], list[list[str]]]]


def _render(body: etree._Element) -> _Rendered:
    """trafilatura's XML body as lines; each table row a line of cells joined by " | "."""
    out = _Rendered([], [])
    for el in body:
        if el.tag == "table":
            header: list[str] = []
            rows: list[list[str]] = []
            for row in el.iter("row"):
                cells = [_clean("".join(c.itertext())) for c in row if c.tag == "cell"]
                if not any(cells):
                    continue
                if not rows and not header and all(c.get("role") == "head" for c in row if c.tag == "cell"):
                    header = cells
                else:
                    rows.append(cells)
                out.lines.append(" | ".join(cells))
            out.tables.append((header, rows))
        elif el.tag == "list":
            out.lines.extend(_clean("".join(i.itertext())) for i in el.iter("item"))
        else:
            for part in "".join(el.itertext()).split("\n"):
                out.lines.append(_clean(part))
    out.lines = [line for line in out.lines if line]
    return out


def _to_text(rendered: _Rendered, dek: str, headline: str) -> tuple[str, tuple[Table, ...]]:
    lines = rendered.lines
    if dek and dek not in lines:
        lines = [dek, *lines]
    if headline and lines:
        # the contract's text opens with the title, a blank line, then the body: headlines carry pledges
        lines = [headline, "", *lines]
    text = "\n".join(lines)
    tables: list[Table] = []
    for header, rows in rendered.tables:
        found: list[TableRow] = []
        search_from = 0
        for cells in rows:
            line = " | ".join(cells)
            start = text.find(line, search_from)
            if start < 0:
                continue
            search_from = start + len(line)
            found.append(TableRow(cells=tuple(cells), start=start, end=start + len(line)))
        if found:
            tables.append(Table(header=tuple(header), rows=tuple(found)))
    return text, tuple(tables)


def _iso_date(value: str | None) -> str | None:
    match = _ISO_DATE.search(value or "")
    return "-".join(match.groups()) if match else None


def _meta_date(root: html.HtmlElement) -> str | None:
    """The publication date the page states in meta tags, JSON-LD or a <time> element."""
    for xpath in (
        '//meta[@property="article:published_time"]/@content',
        '//meta[@name="pubdate" or @name="publishdate" or @name="date" or @name="dc.date"]/@content',
        '//*[@itemprop="datePublished"]/@content',
        '//*[@itemprop="datePublished"]/@datetime',
    ):
        for value in root.xpath(xpath):
            if date := _iso_date(str(value)):
                return date
    for script in root.xpath('//script[@type="application/ld+json"]/text()'):
        match = re.search(r'"datePublished"\s*:\s*"([^"]+)"', str(script))
        if match and (date := _iso_date(match.group(1))):
            return date
    for value in root.xpath("//time/@datetime"):
        if date := _iso_date(str(value)):
            return date
    return None


def _visible_date(root: html.HtmlElement, cues: _Cues) -> str | None:
    """The first date in a byline, dateline or <time> element that a reader sees."""
    body = root.find("body")
    if body is None:
        return None
    for el in body.iter():
        if not isinstance(el.tag, str) or not (el.tag == "time" or _classed(el, cues.byline_words)):
            continue
        words = _text(el)
        if len(words) < 300 and (date := written_date(words)):
            return date
    return None


def _node_count(root: html.HtmlElement) -> int:
    """The nodes root.iter() would yield (elements, comments, processing instructions), counted by libxml2
    without a Python object for each."""
    counted = root.xpath(
        "count(descendant-or-self::*|descendant::comment()|descendant::processing-instruction())"
    )
    return int(cast(float, counted))


_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def _element_classes() -> etree.ElementNamespaceClassLookup:
    """The classes lxml.html gives a page's nodes (HtmlElement; FormElement and the like for form tags;
    HtmlComment, HtmlEntity, HtmlProcessingInstruction), looked up inside lxml: html.HTMLParser's own lookup
    calls a Python method for every node a Python object is made for, here and in trafilatura, whose copies
    of the tree keep its parser (some 265,000 calls over the 91 html-benchmark pages, 0.15 s)."""
    fallback = etree.ElementDefaultClassLookup(
        element=html.HtmlElement,
        comment=html.HtmlComment,
        pi=html.HtmlProcessingInstruction,
        entity=html.HtmlEntity,
    )
    lookup = etree.ElementNamespaceClassLookup(fallback)
    # lxml.html's classes by tag name (HtmlElementClassLookup's defaults); the HTML parser lower-cases tags
    by_tag = lookup.get_namespace(None)
    by_tag["form"] = html.FormElement
    by_tag["input"] = html.InputElement
    by_tag["select"] = html.SelectElement
    by_tag["textarea"] = html.TextareaElement
    by_tag["label"] = html.LabelElement
    return lookup


_ELEMENT_CLASSES = _element_classes()


def _load_tree(raw: RawDocument) -> html.HtmlElement:
    """The page as an lxml tree; binary or unparseable content raises ParseError('corrupt')."""
    markup = decode_bytes(raw.content)
    sample = markup[:20_000]
    if sample and len(_JUNK.findall(sample)) > len(sample) * 0.05:
        raise ParseError("corrupt", "the content is binary, not HTML", raw.source)
    # an XHTML page or a feed opens with an XML declaration, which lxml refuses in text it did not decode
    # itself ("Unicode strings with encoding declaration are not supported"): the bytes are decoded already
    markup = _XML_DECLARATION.sub("", normalize_text(markup), count=1)
    # libxml2 refuses documents nested deeper than 256 levels unless huge_tree is set; we keep the
    # limit (it bounds recursion in everything downstream) and take the part it could read.
    parser = html.HTMLParser(recover=True, remove_comments=True, remove_pis=True, default_doctype=False)
    parser.set_element_class_lookup(_ELEMENT_CLASSES)
    try:
        root = html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError) as exc:
        raise ParseError("corrupt", f"the HTML could not be parsed: {exc}", raw.source) from exc
    if _node_count(root) > _MAX_TREE_NODES:
        raise ParseError("corrupt", f"the page has more than {_MAX_TREE_NODES} elements", raw.source)
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        # Whatever came after the too-deep part is lost; say so if that leaves no text.
        root.set(_TRUNCATED, "1")
    return root


def _trafilatura_body(root: html.HtmlElement, url: str | None) -> etree._Element | None:
    import trafilatura  # imported late: it is slow to import and only HTML needs it

    result = trafilatura.bare_extraction(
        root,
        url=url,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        with_metadata=False,
    )
    return getattr(result, "body", None) if result is not None else None


def _trafilatura_date(root: html.HtmlElement, url: str | None) -> str | None:
    import trafilatura  # imported late: see above

    metadata = trafilatura.extract_metadata(root, default_url=url)
    return _iso_date(getattr(metadata, "date", None))


def _body_lines(root: html.HtmlElement, raw: RawDocument, cues: _Cues) -> tuple[_Rendered, str, str]:
    """The article's rendered lines, its headline and its dek, from the page pruned in place."""
    for el in list(root.iter("figcaption", "figure")):
        # Captions are body text; trafilatura would drop them with the figure.
        el.tag = "p" if el.tag == "figcaption" else "div"
    _unlayout(root)
    _split_br_paragraphs(root)
    headline, headline_el = _find_headline(root)
    _prune(root, cues)
    dek = _take_header_parts(headline_el, cues) if headline_el is not None else ""
    body = _trafilatura_body(root, raw.final_url)
    rendered = _render(body) if body is not None else _Rendered([], [])
    if sum(len(line) for line in rendered.lines) < _SHORT_TEXT:
        # Pruning can cut away an article that uses furniture words in its own markup; trafilatura
        # alone on the untouched page is the safety net.
        # (the page as loaded: its bytes load again to the tree they gave before the pruning)
        plain = _trafilatura_body(_reparsed(etree.tostring(_load_tree(raw))), raw.final_url)
        fallback = _render(plain) if plain is not None else _Rendered([], [])
        fallback_size = sum(map(len, fallback.lines))
        if fallback_size >= _SHORT_TEXT and fallback_size > 2 * sum(map(len, rendered.lines)):
            log.info("%s: pruned page gave little text; using the unpruned page", raw.source)
            rendered = fallback
    rendered.lines = [line for line in rendered.lines if line.lower() not in cues.ad_labels]
    if headline:
        rendered.lines = [line for line in rendered.lines if line != headline]
    return rendered, headline, dek


def parse_html(raw: RawDocument, settings: ParseSettings, rules: RuleSet | None = None) -> ParsedDocument:
    """An HTML page's title and article body (without byline or boilerplate), and its date."""
    cues = _cues(rules or bundled_rules())
    root = _load_tree(raw)
    truncated = root.get(_TRUNCATED) is not None
    try:
        # trafilatura's date search and the fallback each parse their own copy of the page as loaded (they
        # edit what they are given), serialized only for the few pages that need either
        published = raw.published_hint or _meta_date(root) or _visible_date(root, cues)
        if published is None and len(raw.content) < _MAX_DATE_SEARCH_CHARS:
            published = _trafilatura_date(_reparsed(etree.tostring(root)), raw.final_url)
        rendered, headline, dek = _body_lines(root, raw, cues)
    except ParseError:
        raise
    except Exception as exc:  # lxml and trafilatura raise many kinds of error on hostile markup
        log.debug("%s: HTML extraction failed", raw.source, exc_info=True)
        raise ParseError("corrupt", f"the HTML could not be parsed: {exc}", raw.source) from exc
    text, tables = _to_text(rendered, dek, headline)
    if not text.strip() and truncated:
        message = "the page nests tags deeper than the parser's limit and no text was found above it"
        raise ParseError("corrupt", message, raw.source)
    if not text.strip():
        raise ParseError("no_text", "no article text could be found in the page", raw.source)
    body_start = len(headline) + 2 if headline and text.startswith(headline + "\n\n") else 0
    return ParsedDocument.from_raw(
        raw, text, title=headline or None, published=published, tables=tables, body_start=body_start
    )


def _reparsed(serialized: bytes) -> html.HtmlElement:
    """A copy of a tree serialized by etree.tostring (which keeps an XHTML page's serialization, as
    copy.deepcopy would not)."""
    copied: html.HtmlElement = html.fromstring(serialized, parser=_COPY_PARSER)
    return copied


# lxml.html's default parser (html.fromstring's) with the element classes looked up inside lxml
_COPY_PARSER = html.HTMLParser()
_COPY_PARSER.set_element_class_lookup(_ELEMENT_CLASSES)
