"""Every page fits a phone: each role's pages, reached by following the links a person
would follow from their home, are loaded 360 px wide and none may scroll sideways.

A wide table must stack its rows (`table-stack`) or sit in a `table-responsive` box,
which scrolls inside itself: the page around it stays 360 px."""

from __future__ import annotations

import re
import uuid
from collections import deque
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Error as PlaywrightError, Page

from conftest import PHONE, sign_in_afresh

PASSWORD = "bunsen-burner-tripod-7"
# Per role, at most this many pages, and two of each shape (a run page, a course page...).
PAGES_PER_ROLE = 45
PER_SHAPE = 2
# Downloads, feeds, the API and actions are not pages to look at.
SKIP = re.compile(r"(\.csv|\.ics|\.json|\.svg|/api/|/sign-out|/print$|/sign-in-sheet$|/pdf$|/download$)")


def _shape(path: str) -> str:
    path = re.sub(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f-]{27}", "{id}", path)
    path = re.sub(r"PR-[A-Z0-9-]+", "{number}", path)
    return re.sub(r"/courses/[a-z0-9-]+", "/courses/{code}", path) if not path.endswith(("/courses/new",)) else path


def _walk(page: Page, base: str, start: list[str]) -> tuple[int, list[str]]:
    """Breadth-first over same-site links from `start`; returns pages seen and those too wide."""
    host = urlsplit(base).netloc
    queue, seen, shapes, wide = deque(start), set(), {}, []
    while queue and len(seen) < PAGES_PER_ROLE:
        path = queue.popleft()
        shape = _shape(urlsplit(path).path)
        if path in seen or shapes.get(shape, 0) >= PER_SHAPE:
            continue
        seen.add(path)
        shapes[shape] = shapes.get(shape, 0) + 1
        try:
            response = page.goto(urljoin(base, path))
        except PlaywrightError as error:
            # A link that turns out to be a file (a new export, say) is not a page to measure.
            if "Download is starting" in str(error):
                continue
            raise
        if response is None or response.status >= 400 or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            culprit = page.evaluate("""() => {
                const over = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                    && !e.closest('.table-responsive, pre, .visually-hidden'));
                const e = over[over.length - 1];
                return e ? e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '') : '?';
            }""")
            wide.append(f"{path} is {width} px wide (widest: {culprit})")
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
            url = urlsplit(urljoin(base + path, href))
            if url.netloc == host and not SKIP.search(url.path) and url.fragment == "":
                queue.append(url.path + (f"?{url.query}" if url.query else ""))
    return len(seen), wide


def test_every_page_of_every_role_fits_360_px(server: str, page: Page, create_user):
    page.set_viewport_size(PHONE)
    seen, wide = _walk(page, server, ["/", "/courses", "/calendar", "/centres", "/strategy", "/verify", "/register", "/contact"])
    assert seen > 15, f"the visitor's walk reached only {seen} pages"
    roles = [("technician", ()), ("course_admin", ()), ("verifier", ()), ("manager", ()), ("admin", ()),
             ("la_manager", ("--organisation", "Fife Council"))]
    for role, options in roles:
        email = f"{role}-{uuid.uuid4().hex[:8]}@phone.example"
        create_user(email, f"Phone {role}", PASSWORD, role, *options)
        sign_in_afresh(page, server, email, PASSWORD)
        page.set_viewport_size(PHONE)
        home = urlsplit(page.url).path
        count, too_wide = _walk(page, server, [home, "/me", "/me/bookings", "/me/certificates", "/me/cpd", "/me/account"])
        assert count > 10, f"{role}: the walk reached only {count} pages"
        wide += [f"{role}: {w}" for w in too_wide]
    assert not wide, "pages wider than a phone:\n" + "\n".join(wide)
