"""No stored text runs as script.

A payload goes into every text field a person can write, through the real forms (the API
only for an API token's label, which has no form; `preproom user create` for the staff's and
members' names besides the registered one), and every page that shows it is loaded as the
people who see it. On every page load the test checks, without relying on the
Content-Security-Policy (the browser contexts bypass it, so an unescaped payload would
really run):

- the raw HTML from the server has no payload tag (`<img src=x id=xss-…`, `<script id=xss-…`,
  `<svg id=xss-…`, `<svg/onload=…`), and parsed tag by tag (head, title and meta included)
  no tag carries an event-handler attribute, an `xss-` id, a `javascript:` address or an
  inline script, and the head holds only meta, title, link and external scripts;
- the live DOM has no element with an `xss-` id or an `on…` attribute, no inline script and
  no `javascript:` link, and no dialog opened;
- the payload itself is on the page, as text or as an attribute's value (escaped), so the
  test cannot pass by not showing it;
- the response carries a Content-Security-Policy whose script-src has no 'unsafe-inline'
  (nor 'unsafe-eval'), and `X-Content-Type-Options: nosniff` (every HTML document the
  browsers load is checked, redirect targets and error pages included).

COVERAGE below is the table of fields, how each is stored and the pages it is checked on;
the test fails if any pair in it was not actually checked.
"""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, Response, expect

from conftest import sign_in

PASSWORD = "pipette-burette-flask-31"
LONDON = ZoneInfo("Europe/London")
RUN = uuid.uuid4().hex[:6]


# --- payloads ---------------------------------------------------------------------------
#
# Each field gets its own number N, a visible label ("X<run>-N") and one of these shapes.
# "img" breaks out of a double-quoted attribute; "script" out of <title> and <textarea>;
# "svg" out of single and double quotes; "email" has no spaces (it passes as an address);
# "url" starts with https:// (the only links the service keeps) and then breaks out of href;
# "short" fits the 34 characters a bar chart's label shows.

SHAPES = {
    "img": '"><img src=x id=xss-{n} onerror=alert({n})>',
    "script": "</title></textarea><script id=xss-{n}>alert({n})</script>",
    "svg": "'\"><svg id=xss-{n} onload=alert({n})>",
    "email": "'\"><svg/onload=alert({n})>@example.org",
    "url": 'https://example.org/{n}?"><img src=x id=xss-{n} onerror=alert({n})>',
    "short": "'\"><svg/onload=alert({n})>",
    "file": "<img src=x id=xss-{n} onerror=alert({n})>.pdf",
}

# key: (N, shape, the field, how the test stores it). The pages each is checked on: COVERAGE.
FIELDS: dict[str, tuple[int, str, str, str]] = {
    "reg.name": (1, "img", "registration: full name", "/register form (visitor)"),
    "reg.email": (2, "email", "registration: email address", "/register form (visitor)"),
    "account.disable_reason": (3, "svg", "account: reason for disabling", "/staff/accounts/{id} form (admin)"),
    "course.title": (4, "script", "course: title", "/courses/new form (course admin)"),
    "course.summary": (5, "script", "course: summary", "/courses/new form (course admin)"),
    "course.covers1": (6, "img", "course: what it covers, line 1", "/courses/new form (course admin)"),
    "course.covers2": (7, "svg", "course: what it covers, line 2", "/courses/new form (course admin)"),
    "course.competence": (8, "img", "course: competence granted", "/courses/new form (course admin)"),
    "run.venue": (9, "img", "run: venue", "run form (course admin)"),
    "run.online_link": (10, "url", "run: online link (javascript: refused first)", "run form (course admin)"),
    "run.cohort": (11, "svg", "run: cohort", "run form (course admin)"),
    "run.notes": (12, "script", "run: notes for delegates", "run form (course admin)"),
    "token.label": (13, "img", "API token: label", "POST /api/v1/tokens (member; no form)"),
    "eval.pre_prompt": (14, "img", "questionnaire: free-text question (before)", "/staff/evaluation form (course admin)"),
    "eval.choice_prompt": (15, "svg", "questionnaire: single-choice question (after)", "/staff/evaluation form (course admin)"),
    "eval.option_a": (16, "short", "questionnaire: choice option 1", "/staff/evaluation form (course admin)"),
    "eval.option_b": (17, "short", "questionnaire: choice option 2", "/staff/evaluation form (course admin)"),
    "eval.rating_prompt": (18, "script", "questionnaire: rating question (after)", "/staff/evaluation form (course admin)"),
    "eval.pre_answer": (19, "img", "answers: free text (before)", "questionnaire form (member)"),
    "eval.post_answer": (20, "svg", "answers: free text (after)", "questionnaire form (member)"),
    "booking.move_reason": (21, "img", "booking: reason for a move", "/bookings/{id}/manage form (course admin)"),
    "booking.cancel_reason": (22, "svg", "booking: reason for cancelling", "/bookings/{id}/manage form (course admin)"),
    "cpd.title": (23, "img", "CPD entry: what you did", "/me/cpd form (member)"),
    "cpd.reflection": (24, "script", "CPD entry: reflection", "/me/cpd form (member)"),
    "cpd.evidence_url": (25, "url", "CPD entry: evidence link (javascript: refused first)", "/me/cpd form (member)"),
    "centre.name": (26, "img", "centre application: organisation's name", "/centres/apply form (applicant)"),
    "centre.contact_name": (27, "svg", "centre application: contact name", "/centres/apply form (applicant)"),
    "centre.contact_email": (28, "email", "centre application: contact email", "/centres/apply form (applicant)"),
    "centre.venue1": (29, "img", "centre application: venue, line 1", "/centres/apply form (applicant)"),
    "centre.venue2": (30, "svg", "centre application: venue, line 2", "/centres/apply form (applicant)"),
    "centre.statement": (31, "script", "centre application: statement", "/centres/apply form (applicant)"),
    "centre.approve_reason": (32, "img", "centre status change: reason (approve)", "/centres/{id} form (course admin)"),
    "approval.withdraw_reason": (33, "svg", "course approval: reason for withdrawing", "/centres/{id} form (course admin)"),
    "centre.suspend_reason": (34, "script", "centre status change: reason (suspend)", "/centres/{id} form (course admin)"),
    "centre.reinstate_reason": (35, "img", "centre status change: reason (reinstate)", "/centres/{id} form (course admin)"),
    "centre.added_venue": (36, "svg", "centre: a venue added later", "/centres/{id} form (course admin)"),
    "evidence.centre_note": (37, "img", "verification evidence: the centre's note", "/runs/{id}/verification form (coordinator)"),
    "evidence.filename": (38, "file", "verification evidence: a document's file name", "/runs/{id}/verification upload (coordinator)"),
    "evidence.html_document": (39, "script", "verification evidence: an HTML document's content",
                               "/runs/{id}/verification upload as text/html (coordinator)"),
    "evidence.verifier_note": (40, "script", "verification evidence: a verifier's note", "/runs/{id}/verification form (verifier)"),
    "verification.notes1": (41, "svg", "verification outcome: notes (Not Accepted)", "/runs/{id}/verification form (verifier)"),
    "verification.actions": (42, "img", "verification outcome: actions", "/runs/{id}/verification form (verifier)"),
    "verification.actions_note": (43, "script", "verification: what was done for each action", "/runs/{id}/verification form (coordinator)"),
    "verification.notes2": (44, "img", "verification outcome: notes (with Recommendations)", "/runs/{id}/verification form (verifier)"),
    "verification.recommendations": (45, "svg", "verification outcome: recommendations", "/runs/{id}/verification form (verifier)"),
    "strategy.note": (46, "script", "strategy objective: note", "/strategy/T9 form (manager)"),
    "certificate.revoke_reason": (47, "img", "certificate: reason for revoking", "/certificates/{n} form (course admin)"),
    "name.course_admin": (48, "svg", "account name: course admin", "preproom user create"),
    "name.verifier": (49, "img", "account name: verifier", "preproom user create"),
    "name.manager": (50, "svg", "account name: manager", "preproom user create"),
    "name.coordinator": (51, "img", "account name: centre applicant, then coordinator", "preproom user create"),
    "name.waiter_w": (52, "img", "account name: member moved, cancelled, then disabled", "preproom user create"),
    "name.waiter_x": (53, "script", "account name: member left waiting, then a centre's delegate", "preproom user create"),
    "name.admin": (54, "svg", "account name: admin", "preproom user create"),
    "search.q": (55, "img", "catalogue search words (reflected, not stored)", "/courses?q= (visitor)"),
}


