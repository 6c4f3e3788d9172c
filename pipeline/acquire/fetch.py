"""Fetch: URLs become RawDocuments, politely (robots.txt, per-host rate), safely and with an archive.

A Fetcher is a run's resource: one httpx client, the robots.txt cache, the per-host gates and the
archive. `fetch(url)` returns a RawDocument or raises AcquireError with a stable kind:

    bad_url, private_address, robots_disallowed, timeout, connection_error, too_large,
    redirect_loop, too_many_redirects, unsupported_media_type, http_<code>

Redirects are followed by hand so every hop is checked (scheme, address, robots.txt). With an archive,
a URL fetched before is asked for with If-None-Match / If-Modified-Since; a 304 gives back the stored
body, so the RawDocument (and the document's doc_id) is the same as on the first fetch.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from pipeline.acquire.transport import (
    AddressPins,
    AddressRefused,
    PinnedTransport,
    Resolver,
    resolve_host,
)
from pipeline.acquire.warc_store import ArchiveEntry, WarcArchive, normalize_url, raw_from_http
from pipeline.config import FetchSettings
from pipeline.errors import AcquireError
from pipeline.version import __version__
from schemas import RawDocument

log = logging.getLogger(__name__)

_REDIRECTS = {301, 302, 303, 307, 308}
_RETRY_STATUSES = {429, 500, 502, 503, 504}
# Transient failures below HTTP: the request may well succeed on a later try.
_CONNECTION_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.ReadError, httpx.RemoteProtocolError)
_TIMEOUTS = (httpx.ReadTimeout, httpx.WriteTimeout, httpx.PoolTimeout)
# Media the parse stage cannot read: refused on the header unless the magic bytes say PDF.
_REFUSED_PREFIXES = ("image/", "audio/", "video/", "font/", "application/zip", "application/x-")
_MAX_CRAWL_DELAY = 30.0
Sleeper = Callable[[float], None]


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


@dataclass(frozen=True)
class Response:
    """One HTTP exchange: status, headers and (for 2xx) the whole body."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        """A header's value (case-insensitive), or None."""
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)


class _HostGate:
    """A host's concurrency cap and minimum spacing between request starts."""

    def __init__(self, interval: float, concurrency: int, sleep: Sleeper) -> None:
        self.interval = interval
        self._slots = threading.BoundedSemaphore(max(1, concurrency))
        self._lock = threading.Lock()
        self._next_start = 0.0
        self._sleep = sleep

    @contextmanager
    def slot(self) -> Iterator[None]:
        with self._slots:
            with self._lock:
                now = time.monotonic()
                wait = self._next_start - now
                self._next_start = max(now, self._next_start) + self.interval
            if wait > 0:
                self._sleep(wait)
            yield


