"""A loopback HTTP server for the tests of fetching (lists of URLs, feeds, `marsad watch`), and short Arabic
pages and feeds written for them (never article text from the corpus).

Routes are set per test: a path maps to a (status, headers, body) answer, or to a list of answers given in
turn (the last repeats), or to a function of the request. Every request is recorded with its headers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Answer = tuple[int, dict[str, str], bytes]

# three short reports, written for these tests
REPORTS = [
    ("قصف مدفعي على كفرنبل",
     "قتل ثلاثة مدنيين وأصيب خمسة آخرون يوم الأحد في قصف مدفعي استهدف بلدة كفرنبل في ريف إدلب الجنوبي، "
     "بحسب ما أفاد الدفاع المدني السوري. وقال مسؤول في الدفاع المدني إن فرق الإنقاذ انتشلت الضحايا من تحت "
     "أنقاض منزلين دمرهما القصف، وإن المصابين نقلوا إلى مستشفى قريب. وأضاف أن القصف تجدد مساء اليوم نفسه "
     "على أطراف البلدة من دون أن يسفر عن إصابات جديدة، فيما نزح عدد من العائلات نحو المخيمات القريبة من "
     "الحدود التركية خوفا من تجدد القصف في الأيام المقبلة."),
    ("تظاهرة في البصرة",
     "تظاهر مئات المحتجين يوم السبت أمام مبنى مجلس محافظة البصرة في جنوب العراق احتجاجا على انقطاع "
     "الكهرباء ونقص المياه الصالحة للشرب. ورفع المتظاهرون لافتات تطالب الحكومة المحلية بتحسين الخدمات "
     "وتوفير فرص العمل للشباب، وهتفوا ضد الفساد. وقال أحد المنظمين إن الاحتجاج سلمي وإن المحتجين سيعودون "
     "إلى الساحة كل أسبوع حتى تستجيب السلطات لمطالبهم. وانتشرت قوات الأمن حول المبنى من دون أن تسجل أي "
     "مواجهات بين الطرفين حتى ساعة متأخرة من المساء."),
    ("اشتباكات في مأرب",
     "اندلعت اشتباكات عنيفة يوم الخميس بين القوات الحكومية اليمنية ومسلحي جماعة الحوثي في مديرية صرواح غرب "
     "محافظة مأرب، ما أسفر عن مقتل ستة مقاتلين من الطرفين بحسب مصادر عسكرية. وقالت المصادر إن المواجهات "
     "استمرت ساعات واستخدمت فيها الأسلحة الثقيلة والمتوسطة، وإن الطيران المسير شارك في الهجوم على مواقع "
     "القوات الحكومية. ولم يصدر عن جماعة الحوثي أي تعليق على الاشتباكات حتى الآن، فيما تتواصل التعزيزات "
     "العسكرية نحو جبهات القتال في المحافظة."),
]


def page(title: str, body: str, url: str = "", site: str = "موقع الاختبار", published: str = "2024-03-10") -> str:
    """A news page: navigation, the headline as <title> and <h1>, the report in paragraphs, a footer."""
    paras = "".join(f"<p>{s.strip()}.</p>" for s in body.split(".") if s.strip())
    canonical = f'<link rel="canonical" href="{url}">' if url else ""
    return (f"<!DOCTYPE html><html lang='ar' dir='rtl'><head><meta charset='utf-8'><title>{title}</title>"
            f"{canonical}<meta property='og:site_name' content='{site}'>"
            f"<meta property='article:published_time' content='{published}T09:00:00+03:00'></head><body>"
            f"<nav><a href='/'>الرئيسية</a> <a href='/news'>أخبار</a></nav><article><h1>{title}</h1>{paras}"
            f"</article><footer>جميع الحقوق محفوظة</footer></body></html>")


def rss(items: list[dict], title: str = "أخبار الاختبار") -> bytes:
    """An RSS 2.0 feed; an item gives title, link, guid, date (RFC 822) and either content (full, in
    content:encoded) or description (a teaser)."""
    out = ["<?xml version='1.0' encoding='UTF-8'?><rss version='2.0' "
           "xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
           f"<title>{title}</title><link>http://example.test/</link><description>اختبار</description>"]
    for it in items:
        out.append("<item>")
        for k in ("title", "link", "guid"):
            if it.get(k):
                out.append(f"<{k}>{it[k]}</{k}>")
        if it.get("date"):
            out.append(f"<pubDate>{it['date']}</pubDate>")
        if it.get("description"):
            out.append(f"<description><![CDATA[{it['description']}]]></description>")
        if it.get("content"):
            out.append(f"<content:encoded><![CDATA[{it['content']}]]></content:encoded>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "".join(out).encode("utf-8")


@dataclass
class Loopback:
    routes: dict[str, Answer | list[Answer] | Callable] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    base: str = ""

    def answer(self, handler: BaseHTTPRequestHandler) -> Answer:
        got = self.routes.get(handler.path)
        if got is None:
            return 404, {"Content-Type": "text/plain"}, b"not found"
        if callable(got):
            return got(handler)
        if isinstance(got, list):
            return got.pop(0) if len(got) > 1 else got[0]
        return got

    def hits(self, path: str) -> list[dict[str, str]]:
        return [h for p, h in self.requests if p == path]


def html_answer(html: str, **headers: str) -> Answer:
    return 200, {"Content-Type": "text/html; charset=utf-8", **headers}, html.encode("utf-8")


def conditional(body: bytes, etag: str, content_type: str = "application/rss+xml") -> Callable:
    """An answer that honours If-None-Match (or, without it, If-Modified-Since) with a 304, as RFC 9110
    says: a new version has a new ETag and a later Last-Modified."""
    modified = formatdate(1_700_000_000 + sum(etag.encode()), usegmt=True)

    def reply(h: BaseHTTPRequestHandler) -> Answer:
        tag, since = h.headers.get("If-None-Match"), h.headers.get("If-Modified-Since")
        if (tag == etag) if tag is not None else (since == modified):
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": content_type, "ETag": etag, "Last-Modified": modified}, body
    return reply


def start_loopback() -> tuple[Loopback, Callable[[], None]]:
    lb = Loopback()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            lb.requests.append((self.path, dict(self.headers.items())))
            status, headers, body = lb.answer(self)
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    lb.base = f"http://127.0.0.1:{server.server_address[1]}"
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()
    return lb, stop