def P(key: str) -> str:
    """The payload stored in the field `key`."""
    n, shape, _, _ = FIELDS[key]
    body = SHAPES[shape].format(n=n)
    if shape == "url":
        return body
    if shape == "email":
        return f"x{RUN}-{n}{body}"
    return f"X{RUN}-{n} {body}"


# The payloads' tags as they would appear in raw HTML if a value were not escaped.
RAW_TAGS = re.compile(r"<img src=x id=xss-|<script id=xss-|<svg id=xss-|<svg/onload=", re.IGNORECASE)

# Where each field must be shown (and is checked): page labels as used in the test below.
# A label ending in "(prefix)" means the page shows only the chart label's first 34 characters.
COVERAGE: dict[str, list[str]] = {
    "reg.name": ["register form again (visitor)", "/staff/accounts (admin)", "/staff/accounts/{member} (admin)",
                 "/me/bookings (member)", "/runs/{A}/delegates (course admin)", "/bookings/{M}/manage (course admin)",
                 "/runs/{A}/sign-in-sheet (course admin)", "/certificates/{M} (visitor)", "/certificates/{M}/print (member)",
                 "/me/cpd/print (member)", "/me/security (member)", "/me/account (member)"],
    "reg.email": ["register form again (visitor)", "/staff/accounts (admin)", "/staff/accounts/{member} (admin)",
                  "/runs/{A}/delegates (course admin)", "/runs/{A}/sign-in-sheet (course admin)", "/me/cpd/print (member)"],
    "account.disable_reason": ["/staff/accounts/{W} after disabling (admin)", "/staff/audit?action=account (admin)"],
    "course.title": ["course form again (course admin)", "/courses/{code} (visitor)", "/courses?q= (visitor)", "/ (visitor)",
                     "/calendar (visitor)", "/runs/{A} (visitor)", "/me/bookings (member)", "/me/evaluations (member)",
                     "/me/certificates (member)", "/certificates/{M} (visitor)", "/me/cpd (member)",
                     "/runs/{A}/delegates (course admin)", "/centres/{id} (course admin)", "/centres/{id} (coordinator)",
                     "/staff/verifications (verifier)", "/staff/reports/annual (manager)",
                     "/staff/reports/annual chart (manager, prefix)", "/courses/{code}/edit (course admin)"],
    "course.summary": ["course form again (course admin)", "/courses/{code} (visitor)", "/courses?q= (visitor)",
                       "/courses/{code}/edit (course admin)"],
    "course.covers1": ["course form again (course admin)", "/courses/{code} (visitor)", "/courses/{code}/edit (course admin)"],
    "course.covers2": ["course form again (course admin)", "/courses/{code} (visitor)", "/courses/{code}/edit (course admin)"],
    "course.competence": ["course form again (course admin)", "/courses/{code} (visitor)", "/courses/{code}/edit (course admin)"],
    "run.venue": ["run form refused (course admin)", "/runs/{A} (visitor)", "/ (visitor)", "/calendar (visitor)",
                  "/courses/{code} (visitor)", "/runs/{A}/edit (course admin)", "/runs/{A}/sign-in-sheet (course admin)"],
    "run.online_link": ["/runs/{A} (visitor)", "/runs/{A}/edit (course admin)"],
    "run.cohort": ["run form refused (course admin)", "/runs/{A} (visitor)", "/ (visitor)", "/courses/{code} (visitor)",
                   "/runs/{A}/edit (course admin)"],
    "run.notes": ["run form refused (course admin)", "/runs/{A} (visitor)", "/runs/{A}/edit (course admin)"],
    "token.label": ["/me/security (member)"],
    "eval.pre_prompt": ["/staff/evaluation (course admin)", "questionnaire before (member)", "/staff/reports/evaluation (manager)"],
    "eval.choice_prompt": ["question form again (course admin)", "/staff/evaluation (course admin)", "questionnaire after (member)",
                           "/staff/reports/evaluation (manager)"],
    "eval.option_a": ["question form again (course admin)", "/staff/evaluation (course admin)", "questionnaire after (member)",
                      "/staff/reports/evaluation chart (manager, prefix)"],
    "eval.option_b": ["/staff/evaluation (course admin)", "questionnaire after (member)"],
    "eval.rating_prompt": ["/staff/evaluation (course admin)", "questionnaire after (member)", "/staff/reports/evaluation (manager)"],
    "eval.pre_answer": ["/staff/reports/evaluation (manager)"],
    "eval.post_answer": ["/staff/reports/evaluation (manager)"],
    "booking.move_reason": ["/runs/{A}/delegates after the move (course admin)", "/staff/audit?action=booking (course admin)"],
    "booking.cancel_reason": ["/runs/{B}/delegates after cancelling (course admin)", "/staff/audit?action=booking (course admin)"],
    "cpd.title": ["CPD form refused (member)", "/me/cpd (member)", "/me/cpd/print (member)"],
    "cpd.reflection": ["CPD form refused (member)", "/me/cpd (member)", "/me/cpd/print (member)"],
    "cpd.evidence_url": ["/me/cpd (member)", "/me/cpd/print (member)"],
    "centre.name": ["application form again (applicant)", "/centres (visitor)", "/centres/{id} (visitor)",
                    "/centres/{id} (course admin)", "/centres/{id} (coordinator)", "/runs/{C} (visitor)",
                    "/staff/verifications (verifier)", "/runs/{C}/verification (verifier)", "/certificates/{X} (visitor)",
                    "/certificates/{X}/print (delegate)", "/staff/reports/centres (manager)",
                    "/staff/reports/annual chart (manager, prefix)", "new run form, provider choice (course admin)"],
    "centre.contact_name": ["application form again (applicant)", "/centres/{id} (course admin)"],
    "centre.contact_email": ["application form again (applicant)", "/centres/{id} after applying (applicant)",
                             "/centres/{id} (course admin)"],
    "centre.venue1": ["application form again (applicant)", "/centres (visitor)", "/centres/{id} (visitor)",
                      "/runs/{C} (visitor)", "centre run form refused (coordinator)"],
    "centre.venue2": ["application form again (applicant)", "/centres/{id} (visitor)", "centre run form refused (coordinator)"],
    "centre.statement": ["application form again (applicant)", "/centres/{id} (course admin)"],
    "centre.approve_reason": ["/centres/{id} (course admin)", "/centres/{id} (coordinator)"],
    "approval.withdraw_reason": ["/staff/audit?action=centre (course admin)"],
    "centre.suspend_reason": ["/centres/{id} (course admin)", "/centres/{id} (coordinator)"],
    "centre.reinstate_reason": ["/centres/{id} (course admin)", "/centres/{id} (coordinator)"],
    "centre.added_venue": ["/centres/{id} (visitor)", "centre run form refused (coordinator)"],
    "evidence.centre_note": ["/runs/{C}/verification (coordinator)", "/runs/{C}/verification (verifier)",
                             "/runs/{C}/verification (course admin)"],
    "evidence.filename": ["/runs/{C}/verification (coordinator)", "/runs/{C}/verification (verifier)"],
    "evidence.verifier_note": ["/runs/{C}/verification (verifier)", "/runs/{C}/verification (coordinator)"],
    "verification.notes1": ["/runs/{C}/verification Not Accepted (verifier)", "/runs/{C}/verification (coordinator)",
                            "/runs/{C}/verification (course admin)"],
    "verification.actions": ["/runs/{C}/verification Not Accepted (verifier)", "/runs/{C}/verification (coordinator)"],
    "verification.actions_note": ["/runs/{C}/verification (verifier)", "/runs/{C}/verification (course admin)"],
    "verification.notes2": ["/runs/{C}/verification accepted (verifier)", "/runs/{C}/verification (course admin)"],
    "verification.recommendations": ["/runs/{C}/verification accepted (verifier)", "/runs/{C}/verification (course admin)"],
    "strategy.note": ["/strategy/T9 (visitor)", "/strategy/T9 (manager)"],
    "certificate.revoke_reason": ["/certificates/{M} after revoking (course admin)", "/certificates/{M} revoked (visitor)"],
    "name.course_admin": ["/staff/audit?action=booking (course admin)"],
    "name.verifier": ["/runs/{C}/verification (coordinator)"],
    "name.manager": ["/strategy/T9 (visitor)"],
    "name.coordinator": ["application form again (applicant)", "/runs/{C}/verification (verifier)"],
    "name.waiter_w": ["/runs/{A}/delegates (course admin)", "/bookings/{W}/manage (course admin)",
                      "/runs/{B}/delegates after cancelling (course admin)", "/staff/accounts/{W} after disabling (admin)"],
    "name.waiter_x": ["/runs/{A}/delegates (course admin)", "/staff/reports/evaluation (manager)",
                      "/runs/{C}/delegates (coordinator)", "/certificates/{X} (visitor)", "/certificates/{X}/print (delegate)"],
    "name.admin": ["/staff/accounts (admin)"],
    "evidence.html_document": ["evidence download (verifier)"],
    "search.q": ["/courses?q=payload (visitor)"],
}


