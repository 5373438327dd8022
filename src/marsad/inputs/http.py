"""A polite HTTP client for feeds and lists of URLs (standard library only).

- says who it is (`User-Agent: marsad/VERSION (+URL)`), and reads robots.txt once per host: a disallowed URL
  is refused, a `Crawl-delay` is kept (RFC 9309: a robots.txt that answers 4xx allows everything; one
  that cannot be fetched, or answers 5xx, disallows the host until a later try);
- waits `delay` seconds (or the crawl delay) between two requests to one host;
- times out, and retries a connection failure, a timeout, 429 and 5xx with exponential backoff (a
  `Retry-After` of up to `max_wait` seconds is honoured); other errors are not retried;
- sends conditional requests (`If-None-Match`, `If-Modified-Since`) when given a validator, and reads a
  304 as "not modified";
- fetches only http(s) URLs, follows at most 5 redirects, and reads at most `max_bytes` of a body.

Every failure is a `FetchError` naming the URL and what went wrong.
"""

from __future__ import annotations

import email.utils
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from marsad import __version__
from marsad.ingest import InputProblem

USER_AGENT = f"marsad/{__version__} (+https://github.com/marsad-events/marsad; Arabic news event coding)"
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class FetchError(InputProblem):
    """A URL that could not be fetched, with why."""


@dataclass(frozen=True, slots=True)
class Response:
    url: str                    # after redirects
    status: int                 # 200, or 304 when not modified
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _NoRedirectLoops(urllib.request.HTTPRedirectHandler):
    max_redirections = 5


@dataclass
class Fetcher:
    user_agent: str = USER_AGENT
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0              # seconds before the first retry; doubled each time
    delay: float = 1.0                # seconds between two requests to one host
    max_wait: float = 60.0            # the longest Retry-After or crawl delay honoured
    max_bytes: int = 64 << 20
    obey_robots: bool = True
    sleep: Callable[[float], None] = time.sleep
    _robots: dict[str, urllib.robotparser.RobotFileParser | str] = field(default_factory=dict, repr=False)
    _last: dict[str, float] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._opener = urllib.request.build_opener(_NoRedirectLoops())

    # --- the one public call --------------------------------------------------------------------------
    def get(self, url: str, etag: str | None = None, modified: str | None = None) -> Response:
        host = self._check_url(url)
        if self.obey_robots and not self._allowed(url, host):
            raise FetchError(f"{url}: disallowed by {host}'s robots.txt")
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        return self._request(url, host, headers)

    # --- internals ------------------------------------------------------------------------------------
    @staticmethod
    def _check_url(url: str) -> str:
        try:
            parts = urlsplit(url)
        except ValueError:
            raise FetchError(f"{url[:200]}: not a URL") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"{url[:200]}: not an http(s) URL")
        return parts.netloc.lower()

    def _wait_turn(self, host: str) -> None:
        rp = self._robots.get(host)
        gap = self.delay
        if isinstance(rp, urllib.robotparser.RobotFileParser):
            cd = rp.crawl_delay(self.user_agent)
            if cd:
                gap = max(gap, min(float(cd), self.max_wait))
        last = self._last.get(host)
        if last is not None and (wait := last + gap - time.monotonic()) > 0:
            self.sleep(wait)
        self._last[host] = time.monotonic()

    def _allowed(self, url: str, host: str) -> bool:
        rp = self._robots.get(host)
        if rp is None or rp == "unreachable":
            scheme = urlsplit(url).scheme
            robots_url = f"{scheme}://{host}/robots.txt"
            rp = urllib.robotparser.RobotFileParser(robots_url)
            try:
                got = self._request(robots_url, host, {"User-Agent": self.user_agent}, retries=0)
                rp.parse(got.body.decode("utf-8", "replace").splitlines())
            except FetchError as exc:
                status = getattr(exc, "status", None)
                if status is not None and 400 <= status < 500:
                    rp.parse(["User-agent: *", "Allow: /"])     # no robots.txt: everything allowed
                else:                      # unreachable: disallow now, ask again on the next call
                    self._robots[host] = "unreachable"
                    raise FetchError(f"{url}: {host}'s robots.txt could not be read ({exc})") from None
            self._robots[host] = rp
        assert isinstance(rp, urllib.robotparser.RobotFileParser)
        return rp.can_fetch(self.user_agent, url)

    def _request(self, url: str, host: str, headers: dict[str, str], retries: int | None = None) -> Response:
        tries = self.retries if retries is None else retries
        attempt = 0
        while True:
            self._wait_turn(host)
            try:
                req = urllib.request.Request(url, headers=headers)
                with self._opener.open(req, timeout=self.timeout) as r:
                    self._check_url(r.geturl())        # a redirect to file:// or ftp:// is refused
                    body = r.read(self.max_bytes + 1)
                    if len(body) > self.max_bytes:
                        raise FetchError(f"{url}: body over {self.max_bytes:,} bytes")
                    return Response(url=r.geturl(), status=r.status, body=body,
                                    content_type=r.headers.get("Content-Type", ""),
                                    etag=r.headers.get("ETag"), modified=r.headers.get("Last-Modified"))
            except urllib.error.HTTPError as exc:
                if exc.code == 304:
                    return Response(url=url, status=304, etag=exc.headers.get("ETag") or headers.get("If-None-Match"),
                                    modified=exc.headers.get("Last-Modified") or headers.get("If-Modified-Since"))
                if exc.code not in _RETRY_STATUS or attempt >= tries:
                    err = FetchError(f"{url}: HTTP {exc.code} {exc.reason}")
                    err.status = exc.code  # type: ignore[attr-defined]
                    raise err from None
                wait = self._retry_after(exc.headers.get("Retry-After"), attempt)
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                reason = getattr(exc, "reason", exc)
                if attempt >= tries:
                    raise FetchError(f"{url}: {reason} (after {attempt + 1} tries)") from None
                wait = self._retry_after(None, attempt)
            except ValueError as exc:                  # a malformed URL or header
                raise FetchError(f"{url}: {exc}") from None
            attempt += 1
            self.sleep(wait)

    def _retry_after(self, value: str | None, attempt: int) -> float:
        wait = self.backoff * 2 ** attempt
        if value:
            if value.strip().isdigit():
                wait = max(wait, float(value))
            else:
                try:
                    wait = max(wait, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
                except (TypeError, ValueError, OverflowError):
                    pass
        return min(wait, self.max_wait)