class Fetcher:
    """A run's HTTP resource: client, robots.txt cache, per-host gates and (optionally) the archive."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        archive: WarcArchive | None = None,
        *,
        client: httpx.Client | None = None,
        resolve: Resolver = resolve_host,
        sleep: Sleeper = time.sleep,
    ) -> None:

        self.settings = settings or FetchSettings()
        self.archive = archive
        default_agent = f"pledgeline/{__version__} (investment-pledge extractor)"
        self.user_agent = self.settings.user_agent or default_agent
        s = self.settings
        timeout = httpx.Timeout(s.read_timeout, connect=s.connect_timeout)
        # Each host is resolved once and judged once; connections go to the judged addresses. A proxy from
        # the environment is used only when asked for (--env-proxy): it resolves names itself.
        self.addresses = AddressPins(resolve, allow_private=s.allow_private)
        self.client = client or httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": self.user_agent},
            trust_env=s.env_proxy,
            transport=None if s.env_proxy else PinnedTransport(self.addresses),
        )
        self._sleep = sleep
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[str, RobotFileParser | AcquireError] = {}
        self._lock = threading.Lock()
        self._robots_lock = threading.Lock()

    @classmethod
    def open(cls, settings: FetchSettings, default_archive: Path | None = None) -> Fetcher:
        """A Fetcher with the archive of the settings (or `default_archive`), if any."""
        folder = settings.archive or default_archive
        return cls(settings, WarcArchive(folder) if folder is not None else None)

    def close(self) -> None:
        """Close the client and the archive."""
        self.client.close()
        if self.archive is not None:
            self.archive.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the public operation -------------------------------------------------------------------

    def fetch(self, url: str) -> RawDocument:
        """The document at `url` (redirects followed, checked and capped); raises AcquireError."""
        source = url
        current = normalize_url(url)
        seen = {current}
        for _hop in range(self.settings.max_redirects + 1):
            self._check_url(current, source)
            entry = self.archive.lookup(current) if self.archive is not None else None
            response = self._request(current, source, self._conditional_headers(entry))
            if response.status in _REDIRECTS:
                current = self._next_hop(response, seen, source)
                continue
            if response.status == 304 and entry is not None and self.archive is not None:
                return self._from_archive(source, current, entry)
            if 200 <= response.status < 300:
                return self._keep(source, response)
            raise _http_error(response, source)
        raise AcquireError(
            "too_many_redirects",
            f"more than {self.settings.max_redirects} redirects; open the URL in a browser to find the page"
            " it ends at, or raise --max-redirects",
            source,
        )

    # -- checks ---------------------------------------------------------------------------------

    def _check_url(self, url: str, source: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise AcquireError("bad_url", f"not an http(s) URL with a host: {url!r}", source)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as exc:
            raise AcquireError("bad_url", f"bad port in {url!r}", source) from exc
        if not self.settings.allow_private:
            self._check_address(parts.hostname, port, url, source)
        if self.settings.respect_robots and not self._robots_allow(url, source):
            raise AcquireError(
                "robots_disallowed",
                f"{parts.netloc}/robots.txt disallows {parts.path or '/'} for pledgeline; ask the site, or "
                "pass --ignore-robots if you are entitled to fetch it",
                source,
            )

    def _check_address(self, host: str, port: int, url: str, source: str) -> None:
        try:
            self.addresses.addresses(host, port)
        except (OSError, UnicodeError) as exc:
            raise AcquireError("connection_error", f"cannot resolve {host}: {exc}", source) from exc
        except AddressRefused as refused:
            raise _private_address(refused, url, source) from refused

    def _robots_allow(self, url: str, source: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            parser = self._robots.get(origin)
            if parser is None:
                parser = self._load_robots(origin, source)
                self._robots[origin] = parser
        if isinstance(parser, AcquireError):
            raise AcquireError(parser.kind, f"robots.txt of {origin}: {parser.message}", source)
        return parser.can_fetch("pledgeline", url)

    def _load_robots(self, origin: str, source: str) -> RobotFileParser | AcquireError:
        parser = RobotFileParser(origin + "/robots.txt")
        url = origin + "/robots.txt"
        try:
            for _hop in range(self.settings.max_redirects + 1):
                response = self._request(url, source, {})
                location = response.header("location")
                if response.status not in _REDIRECTS or not location:
                    break
                url = urljoin(url, location)
                target = urlsplit(url)
                if target.scheme not in ("http", "https") or not target.hostname:
                    break
                if not self.settings.allow_private:  # a redirect must not reach inside the network either
                    port = target.port or (443 if target.scheme == "https" else 80)
                    self._check_address(target.hostname, port, url, source)
        except AcquireError as error:
            return error  # the host cannot be reached: every URL of it fails with the same reason
        if response.status == 200:
            parser.parse(response.body.decode("utf-8", "replace").splitlines())
        elif 400 <= response.status < 500:
            parser.parse([])  # RFC 9309: an unavailable robots.txt allows everything
        else:
            # RFC 9309: an unreachable robots.txt means complete disallow
            parser.parse(["User-agent: *", "Disallow: /"])
            log.warning("%s/robots.txt answered %d: treating the site as disallowed", origin, response.status)
        delay = parser.crawl_delay("pledgeline")
        if delay:
            gate = self._gate(origin)
            gate.interval = max(gate.interval, min(float(delay), _MAX_CRAWL_DELAY))
        return parser

    # -- HTTP -----------------------------------------------------------------------------------

    def _gate(self, url: str) -> _HostGate:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            gate = self._gates.get(key)
            if gate is None:
                rate = self.settings.rate_per_host
                interval = 1.0 / rate if rate > 0 else 0.0
                gate = _HostGate(interval, self.settings.concurrency_per_host, self._sleep)
                self._gates[key] = gate
        return gate

    def _request(self, url: str, source: str, headers: dict[str, str]) -> Response:
        """One GET with retries on 429, 5xx and connection errors, backing off exponentially."""
        s = self.settings
        for attempt in range(s.retries + 1):
            last = attempt == s.retries
            try:
                with self._gate(url).slot():
                    response = self._send(url, source, headers)
            except _CONNECTION_ERRORS as exc:
                if last:
                    raise AcquireError(
                        "connection_error",
                        f"{type(exc).__name__}: {exc or 'no answer'} after {attempt + 1} tries; check the "
                        "address and your network, or try later",
                        source,
                    ) from exc
                self._backoff(url, attempt, None, str(exc) or type(exc).__name__)
                continue
            if response.status not in _RETRY_STATUSES or last:
                return response
            wait = _retry_after(response.header("retry-after"))
            if wait is not None and wait > s.max_retry_after:
                raise AcquireError(
                    f"http_{response.status}",
                    f"HTTP {response.status}; the server asks to wait {wait:.0f} s, longer than "
                    f"{s.max_retry_after:.0f} s; try again later",
                    source,
                )
            self._backoff(url, attempt, wait, f"HTTP {response.status}")
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _backoff(self, url: str, attempt: int, retry_after: float | None, why: str) -> None:
        delay = retry_after if retry_after is not None else self.settings.backoff * 2**attempt
        delay = min(delay, self.settings.max_retry_after)
        log.info("%s: %s; retrying in %.2f s", url, why, delay)
        self._sleep(delay)

    def _send(self, url: str, source: str, headers: dict[str, str]) -> Response:
        deadline = time.monotonic() + self.settings.total_timeout
        limit = self.settings.max_bytes
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                status, items = response.status_code, list(response.headers.multi_items())
                if not 200 <= status < 300:
                    return Response(url, status, items, b"")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise _too_large(f"declares {declared} bytes", limit, source)
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise _too_large("body goes on", limit, source)
                    if time.monotonic() > deadline:
                        raise AcquireError(
                            "timeout",
                            f"the body took longer than {self.settings.total_timeout:.0f} s in all; "
                            "raise --total-timeout if the site is just slow",
                            source,
                        )
                    chunks.append(chunk)
        except _TIMEOUTS as exc:
            raise AcquireError(
                "timeout",
                f"no data for {self.settings.read_timeout:g} s ({type(exc).__name__}); the server is slow or "
                "stuck; raise --timeout or try later",
                source,
            ) from exc
        except httpx.DecodingError as exc:
            raise AcquireError("corrupt", f"the body cannot be decoded: {exc}", source) from exc
        except httpx.InvalidURL as exc:
            raise AcquireError("bad_url", f"{url!r}: {exc}", source) from exc
        except AddressRefused as refused:  # met at connect time (a hop the checks did not see)
            raise _private_address(refused, url, source) from refused
        return Response(url, status, items, b"".join(chunks))

    # -- outcomes -------------------------------------------------------------------------------

    def _conditional_headers(self, entry: ArchiveEntry | None) -> dict[str, str]:
        headers: dict[str, str] = {}
        if entry is None:
            return headers
        if entry.etag:
            headers["If-None-Match"] = entry.etag
        if entry.last_modified:
            headers["If-Modified-Since"] = entry.last_modified
        return headers

    def _next_hop(self, response: Response, seen: set[str], source: str) -> str:
        location = response.header("location")
        if not location:
            raise AcquireError(
                f"http_{response.status}", f"HTTP {response.status} redirect without a Location", source
            )
        target = normalize_url(urljoin(response.url, location))
        if target in seen:
            raise AcquireError(
                "redirect_loop",
                f"redirects come back to {target}; the site is misconfigured (or wants cookies)",
                source,
            )
        seen.add(target)
        return target

    def _from_archive(self, source: str, url: str, entry: ArchiveEntry) -> RawDocument:
        assert self.archive is not None
        body = self.archive.read_body(entry, self.settings.max_bytes)
        self.archive.touch(url)
        log.info("%s: not modified; using the archived body", source)
        return raw_from_http(
            source,
            body,
            content_type=entry.content_type,
            final_url=entry.final_url,
            fetched_at=entry.fetched_at,
            max_bytes=self.settings.max_bytes,
        )

    def _keep(self, source: str, response: Response) -> RawDocument:
        content_type = response.header("content-type")
        declared = (content_type or "").split(";", 1)[0].strip().lower()
        if declared.startswith(_REFUSED_PREFIXES) and not response.body.lstrip()[:5] == b"%PDF-":
            raise AcquireError(
                "unsupported_media_type",
                f"the server sends {declared}, which pledgeline cannot read (PDF, HTML and text only)",
                source,
            )
        fetched_at = datetime.now(UTC)
        if self.archive is not None:
            entry = self.archive.store(
                normalize_url(source),
                response.url,
                response.status,
                response.headers,
                response.body,
                fetched_at,
            )
            fetched_at = entry.fetched_at
        return raw_from_http(
            source,
            response.body,
            content_type=content_type,
            final_url=response.url,
            fetched_at=fetched_at,
            max_bytes=self.settings.max_bytes,
        )


def _private_address(refused: AddressRefused, url: str, source: str) -> AcquireError:
    return AcquireError(
        "private_address",
        f"{refused} in {url}; pass --allow-private to fetch from local addresses",
        source,
    )


def _too_large(what: str, limit: int, source: str) -> AcquireError:
    return AcquireError(
        "too_large", f"the response {what}: over the limit of {limit} bytes; raise --max-bytes", source
    )


def _http_error(response: Response, source: str) -> AcquireError:
    hints = {
        404: "the page is gone or the URL is wrong",
        410: "the page was removed",
        401: "the page needs a login",
        403: "the server refuses pledgeline; it may block automated clients",
        429: "the server is rate limiting; lower --rate or try later",
    }
    hint = hints.get(response.status, "try later" if response.status >= 500 else "check the URL")
    return AcquireError(f"http_{response.status}", f"HTTP {response.status}: {hint}", source)
