"""The inputs of a command line, checked before anything is read or written.

A path that does not exist, or a web address mistyped (`htp://...`, `example.com/page` without its scheme,
`http://` without a host), is a usage error: the run stops before the output folder is touched, so a typo can
never empty an earlier output. A file that exists but cannot be read is not checked here: it is a failed
document of the run, like a URL that cannot be fetched.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

from pipeline.acquire.raw import is_url
from pipeline.errors import UsageError

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
# A host name or address at the start of a path-like input, with a port or a path after it:
# `example.com/news`, `127.0.0.1:8765/x`, `localhost:8000`, `[::1]:80/`.
_HOST_FIRST = re.compile(
    r"^(?:localhost|(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\])"
    r"(?::\d{1,5}(?:/|$)|/)"
)


def input_problem(item: str) -> str | None:
    """What is wrong with one command-line input, as a message that says what to do; None if nothing."""
    if is_url(item):
        if not urlsplit(item).hostname:
            return f"{item}: a web address needs a host, as in https://example.com/page"
        return None
    if os.path.lexists(item):  # a file that exists but cannot be read fails as a document, later
        return None
    scheme = _SCHEME.match(item)
    if scheme is not None:
        rest = item[scheme.end() :]
        return (
            f"{item}: not a file, and {scheme.group(1)}:// is not a scheme pledgeline fetches; "
            f"write https://{rest} or http://{rest}"
        )
    if _HOST_FIRST.match(item):
        return (
            f"{item}: no such file or folder; if it is a web address, write it with its scheme: http://{item}"
        )
    return f"{item}: no such file or folder; check the path"


def check_inputs(inputs: list[str]) -> None:
    """Raise UsageError, naming the first bad input and how many more there are, if any input is bad."""
    problems = [problem for item in inputs if (problem := input_problem(item)) is not None]
    if not problems:
        return
    more = f" ({len(problems) - 1} more inputs are wrong too)" if len(problems) > 1 else ""
    raise UsageError(f"{problems[0]}{more} (nothing was read or written)")