# --- what is checked on every page ------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
HEAD_TAGS = {"meta", "title", "link", "script"}


class _TagScan(HTMLParser):
    """Reads raw HTML tag by tag, as a browser tokenises it, and lists what should never be there."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_head = False

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]):
        values = {name: value or "" for name, value in attrs}
        where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in attrs)[:160]}>"
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"event-handler attribute {name} in {where}")
            if name in URL_ATTRIBUTES and re.match(r"\s*(javascript|vbscript|data:text/html)", value, re.IGNORECASE):
                self.problems.append(f"script address in {where}")
        if values.get("id", "").lower().startswith("xss"):
            self.problems.append(f"payload element {where}")
        if tag == "script" and not values.get("src"):
            self.problems.append(f"inline script {where}")
        if self.in_head:
            if tag not in HEAD_TAGS:
                self.problems.append(f"unexpected tag in <head>: {where}")
            if tag == "meta" and any("xss" in (v or "").lower() for _, v in attrs):
                self.problems.append(f"payload inside a meta tag: {where}")

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)
        if tag == "head":
            self.in_head = True

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


DOM_PROBLEMS = """() => {
    const problems = [];
    const show = el => el.outerHTML.slice(0, 200);
    for (const el of document.querySelectorAll('*')) {
        if (el.id && el.id.toLowerCase().startsWith('xss')) problems.push('payload element: ' + show(el));
        if (el.tagName.toLowerCase() === 'script' && !el.getAttribute('src')) problems.push('inline script: ' + show(el));
        for (const a of el.attributes) {
            if (a.name.toLowerCase().startsWith('on')) problems.push('event-handler attribute ' + a.name + ': ' + show(el));
            if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name.toLowerCase())
                && /^\\s*(javascript|vbscript)\\s*:/i.test(a.value)) problems.push('script address: ' + show(el));
        }
    }
    return problems;
}"""

# All text on the page, and every attribute's value and every field's value: an escaped
# payload is in one of them.
PAGE_TEXT = """() => {
    const parts = [document.documentElement.textContent];
    for (const el of document.querySelectorAll('*')) for (const a of el.attributes) parts.push(a.value);
    for (const el of document.querySelectorAll('input, textarea, select')) parts.push(el.value);
    return parts.join('\\n');
}"""


def _csp_problem(headers: dict[str, str]) -> str | None:
    csp = headers.get("content-security-policy")
    if not csp:
        return "no Content-Security-Policy"
    directives = {d.strip().split(" ")[0]: d.strip() for d in csp.split(";") if d.strip()}
    script = directives.get("script-src") or directives.get("default-src")
    if not script:
        return f"no script-src or default-src in {csp!r}"
    sources = script.split()[1:]
    if "'unsafe-inline'" in sources or "'unsafe-eval'" in sources:
        return f"script-src allows inline script: {script!r}"
    if any(source in ("*", "data:", "http:", "https:", "blob:") for source in sources):
        return f"script-src allows script from anywhere: {script!r}"
    if headers.get("x-content-type-options", "").lower() != "nosniff":
        return f"X-Content-Type-Options is {headers.get('x-content-type-options')!r}, not nosniff"
    return None


class Probe:
    """What the test's browsers have seen: the (field, page) pairs checked, pages, dialogs."""

    def __init__(self, server: str):
        self.server = server
        self.checked: set[tuple[str, str]] = set()
        self.pages = 0
        self.documents = 0
        self.dialogs: list[str] = []


