"""Settings: one object, defaults in code, grouped by stage. Precedence: code < config file < flags."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class FetchSettings(BaseModel):
    """How URLs are fetched."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    connect_timeout: float = Field(10.0, description="seconds to connect")
    read_timeout: float = Field(30.0, description="seconds to wait for data")
    max_bytes: int = Field(50_000_000, description="largest body accepted")
    max_redirects: int = Field(5, description="redirects followed before giving up")
    total_timeout: float = Field(300.0, description="seconds one response may take in all (slow drips)")
    retries: int = Field(3, description="retries on 429, 5xx and connection errors")
    backoff: float = Field(0.5, description="first retry delay in seconds, doubled each time")
    max_retry_after: float = Field(60.0, description="longest Retry-After waited; a longer one fails")
    rate_per_host: float = Field(1.0, description="requests per second per host (0: no limit)")
    concurrency_per_host: int = Field(2, description="requests in flight per host")
    workers: int = Field(4, description="threads fetching at once (the fetch command)")
    allow_private: bool = Field(False, description="allow hosts on loopback/private addresses")
    env_proxy: bool = Field(
        False, description="use the proxy of HTTP_PROXY/HTTPS_PROXY/ALL_PROXY (names then resolve there)"
    )
    respect_robots: bool = Field(True, description="honour robots.txt")
    user_agent: str | None = Field(None, description="User-Agent; None: pledgeline/<version>")
    archive: Path | None = Field(None, description="folder of the WARC archive and its index")
    follow: bool = Field(False, description="follow links from fetched pages (release index -> releases)")
    max_pages: int = Field(100, description="pages discovered by following links, at most")
    since: date | None = Field(None, description="skip links dated (text or URL) before this day")
    include: tuple[str, ...] = Field((), description="regexes; a followed link must match one")
    exclude: tuple[str, ...] = Field((), description="regexes; a link matching one is not followed")
    same_site: bool = Field(True, description="follow links only to the seed's own site")


class ParseSettings(BaseModel):
    """Limits on what parse accepts."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    max_bytes: int = Field(100_000_000, description="largest input file accepted")
    max_pages: int = Field(2_000, description="largest PDF page count accepted")
    timeout: float = Field(
        120.0, description="seconds one document may take through parse, extract, link and validate"
    )
    pdf_fast_text: bool = Field(
        True,
        description="use pypdfium2 for pages with no tables and for ruled tables it reads as "
        "pdfplumber would (False: pdfplumber reads every page)",
    )


class ExtractSettings(BaseModel):
    """Which rules the extractor uses."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    rules_dirs: tuple[Path, ...] = Field((), description="extra rule folders (--rules)")


class RunSettings(BaseModel):
    """How a run is carried out."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    workers: int = Field(
        0, description="processes extracting in parallel; 0: the machine's cores for big inputs"
    )
    executor: Literal["local", "dask"] = Field("local", description="local process pool or a Dask cluster")
    scheduler: str | None = Field(None, description="Dask scheduler address; none starts a LocalCluster")
    batch_size: int = Field(32, description="documents per batch handed to a worker")
    raise_errors: bool = Field(False, description="raise a stage error instead of recording it")
    progress: bool = Field(True, description="show a progress bar on stderr")


class Settings(BaseModel):
    """Everything a run can be told."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    fetch: FetchSettings = FetchSettings()
    parse: ParseSettings = ParseSettings()
    extract: ExtractSettings = ExtractSettings()
    run: RunSettings = RunSettings()
