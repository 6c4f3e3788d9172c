"""Discover: from a release index page to its releases, and from a release to its attached PDFs.

A Crawler is the run's queue of sources. The runner takes sources from it and shows it every document
it acquired (`saw`); a page's links join the queue when they pass the filters:

    seed (depth 0)      every content link of the page body (not nav/header/footer/aside)
    release (depth 1)   only attachments (.pdf, or link text naming a PDF)
    deeper              nothing

Links stay on the seed's site unless `same_site` is off, must match an `include` pattern if any is
given, must match no `exclude` pattern, and are skipped when a date in the link's text, its list item or
its URL is before `since`. At most `max_pages` links are taken.
"""

from __future__ import annotations

import calendar
import logging
import re
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from pipeline.acquire.raw import is_url
from pipeline.acquire.warc_store import normalize_url
from pipeline.config import FetchSettings
from pipeline.errors import AcquireError
from schemas import RawDocument

log = logging.getLogger(__name__)

# Page furniture: links there lead to the rest of the site, not to the releases listed in the body.
_FURNITURE_TAGS = {"nav", "header", "footer", "aside", "menu"}
_FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search"}
# Links that are never documents pledgeline can read.
_SKIPPED_SUFFIXES = (
    ".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".ico", ".css", ".js", ".zip", ".gz", ".mp4",
    ".mp3", ".xls", ".xlsx", ".doc", ".docx", ".ppt", ".pptx", ".xml", ".rss", ".json",
)  # fmt: skip
_CONTEXT_TAGS = {"li", "tr", "dd", "dt", "p", "article", "section"}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS = (
    (re.compile(r"(?<!\d)((?:19|20)\d\d)[-/._](\d{1,2})[-/._](\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)"), "ymd"),
    (re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}}),?\s+((?:19|20)\d\d)\b", re.I), "mdy"),
    (re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?,?\s+((?:19|20)\d\d)\b", re.I), "dmy"),
)


@dataclass(frozen=True)
class Link:
    """A link found on a page: where it points and the text around it."""

    url: str
    text: str
    context: str


def find_date(text: str) -> date | None:
    """The first date written in a text or URL (2025-03-01, 20250301, March 1, 2025, 1 March 2025)."""
    for pattern, order in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            a, b, c = match.groups()
            try:
                if order == "ymd":
                    return date(int(a), int(b), int(c))
                if order == "mdy":
                    return date(int(c), _MONTHS[a.lower()], int(b))
                return date(int(c), _MONTHS[b.lower()], int(a))
            except ValueError:
                continue
    return None


def _in_furniture(element: etree._Element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in _FURNITURE_TAGS or ancestor.get("role", "").lower() in _FURNITURE_ROLES:
            return True
    return False


def _context(element: etree._Element) -> str:
    for ancestor in element.iterancestors():
        if ancestor.tag in _CONTEXT_TAGS:
            return " ".join(ancestor.text_content().split())[:300]
    return ""


def extract_links(content: bytes, base_url: str) -> list[Link]:
    """The body links of an HTML page, absolute and without fragments, in page order."""
    try:
        root = lxml.html.fromstring(content)
    except (etree.ParserError, ValueError):
        return []
    base = root.find(".//base[@href]")
    if base is not None:
        base_url = urljoin(base_url, base.get("href", ""))
    links: list[Link] = []
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")) or _in_furniture(anchor):
            continue
        url = urljoin(base_url, href)
        if not is_url(url):
            continue
        text = " ".join(anchor.text_content().split())
        links.append(Link(normalize_url(url), text, _context(anchor)))
    return links


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _is_attachment(link: Link) -> bool:
    return urlsplit(link.url).path.lower().endswith(".pdf") or bool(re.search(r"\bpdf\b", link.text, re.I))


class Crawler:
    """The run's queue of sources: the inputs first, then links found on fetched pages."""

    def __init__(self, sources: Iterable[str], settings: FetchSettings) -> None:
        self.settings = settings
        self._queue: deque[str] = deque()
        self._depth: dict[str, int] = {}
        self._sites: dict[str, str] = {}
        self._seen: set[str] = set()
        self.discovered = 0
        self._link_pages: set[str] = set()  # pages with links to follow: an index is there for its links
        self._lock = threading.Lock()  # fetch_all's threads report pages while the queue is read
        self._include = [re.compile(p) for p in settings.include]
        self._exclude = [re.compile(p) for p in settings.exclude]
        for source in sources:
            self._queue.append(source)
            if is_url(source):
                self._seen.add(normalize_url(source))
                self._depth[source] = 0
                self._sites[source] = _site(source)

    def __iter__(self) -> Iterator[str]:
        while (source := self.pop()) is not None:
            yield source

    def pop(self) -> str | None:
        """The next source to acquire, or None when the queue is empty (for now)."""
        with self._lock:
            return self._queue.popleft() if self._queue else None

    def saw(self, raw: RawDocument) -> list[str]:
        """Queue the links of a fetched page that pass the filters; returns what was queued."""
        depth = self._depth.get(raw.source)
        if depth is None or depth >= 2 or raw.media_type != "text/html":
            return []
        site = self._sites[raw.source]
        base = raw.final_url or raw.source
        queued: list[str] = []
        links = extract_links(raw.content, base)
        with self._lock:
            if self._queue_links(links, site, depth, queued):
                self._link_pages.add(raw.source)
        log.info("%s: %d links to follow", raw.source, len(queued))
        return queued

    def is_link_page(self, source: str) -> bool:
        """Whether a page seen had links to follow (queued now, or already by another page)."""
        with self._lock:
            return source in self._link_pages

    def _queue_links(self, links: list[Link], site: str, depth: int, queued: list[str]) -> int:
        """Queue the wanted links not seen yet; returns how many links were wanted, seen before or not."""
        wanted = 0
        for link in links:
            if not self._wanted(link, site, depth):
                continue
            wanted += 1
            if link.url in self._seen:
                continue
            if self.discovered >= self.settings.max_pages:
                log.info("stopped following links at --max-pages %d", self.settings.max_pages)
                break
            self._seen.add(link.url)
            self._queue.append(link.url)
            self._depth[link.url] = depth + 1
            self._sites[link.url] = site
            self.discovered += 1
            queued.append(link.url)
        return wanted

    def _wanted(self, link: Link, site: str, depth: int) -> bool:
        path = urlsplit(link.url).path.lower()
        if path.endswith(_SKIPPED_SUFFIXES):
            return False
        if self.settings.same_site and _site(link.url) != site:
            return False
        if depth >= 1 and not _is_attachment(link):
            return False
        if self._include and not any(p.search(link.url) for p in self._include):
            return False
        if any(p.search(link.url) for p in self._exclude):
            return False
        if self.settings.since is not None:
            when = find_date(link.text) or find_date(link.url) or find_date(link.context)
            if when is not None and when < self.settings.since:
                return False
        return True


def fetch_all(
    fetch: Callable[[str], RawDocument], crawler: Crawler, workers: int, *, follow: bool
) -> Iterator[tuple[str, RawDocument | AcquireError]]:
    """Fetch the crawler's sources on `workers` threads (links queued as pages arrive, if `follow`)."""
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="fetch") as pool:
        pending: dict[Future[RawDocument], str] = {}
        while True:
            while len(pending) < max(1, workers) and (source := crawler.pop()) is not None:
                pending[pool.submit(fetch, source)] = source
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                source = pending.pop(future)
                try:
                    raw = future.result()
                except AcquireError as error:
                    yield source, error
                    continue
                if follow:
                    crawler.saw(raw)
                yield source, raw