class Actor:
    """One person in their own browser context, with the checks run on every page."""

    def __init__(self, probe: Probe, browser, who: str):
        self.probe, self.who = probe, who
        # bypass_csp: were a payload unescaped, it would run and open a dialog.
        self.context = browser.new_context(locale="en-GB", timezone_id="Europe/London", bypass_csp=True)
        self.context.set_default_timeout(10_000)
        self.page: Page = self.context.new_page()
        self._documents: list[Response] = []
        self.page.on("dialog", self._dialog)
        self.page.on("response", lambda r: self._documents.append(r) if r.request.resource_type == "document" else None)

    def _dialog(self, dialog):
        self.probe.dialogs.append(f"{self.who} at {self.page.url}: {dialog.type}({dialog.message!r})")
        dialog.dismiss()

    @property
    def server(self) -> str:
        return self.probe.server

    def sign_in(self, email: str, password: str = PASSWORD) -> None:
        sign_in(self.page, self.server, email, password)

    def goto(self, path: str, label: str, expect_keys=(), status: int = 200) -> Response:
        response = self.page.goto(self.server + path)
        assert response is not None and response.status == status, f"GET {path} as {self.who}: {response and response.status}"
        self.check(response, label, expect_keys)
        return response

    def submit(self, button, label: str | None = None, expect_keys=(), status: int | None = None) -> Response:
        """Clicks a form's button (or a link) and checks the page that follows (after any redirect)."""
        with self.page.expect_navigation() as navigation:
            button.click()
        response = navigation.value
        if status is not None:
            assert response.status == status, f"{label or button} as {self.who}: status {response.status}"
        self.check(response, label, expect_keys)
        return response

    def check(self, response: Response, label: str | None, expect_keys=()) -> None:
        page, where = self.page, f"{label or self.page.url} as {self.who} ({self.page.url})"
        self.probe.pages += 1
        # Every HTML document loaded since the last check: its security headers.
        for document in self._documents:
            headers = document.all_headers()
            if "text/html" not in headers.get("content-type", ""):
                continue
            self.probe.documents += 1
            problem = _csp_problem(headers)
            assert problem is None, f"{document.request.method} {document.url} ({document.status}): {problem}"
        self._documents.clear()

        raw = response.text()
        unescaped = RAW_TAGS.search(raw)
        if unescaped:
            at = unescaped.start()
            pytest.fail(f"unescaped payload in the HTML of {where}: …{raw[max(at - 120, 0):at + 120]}…", pytrace=False)
        scan = _TagScan()
        scan.feed(raw)
        scan.close()
        assert not scan.problems, f"tags that should not be in the HTML of {where}:\n" + "\n".join(scan.problems[:10])

        problems = page.evaluate(DOM_PROBLEMS)
        assert not problems, f"payload came alive in the DOM of {where}:\n" + "\n".join(problems[:10])
        assert not self.probe.dialogs, "a dialog opened: " + "; ".join(self.probe.dialogs)

        if expect_keys:
            text = page.evaluate(PAGE_TEXT)
            for key in expect_keys:
                expected = P(key)[:34] if label and label.endswith("prefix)") else P(key)
                assert expected in text, f"{where} does not show {key} ({FIELDS[key][2]}) literally: {expected!r}"
                self.probe.checked.add((key, label))

    def close(self):
        self.context.close()


# --- the journeys -----------------------------------------------------------------------


def _local(moment: datetime) -> str:
    return moment.astimezone(LONDON).strftime("%Y-%m-%dT%H:%M")


def _day(days: int, hour: int, minute: int = 0) -> datetime:
    base = datetime.now(LONDON) + timedelta(days=days)
    return base.replace(hour=hour, minute=minute, second=0, microsecond=0)


def _id(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def _fill_run(actor: Actor, *, capacity: str, venue: str, start: datetime, end: datetime,
              online: str = "", cohort: str = "", notes: str = "") -> None:
    page = actor.page
    page.get_by_label("Capacity", exact=True).fill(capacity)
    page.get_by_label("Venue", exact=True).fill(venue)
    page.get_by_label("Online link", exact=True).fill(online)
    page.get_by_label("Session 1 starts", exact=True).fill(_local(start))
    page.get_by_label("Session 1 ends", exact=True).fill(_local(end))
    page.get_by_label("Cohort", exact=True).fill(cohort)
    page.get_by_label("Notes for delegates", exact=True).fill(notes)


# The people `preproom user create` makes: (their name's field, role, who); the email is who-RUN@….
PEOPLE = [("name.admin", "admin", "admin"), ("name.course_admin", "course_admin", "cadmin"),
          ("name.verifier", "verifier", "verifier"), ("name.manager", "manager", "manager"),
          ("name.waiter_w", "technician", "wendy"), ("name.waiter_x", "technician", "xavier"),
          ("name.coordinator", "technician", "cara")]


def _email(who: str) -> str:
    return f"{who}-{RUN}@school.sch.uk"


def _create_people(create_user, monkeypatch) -> None:
    # Hashing the password is most of what `user create` and signing in cost; a cheap hash
    # for these accounts only (the server checks any bcrypt cost) keeps the test quick.
    with monkeypatch.context() as env:
        env.setenv("PREPROOM_BCRYPT_COST", "4")
        for key, role, who in PEOPLE:
            create_user(_email(who), P(key), PASSWORD, role)


def _answer(actor: Actor, text: str) -> None:
    """Rates 5, picks each question's first option, writes `text` in every text box."""
    for group in actor.page.locator("#questionnaire fieldset").all():
        radios = group.locator("input[type=radio]")
        radios.nth(radios.count() - 1 if radios.count() == 5 else 0).check()
    for box in actor.page.locator("#questionnaire textarea").all():
        box.fill(text)


def test_no_stored_text_runs_as_script(server: str, browser, create_user, monkeypatch):
    probe = Probe(server)
    actors: list[Actor] = []

    def person(who: str) -> tuple[Actor, str]:
        actor = Actor(probe, browser, who)
        actors.append(actor)
        actor.sign_in(_email(who))
        return actor, _email(who)

    _create_people(create_user, monkeypatch)
    try:
        _journeys(probe, browser, person, actors)
    finally:
        for actor in actors:
            actor.close()

    missing = [(key, label) for key, labels in COVERAGE.items() for label in labels if (key, label) not in probe.checked]
    assert not missing, "pages in COVERAGE that were not checked:\n" + "\n".join(f"{k}: {l}" for k, l in missing)
    assert set(COVERAGE) == set(FIELDS), f"fields without pages: {set(FIELDS) - set(COVERAGE)}"
    assert not probe.dialogs, probe.dialogs
    print(f"\nxss: {len(FIELDS)} fields, {len(probe.checked)} field-page checks, {probe.pages} page loads, "
          f"{probe.documents} HTML documents' headers")


def _journeys(probe: Probe, browser, person, actors: list[Actor]) -> None:
    visitor = Actor(probe, browser, "visitor")
    actors.append(visitor)

    # --- staff and members made by the operator command: their names are payloads ------
    admin, _ = person("admin")
    course_admin, _ = person("cadmin")
    verifier, _ = person("verifier")
    manager, _ = person("manager")
    waiter_w, w_email = person("wendy")
    waiter_x, x_email = person("xavier")
    applicant, _ = person("cara")

    # --- registration: name and email ---------------------------------------------------
    member_email = P("reg.email")
    page = visitor.page
    visitor.goto("/register", "register form")
    page.get_by_label("Full name").fill(P("reg.name"))
    page.get_by_label("Email address").fill(member_email)
    page.get_by_label("Password").fill("short")
    page.get_by_label("Local authority or member body").select_option(label="Fife Council")
    visitor.submit(page.get_by_role("button", name="Register"), "register form again (visitor)",
                   ["reg.name", "reg.email"], status=422)
    page.get_by_label("Password").fill(PASSWORD)
    visitor.submit(page.get_by_role("button", name="Register"), "registered")
    expect(page.get_by_role("heading", level=1)).to_have_text("Registration received")

    admin.goto("/staff/accounts", "/staff/accounts (admin)", ["reg.name", "reg.email", "name.admin"])
    admin.page.locator("#pending-accounts tr", has_text=member_email).get_by_role("checkbox").check()
    admin.submit(admin.page.get_by_role("button", name="Approve chosen"), "approved")
    # Found by the list's search: the shared server holds more accounts than one page of
    # the list, from the other browser tests, so the member may not be on its first page.
    admin.goto("/staff/accounts?q=" + urllib.parse.quote(member_email), "/staff/accounts?q= (admin)", ["reg.name", "reg.email"])
    admin.submit(admin.page.locator("#accounts tr", has_text=member_email).get_by_role("link"),
                 "/staff/accounts/{member} (admin)", ["reg.name", "reg.email"])

    member = Actor(probe, browser, "member")
    actors.append(member)
    member.sign_in(member_email)

    # --- a course, with a mistake first so the form comes back with what was typed -----
    code = f"xss-course-{RUN}"
    ca = course_admin.page
    course_admin.goto("/courses/new", "course form")
    ca.get_by_label("Code", exact=True).fill(code)
    ca.get_by_label("Title", exact=True).fill(P("course.title"))
    ca.get_by_label("Summary", exact=True).fill(P("course.summary"))
    ca.get_by_label("What it covers", exact=True).fill(P("course.covers1") + "\n" + P("course.covers2"))
    ca.get_by_label("Length in days", exact=True).fill("one")
    ca.get_by_label("Assessed", exact=True).check()
    ca.get_by_label("Certificated", exact=True).check()
    ca.get_by_label("SCQF level", exact=True).fill("6")
    ca.get_by_label("SCQF credits", exact=True).fill("1")
    ca.get_by_label("Certificate valid for (months)", exact=True).fill("36")
    ca.get_by_label("Competence granted", exact=True).fill(P("course.competence"))
    ca.get_by_label("Accredited Centres may deliver it", exact=True).check()
    course_keys = ["course.title", "course.summary", "course.covers1", "course.covers2", "course.competence"]
    course_admin.submit(ca.get_by_role("button", name="Save course"), "course form again (course admin)", course_keys, status=422)
    ca.get_by_label("Length in days", exact=True).fill("1")
    course_admin.submit(ca.get_by_role("button", name="Save course"), "course saved", ["course.title"])
    expect(ca).to_have_url(re.compile(f"/courses/{code}$"))
    course_admin.goto(f"/courses/{code}/edit", "/courses/{code}/edit (course admin)", course_keys)

    # --- questionnaires: a question of each kind, with payloads -------------------------
    course_admin.goto("/staff/evaluation", "questionnaires")
    form = ca.locator("#add-question")
    form.get_by_label("Step").select_option("post")
    form.get_by_label("Kind").select_option("choice")
    ca.get_by_label("Question", exact=True).fill(P("eval.choice_prompt"))
    ca.get_by_label("Options").fill(P("eval.option_a"))
    ca.get_by_label("An answer is required").uncheck()
    course_admin.submit(ca.get_by_role("button", name="Add question"), "question form again (course admin)",
                        ["eval.choice_prompt", "eval.option_a"], status=422)
    ca.get_by_label("Options").fill(P("eval.option_a") + "\n" + P("eval.option_b"))
    course_admin.submit(ca.get_by_role("button", name="Add question"), "question added")
    for step, kind, key in (("pre", "text", "eval.pre_prompt"), ("post", "rating", "eval.rating_prompt")):
        form.get_by_label("Step").select_option(step)
        form.get_by_label("Kind").select_option(kind)
        ca.get_by_label("Question", exact=True).fill(P(key))
        ca.get_by_label("Options").fill("")
        ca.get_by_label("An answer is required").uncheck()
        course_admin.submit(ca.get_by_role("button", name="Add question"), "question added")
    course_admin.goto("/staff/evaluation", "/staff/evaluation (course admin)",
                      ["eval.pre_prompt", "eval.choice_prompt", "eval.option_a", "eval.option_b", "eval.rating_prompt"])

    # --- runs: A (tomorrow, one place) with payloads; B (to move to); P (to deliver) ----
    course_admin.goto(f"/courses/{code}/runs/new", "run form")
    _fill_run(course_admin, capacity="1", venue=P("run.venue"), start=_day(1, 9, 30), end=_day(1, 15, 30),
              online="javascript:alert(10)", cohort=P("run.cohort"), notes=P("run.notes"))
    course_admin.submit(ca.get_by_role("button", name="Save run"), "run form refused (course admin)",
                        ["run.venue", "run.cohort", "run.notes"], status=422)
    expect(ca.locator(".error-summary")).to_contain_text("The online link must start with https://")
    ca.get_by_label("Online link", exact=True).fill(P("run.online_link"))
    course_admin.submit(ca.get_by_role("button", name="Save run"), "run A saved")
    run_a = _id(ca.url)
    course_admin.goto(f"/courses/{code}/runs/new", "run form")
    _fill_run(course_admin, capacity="5", venue="SSERC, Dunfermline", start=_day(5, 9, 30), end=_day(5, 15, 30))
    course_admin.submit(ca.get_by_role("button", name="Save run"), "run B saved")
    run_b = _id(ca.url)
    course_admin.goto(f"/courses/{code}/runs/new", "run form")
    _fill_run(course_admin, capacity="5", venue="SSERC, Dunfermline", start=_day(10, 9, 30), end=_day(10, 15, 30))
    course_admin.submit(ca.get_by_role("button", name="Save run"), "run P saved")
    run_p = _id(ca.url)
    course_admin.goto(f"/runs/{run_a}/edit", "/runs/{A}/edit (course admin)", ["run.venue", "run.online_link", "run.cohort", "run.notes"])

    # --- members book; the member answers the first questionnaire -----------------------
    mp = member.page
    member.goto(f"/runs/{run_p}", "run P")
    member.submit(mp.get_by_role("button", name="Book a place"), "booked P")
    member.goto("/me/evaluations", "/me/evaluations (member)", ["course.title"])
    member.submit(mp.locator("#open-evaluations a", has_text="before the course"), "questionnaire before (member)",
                  ["eval.pre_prompt", "course.title"])
    _answer(member, P("eval.pre_answer"))
    member.submit(mp.get_by_role("button", name="Send answers"), "answered before")
    expect(mp.get_by_role("status").first).to_contain_text("your answers are saved")
    member.goto(f"/runs/{run_a}", "run A")
    member.submit(mp.get_by_role("button", name="Book a place"), "booked A")
    expect(mp.locator("#booking")).to_contain_text("Your place is confirmed.")
    member.goto("/me/bookings", "/me/bookings (member)", ["course.title", "reg.name"])
    # A token's label has no form: a program names it when it asks for the token.
    request = urllib.request.Request(f"{probe.server}/api/v1/tokens", method="POST", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"email": member_email, "password": PASSWORD, "label": P("token.label")}).encode())
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert answer.status in (200, 201), f"POST /api/v1/tokens: {answer.status}"
    member.goto("/me/security", "/me/security (member)", ["token.label", "reg.name"])
    member.goto("/me/account", "/me/account (member)", ["reg.name"])

    for waiter in (waiter_x, waiter_w):
        waiter.goto(f"/runs/{run_a}", "run A")
        waiter.submit(waiter.page.get_by_role("button", name="Join the waiting list"), "waiting")
    waiter_x.goto(f"/runs/{run_p}", "run P")
    waiter_x.submit(waiter_x.page.get_by_role("button", name="Book a place"), "booked P")

    # --- the provider's pages; a move and a cancellation with reasons --------------------
    course_admin.goto(f"/runs/{run_a}/delegates", "/runs/{A}/delegates (course admin)",
                      ["reg.name", "reg.email", "name.waiter_w", "name.waiter_x", "course.title"])
    course_admin.goto(f"/runs/{run_a}/sign-in-sheet", "/runs/{A}/sign-in-sheet (course admin)", ["reg.name", "reg.email", "run.venue"])
    course_admin.goto(f"/runs/{run_a}/delegates", "delegates")
    course_admin.submit(ca.locator("#attendance tr", has_text=member_email).get_by_role("link", name=re.compile("Cancel or move")),
                        "/bookings/{M}/manage (course admin)", ["reg.name"])
    course_admin.goto(f"/runs/{run_a}/delegates", "delegates")
    course_admin.submit(ca.locator("#waiting-list tr", has_text=P("name.waiter_w")).get_by_role("link", name=re.compile("Cancel or move")),
                        "/bookings/{W}/manage (course admin)", ["name.waiter_w"])
    ca.get_by_label("Run", exact=True).select_option(run_b)
    ca.get_by_label("Reason for the move").fill(P("booking.move_reason"))
    course_admin.submit(ca.get_by_role("button", name="Move booking"), "/runs/{A}/delegates after the move (course admin)",
                        ["booking.move_reason", "name.waiter_w"])
    course_admin.goto(f"/runs/{run_b}/delegates", "delegates B")
    course_admin.submit(ca.locator("#attendance tr", has_text=P("name.waiter_w")).get_by_role("link", name=re.compile("Cancel or move")),
                        "manage W on B")
    ca.get_by_label("Reason for cancelling").fill(P("booking.cancel_reason"))
    course_admin.submit(ca.get_by_role("button", name="Cancel booking"), "cancelling W: are you sure? (course admin)", ["name.waiter_w"])
    course_admin.submit(ca.locator("#confirm").get_by_role("button", name="Cancel the place"),
                        "/runs/{B}/delegates after cancelling (course admin)", ["booking.cancel_reason", "name.waiter_w"])
    course_admin.goto("/staff/audit?action=booking", "/staff/audit?action=booking (course admin)",
                      ["booking.move_reason", "booking.cancel_reason", "name.course_admin"])

    # --- run P takes place: the member completes, the other does not --------------------
    course_admin.goto(f"/runs/{run_p}/edit", "run P edit")
    ca.get_by_label("Session 1 starts", exact=True).fill(_local(_day(-2, 9, 30)))
    ca.get_by_label("Session 1 ends", exact=True).fill(_local(_day(-2, 15, 30)))
    course_admin.submit(ca.get_by_role("button", name="Save run"), "run P moved")
    course_admin.goto(f"/runs/{run_p}/delegates", "delegates P")
    row = ca.locator("#attendance tr", has_text=member_email)
    row.locator("input[type=checkbox]").check()
    row.locator("select").select_option("passed")
    course_admin.submit(ca.get_by_role("button", name="Save attendance and results"), "attendance saved")
    course_admin.submit(ca.get_by_role("button", name="Close run and issue certificates"), "closing run P: are you sure?")
    course_admin.submit(ca.locator("#confirm").get_by_role("button", name="Close run and issue certificates"), "run P closed")
    expect(ca.get_by_role("status").first).to_contain_text("1 certificate issued")

    # --- the member: second questionnaire, certificate, CPD record ---------------------
    member.goto("/me/evaluations", "evaluations")
    member.submit(mp.locator("#open-evaluations a", has_text="after the course"), "questionnaire after (member)",
                  ["eval.choice_prompt", "eval.option_a", "eval.option_b", "eval.rating_prompt"])
    _answer(member, P("eval.post_answer"))
    member.submit(mp.get_by_role("button", name="Send answers"), "answered after")
    expect(mp.get_by_role("status").first).to_contain_text("your answers are saved")

    member.goto("/me/certificates", "/me/certificates (member)", ["course.title"])
    member.submit(mp.locator("#certificates-current a").first, "certificate (member)")
    certificate_m = mp.get_by_role("heading", level=1).inner_text().replace("Certificate ", "").strip()
    member.goto(f"/certificates/{certificate_m}/print", "/certificates/{M}/print (member)", ["reg.name", "course.title"])
    visitor.goto(f"/certificates/{certificate_m}", "/certificates/{M} (visitor)", ["reg.name", "course.title"])

    member.goto("/me/cpd", "cpd")
    form = mp.locator("#add-cpd")
    form.get_by_label("Kind").select_option(index=0)
    form.get_by_label("What you did").fill(P("cpd.title"))
    form.get_by_label("Date").fill((datetime.now(LONDON) - timedelta(days=3)).strftime("%Y-%m-%d"))
    form.get_by_label("Hours").fill("1.5")
    form.get_by_label("Reflection").fill(P("cpd.reflection"))
    form.get_by_label("Evidence link").fill("javascript:alert(25)")
    member.submit(form.get_by_role("button", name="Add to my record"), "CPD form refused (member)",
                  ["cpd.title", "cpd.reflection"], status=422)
    expect(mp.locator(".error-summary")).to_contain_text("must start with https://")
    mp.locator("#add-cpd").get_by_label("Evidence link").fill(P("cpd.evidence_url"))
    member.submit(mp.locator("#add-cpd").get_by_role("button", name="Add to my record"), "CPD added")
    member.goto("/me/cpd", "/me/cpd (member)", ["cpd.title", "cpd.reflection", "cpd.evidence_url", "course.title"])
    member.goto("/me/cpd/print", "/me/cpd/print (member)", ["cpd.title", "cpd.reflection", "cpd.evidence_url", "reg.name", "reg.email"])

    # --- an Accredited Centre: application, status changes, approvals, venues ------------
    ap = applicant.page
    applicant.goto("/centres/apply", "application form")
    ap.get_by_label("Organisation's name").fill(P("centre.name"))
    ap.get_by_label("Local authority served").select_option(label="Clackmannanshire Council")
    ap.get_by_label("Contact name").fill(P("centre.contact_name"))
    ap.get_by_label("Contact email").fill(P("centre.contact_email"))
    ap.get_by_label("Venues").fill(P("centre.venue1") + "\n" + P("centre.venue2"))
    ap.get_by_label("Why you want to deliver the courses").fill(P("centre.statement"))
    # No kind chosen: the form comes back with everything typed.
    applicant.submit(ap.get_by_role("button", name="Send application"), "application form again (applicant)",
                     ["centre.name", "centre.contact_name", "centre.contact_email", "centre.venue1", "centre.venue2",
                      "centre.statement", "name.coordinator"], status=422)
    ap.get_by_label("Kind of organisation").select_option("council")
    applicant.submit(ap.get_by_role("button", name="Send application"), "/centres/{id} after applying (applicant)",
                     ["centre.name", "centre.contact_email"])
    expect(ap.locator("#centre-status")).to_have_text("Applicant")
    centre = _id(ap.url)
    visitor.goto("/centres", "/centres (visitor)", ["centre.name", "centre.venue1"])

    course_admin.goto(f"/centres/{centre}", "centre (course admin)",
                      ["centre.name", "centre.contact_name", "centre.contact_email", "centre.statement"])

    def change_status(status: str, key: str):
        ca.get_by_label("Change status").select_option(status)
        ca.get_by_label("Reason", exact=True).fill(P(key))
        course_admin.submit(ca.get_by_role("button", name="Save status"), "status changed", ["centre.name"])
        expect(ca.get_by_role("alert")).to_have_count(0)

    change_status("approved", "centre.approve_reason")
    start = (datetime.now(LONDON) - timedelta(days=30)).strftime("%Y-%m-%d")
    for course in (code, "chemical-handling"):
        ca.get_by_label("Approve for a course").select_option(course)
        ca.get_by_label("From", exact=True).fill(start)
        course_admin.submit(ca.get_by_role("button", name="Approve for this course"), "approved for a course")
    row = ca.locator("#approvals tr", has_text="Chemical Handling")
    row.locator("input[name=reason]").fill(P("approval.withdraw_reason"))
    course_admin.submit(row.get_by_role("button", name="Withdraw"), "approval withdrawn")
    change_status("suspended", "centre.suspend_reason")
    change_status("approved", "centre.reinstate_reason")
    ca.get_by_label("Add a venue").fill(P("centre.added_venue"))
    course_admin.submit(ca.get_by_role("button", name="Add venue"), "venue added")
    centre_history = ["centre.approve_reason", "centre.suspend_reason", "centre.reinstate_reason"]
    course_admin.goto(f"/centres/{centre}", "/centres/{id} (course admin)",
                      ["centre.name", "centre.contact_name", "centre.contact_email", "centre.statement", "course.title"]
                      + centre_history)
    course_admin.goto("/staff/audit?action=centre", "/staff/audit?action=centre (course admin)", ["approval.withdraw_reason"])
    course_admin.goto(f"/courses/{code}/runs/new", "new run form, provider choice (course admin)", ["centre.name"])
    visitor.goto(f"/centres/{centre}", "/centres/{id} (visitor)",
                 ["centre.name", "centre.venue1", "centre.venue2", "centre.added_venue"])

    # --- the coordinator delivers; verification in two rounds ---------------------------
    applicant.goto(f"/centres/{centre}", "/centres/{id} (coordinator)", ["centre.name", "course.title"] + centre_history)
    applicant.goto(f"/courses/{code}/runs/new", "centre run form")
    _fill_run(applicant, capacity="12", venue="Not one of the centre's venues", start=_day(-2, 9, 30), end=_day(-2, 15, 30))
    applicant.submit(ap.get_by_role("button", name="Save run"), "centre run form refused (coordinator)",
                     ["centre.venue1", "centre.venue2", "centre.added_venue"], status=422)
    ap.get_by_label("Venue", exact=True).fill(P("centre.venue1"))
    applicant.submit(ap.get_by_role("button", name="Save run"), "centre run saved")
    run_c = _id(ap.url)
    visitor.goto(f"/runs/{run_c}", "/runs/{C} (visitor)", ["centre.name", "centre.venue1", "course.title"])
    applicant.goto(f"/runs/{run_c}/delegates", "centre delegates")
    ap.get_by_label("Enrol a delegate by email").fill(x_email)
    applicant.submit(ap.get_by_role("button", name="Enrol", exact=True), "/runs/{C}/delegates (coordinator)", ["name.waiter_x"])
    row = ap.locator("#attendance tr", has_text=x_email)
    row.locator("input[type=checkbox]").check()
    row.locator("select").select_option("passed")
    applicant.submit(ap.get_by_role("button", name="Save attendance and results"), "centre attendance saved")
    applicant.submit(ap.get_by_role("button", name="Close run and issue certificates"), "closing the centre run: are you sure?")
    applicant.submit(ap.locator("#confirm").get_by_role("button", name="Close run and issue certificates"), "centre run closed")
    expect(ap.get_by_role("status").first).to_contain_text("selected for verification")

    applicant.goto(f"/runs/{run_c}/verification", "verification")
    ap.get_by_label("Add a note").fill(P("evidence.centre_note"))
    ap.get_by_label("Or a document (at most 5 MB)").set_input_files(
        files=[{"name": P("evidence.filename"), "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4\n" + b"0" * 2_000}])
    applicant.submit(ap.get_by_role("button", name="Add evidence"), "evidence added")
    expect(ap.get_by_role("status").first).to_contain_text("Evidence added.")
    ap.get_by_label("Or a document (at most 5 MB)").set_input_files(
        files=[{"name": "notes.html", "mimeType": "text/html", "buffer": P("evidence.html_document").encode()}])
    applicant.submit(ap.get_by_role("button", name="Add evidence"), "evidence added")

    vp = verifier.page
    verifier.goto("/staff/verifications", "/staff/verifications (verifier)", ["centre.name", "course.title"])
    verifier.goto(f"/runs/{run_c}/verification", "verification (verifier)")
    # A document the centre sent as text/html is only ever a download, never a page of the site.
    document = vp.locator("#evidence a", has_text="notes.html")
    answer = vp.request.get(probe.server + document.get_attribute("href"))
    assert answer.headers.get("content-disposition", "").startswith("attachment"), answer.headers
    assert _csp_problem(answer.headers) is None, answer.headers
    with vp.expect_download() as download:
        document.click()
    with open(download.value.path(), "rb") as saved:
        assert saved.read() == P("evidence.html_document").encode()
    assert vp.url.endswith(f"/runs/{run_c}/verification") and not probe.dialogs, (vp.url, probe.dialogs)
    probe.checked.add(("evidence.html_document", "evidence download (verifier)"))
    vp.get_by_label("Add a note").fill(P("evidence.verifier_note"))
    verifier.submit(vp.get_by_role("button", name="Add evidence"), "evidence added")
    vp.get_by_label("Not Accepted", exact=True).check()
    vp.get_by_label("Notes", exact=True).fill(P("verification.notes1"))
    vp.get_by_label("Actions", exact=True).fill(P("verification.actions"))
    verifier.submit(vp.get_by_role("button", name="Record outcome"), "/runs/{C}/verification Not Accepted (verifier)",
                    ["verification.notes1", "verification.actions"])
    expect(vp.get_by_role("status").first).to_contain_text("Outcome recorded: Not Accepted")

    applicant.goto(f"/runs/{run_c}/verification", "/runs/{C}/verification (coordinator)",
                   ["evidence.centre_note", "evidence.filename", "evidence.verifier_note", "name.verifier",
                    "verification.notes1", "verification.actions"])
    ap.get_by_label("What was done for each action").fill(P("verification.actions_note"))
    applicant.submit(ap.get_by_role("button", name="Send back for verification"), "actions completed")

    verifier.goto(f"/runs/{run_c}/verification", "/runs/{C}/verification (verifier)",
                  ["centre.name", "evidence.centre_note", "evidence.filename", "evidence.verifier_note",
                   "verification.actions_note", "name.coordinator"])
    vp.get_by_label("Accepted with Recommendations", exact=True).check()
    vp.get_by_label("Notes", exact=True).fill(P("verification.notes2"))
    vp.get_by_label("Recommendations", exact=True).fill(P("verification.recommendations"))
    verifier.submit(vp.get_by_role("button", name="Record outcome"), "/runs/{C}/verification accepted (verifier)",
                    ["verification.notes2", "verification.recommendations"])
    expect(vp.get_by_role("status").first).to_contain_text("1 certificate issued")
    course_admin.goto(f"/runs/{run_c}/verification", "/runs/{C}/verification (course admin)",
                      ["evidence.centre_note", "verification.notes1", "verification.actions_note",
                       "verification.notes2", "verification.recommendations"])

    waiter_x.goto("/me/certificates", "certificates (delegate)", ["course.title"])
    waiter_x.submit(waiter_x.page.locator("#certificates-current a").first, "certificate (delegate)")
    certificate_x = waiter_x.page.get_by_role("heading", level=1).inner_text().replace("Certificate ", "").strip()
    waiter_x.goto(f"/certificates/{certificate_x}/print", "/certificates/{X}/print (delegate)", ["name.waiter_x", "centre.name"])
    visitor.goto(f"/certificates/{certificate_x}", "/certificates/{X} (visitor)", ["name.waiter_x", "centre.name", "course.title"])

    # --- strategy and the reports -------------------------------------------------------
    manager.goto("/strategy/T9", "strategy T9")
    manager.page.get_by_label("Note").fill(P("strategy.note"))  # the status stays as it is
    manager.submit(manager.page.get_by_role("button", name="Save update"), "strategy updated")
    manager.goto("/strategy/T9", "/strategy/T9 (manager)", ["strategy.note", "name.manager"])
    visitor.goto("/strategy/T9", "/strategy/T9 (visitor)", ["strategy.note", "name.manager"])

    manager.goto(f"/staff/reports/evaluation?run={run_p}", "/staff/reports/evaluation (manager)",
                 ["eval.pre_prompt", "eval.choice_prompt", "eval.rating_prompt", "eval.pre_answer", "eval.post_answer",
                  "name.waiter_x"])
    manager.goto(f"/staff/reports/evaluation?run={run_p}", "/staff/reports/evaluation chart (manager, prefix)", ["eval.option_a"])
    manager.goto("/staff/reports/annual", "/staff/reports/annual (manager)", ["course.title"])
    manager.goto("/staff/reports/annual", "/staff/reports/annual chart (manager, prefix)", ["course.title", "centre.name"])
    manager.goto("/staff/reports/centres", "/staff/reports/centres (manager)", ["centre.name"])

    # --- the public catalogue ----------------------------------------------------------
    visitor.goto(f"/courses/{code}", "/courses/{code} (visitor)",
                 ["course.title", "course.summary", "course.covers1", "course.covers2", "course.competence",
                  "run.venue", "run.cohort"])
    visitor.goto(f"/courses?q=X{RUN}-4", "/courses?q= (visitor)", ["course.title", "course.summary"])
    visitor.goto("/courses?q=" + urllib.parse.quote(P("search.q")), "/courses?q=payload (visitor)", ["search.q"])
    visitor.goto("/", "/ (visitor)", ["course.title", "run.venue", "run.cohort"])
    visitor.goto(f"/calendar?month={_day(1, 9).strftime('%Y-%m')}", "/calendar (visitor)", ["course.title", "run.venue"])
    visitor.goto(f"/runs/{run_a}", "/runs/{A} (visitor)", ["course.title", "run.venue", "run.online_link", "run.cohort", "run.notes"])
    link = visitor.page.get_by_role("link", name="Join online")
    expect(link).to_have_attribute("href", P("run.online_link"))

    # --- revocation, last: the certificate leaves the CPD record -------------------------
    course_admin.goto(f"/certificates/{certificate_m}", "certificate (course admin)")
    ca.get_by_label("Reason", exact=True).fill(P("certificate.revoke_reason"))
    course_admin.submit(ca.get_by_role("button", name="Revoke certificate"), "revoking {M}: are you sure? (course admin)",
                        ["certificate.revoke_reason", "reg.name"])
    course_admin.submit(ca.locator("#confirm").get_by_role("button", name="Revoke certificate"),
                        "/certificates/{M} after revoking (course admin)", ["certificate.revoke_reason"])
    visitor.goto(f"/certificates/{certificate_m}", "/certificates/{M} revoked (visitor)", ["certificate.revoke_reason", "reg.name"])

    # --- an account disabled with a reason ---------------------------------------------
    # Searched for: the first page of accounts holds fifty, and the journeys before this
    # one may have made more than that.
    admin.goto("/staff/accounts?q=" + urllib.parse.quote(w_email), "accounts")
    admin.submit(admin.page.locator("#accounts tr", has_text=w_email).get_by_role("link"), "account W")
    admin.page.get_by_label("Why").fill(P("account.disable_reason"))
    admin.submit(admin.page.get_by_role("button", name="Disable account"), "/staff/accounts/{W} after disabling (admin)",
                 ["account.disable_reason", "name.waiter_w"])
    admin.goto("/staff/audit?action=account.disabled", "/staff/audit?action=account (admin)", ["account.disable_reason"])

    # Leave the questionnaires as they were found: the test's questions come out again.
    course_admin.goto("/staff/evaluation", "questionnaires")
    for key in ("eval.pre_prompt", "eval.choice_prompt", "eval.rating_prompt"):
        item = ca.locator("li", has_text=P(key))
        course_admin.submit(item.get_by_role("button", name="Remove"), "question removed")
