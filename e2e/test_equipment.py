"""Equipment checks at a school: a technician imports a register of 40 items from CSV (a
bad file first, then a dry run, then the import), records a PAT pass and a failed
fume-cupboard check (the cupboard goes out of use), and is refused a leak test because
their radioactive-sources certificate has expired, with the course's next runs offered;
the local authority manager then sees the school's overdue items and the technician's
lapsing authorisation. axe on every page."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from pathlib import Path

from playwright.sync_api import Page, expect

from conftest import PHONE, assert_accessible, fits_phone, sign_in, sign_in_afresh

PASSWORD = "fume-cupboard-sash-42"
SCHOOL = "Perth Academy"
SEED = "5334120"
AUTHORITY = "Perth and Kinross Council"


def _years_ago(years: int, plus_days: int = 0) -> dt.date:
    today = dt.date.today()
    try:
        day = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - years, day=28)
    return day + dt.timedelta(days=plus_days)


def _register(tmp: Path, rows: list[str], name: str) -> Path:
    path = tmp / name
    path.write_text("Asset tag,Category,Description,Location,Serial number,Status,Last checked,Isotope,Activity,Reference date\n"
                    + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _forty_items() -> list[str]:
    recent = (dt.date.today() - dt.timedelta(days=60)).isoformat()
    long_ago = (dt.date.today() - dt.timedelta(days=500)).isoformat()
    rows = [f"FC-01,Fume cupboards and local exhaust ventilation,Fume cupboard Lab 3,Lab 3,,in use,{recent},,,",
            f"RS-01,Sealed radioactive sources,Cobalt-60 source,Radiation store,S-7781,in use,{recent},Co-60,185 kBq,2015-03-01",
            f"PP-01,portable-electrical-class-sets,Power pack 1,Lab 1,,in use,{long_ago},,,"]
    for n in range(2, 39):
        checked = long_ago if n == 38 else recent
        rows.append(f"PP-{n:02d},portable-electrical-class-sets,Power pack {n},Lab {n % 4 + 1},,in use,{checked},,,")
    return rows


def _choose_file_and_check(page: Page, path: Path) -> None:
    page.get_by_label("CSV file").set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name="Check the file").click()


def test_a_technician_imports_checks_and_is_refused_then_the_authority_sees_it(server: str, page: Page, create_user, tmp_path: Path):
    tag = uuid.uuid4().hex[:8]
    tech = f"tess-{tag}@school.sch.uk"
    pat_issued = _years_ago(5, plus_days=45)  # five-year certificate: lapses in about 45 days
    sources_issued = _years_ago(6)  # five-year certificate: expired a year ago
    create_user(tech, "Tess Technician", PASSWORD, "technician", "--organisation", AUTHORITY, "--school", SEED,
                "--certificate", f"electrical-safety-and-pat@{pat_issued.isoformat()},working-with-radioactive-sources@{sources_issued.isoformat()}")
    manager = f"lara-{tag}@pkc.gov.uk"
    create_user(manager, "Lara Manager", PASSWORD, "la_manager", "--organisation", AUTHORITY)

    sign_in(page, server, tech, PASSWORD)
    page.get_by_role("link", name="Equipment", exact=True).click()
    expect(page.get_by_role("heading", name="Equipment in my schools")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=SCHOOL).click()
    expect(page.get_by_role("heading", name=f"Equipment: {SCHOOL}")).to_be_visible()
    expect(page.get_by_text("No equipment yet.")).to_be_visible()
    assert_accessible(page)

    # A bad row: every problem by line, and nothing is saved.
    bad = _forty_items()
    bad[1] = "PP-02,portable-electrical-class-sets,Duplicate tag,Lab 1,,in use,,,,"
    bad[5] = "XX-99,Kettle,Staffroom kettle,Staffroom,,in use,2026-02-30,,,"
    _choose_file_and_check(page, _register(tmp_path, bad, "bad.csv"))
    problems = page.locator("#import-problems")
    expect(problems).to_contain_text("Line 7:")
    expect(problems).to_contain_text("is not a category")
    expect(page.get_by_role("button", name="Import these changes")).to_have_count(0)
    assert_accessible(page)

    # The good file: a dry run lists 40 to add, then the import writes them.
    page.get_by_role("link", name="Back to the register").click()
    _choose_file_and_check(page, _register(tmp_path, _forty_items(), "register.csv"))
    expect(page.get_by_text("The file is good. Nothing has been saved yet.")).to_be_visible()
    expect(page.get_by_role("heading", name="40 to add")).to_be_visible()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Import these changes").click()
    expect(page.get_by_text("Imported: 40 added, 0 updated, 0 unchanged.")).to_be_visible()
    expect(page.locator("#register tbody tr")).to_have_count(40)
    expect(page.locator("#overdue")).to_contain_text("Power pack 1")
    assert_accessible(page)

    # A PAT pass on the overdue power pack.
    page.locator("#overdue").get_by_role("link", name="Power pack 1", exact=True).click()
    expect(page.locator("#gate-authorised")).to_contain_text("You are authorised by certificate")
    assert_accessible(page)
    page.get_by_label("Earth continuity (Ω)").fill("0.08")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the check").click()
    expect(page.get_by_text("Check recorded: pass.")).to_be_visible()
    expect(page.locator("#checks")).to_contain_text("Earth continuity (Ω): 0.08")
    expect(page.locator("#checks")).to_contain_text("By Tess Technician")

    # A failed fume cupboard goes out of use.
    page.get_by_role("link", name=f"Equipment of {SCHOOL}").click()
    page.locator("#register").get_by_role("link", name="Fume cupboard Lab 3").click()
    page.get_by_label("Result").select_option(label="Fail")
    page.get_by_label("Face velocity (m/s)").fill("0.21")
    page.get_by_label("Notes").fill("Face velocity below 0.4 m/s; sash cord frayed")
    report = tmp_path / "LEV report.pdf"
    report.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    page.get_by_label("Report or test sheet").set_input_files(str(report))
    with page.expect_navigation():
        page.get_by_role("button", name="Record the check").click()
    expect(page.get_by_text("The item is out of use until a check passes.")).to_be_visible()
    expect(page.locator("#item-standing")).to_contain_text("Out of use")
    expect(page.locator("#checks").get_by_role("link", name="The report or test sheet")).to_be_visible()
    assert_accessible(page)

    # The leak test is refused: the certificate expired, and the course's next runs are offered.
    page.get_by_role("link", name=f"Equipment of {SCHOOL}").click()
    page.locator("#register").get_by_role("link", name="Cobalt-60 source").click()
    refused = page.locator("#gate-refused")
    expect(refused).to_contain_text("You may not record this check")
    expect(refused).to_contain_text("expired on")
    expect(page.locator("#record-check")).to_have_count(0)
    expect(page.locator("#refresher-runs a").first).to_be_visible()
    assert_accessible(page)
    page.locator("#refresher-runs a").first.click()
    expect(page).to_have_url(re.compile(r"/runs/[0-9A-F-]{36}$"))

    # A power pack goes for disposal: it stays on the register as history.
    page.goto(f"{server}/me/equipment")
    page.get_by_role("link", name=SCHOOL).click()
    page.locator("#register").get_by_role("link", name="Power pack 37", exact=True).click()
    page.get_by_label("New status").select_option(label="Disposed")
    page.get_by_label("Why").fill("Cracked case")
    with page.expect_navigation():
        page.get_by_role("button", name="Change the status").click()
    expect(page.get_by_text("The item is now disposed.")).to_be_visible()
    expect(page.locator("#record-check")).to_have_count(0)
    assert_accessible(page)

    # The calendar address, shown once.
    page.goto(f"{server}/me/equipment")
    with page.expect_navigation():
        page.get_by_role("button", name="Make my calendar address").click()
    address = page.get_by_label("Calendar address").input_value()
    assert "/equipment/calendar/" in address and address.endswith(".ics"), address
    assert_accessible(page)
    feed = page.request.get(address)
    assert feed.ok and "BEGIN:VEVENT" in feed.text() and "Fume cupboard Lab 3" in feed.text()

    # Naming people for tasks: refused for leak tests, accepted for PAT.
    page.goto(f"{server}/me/equipment")
    page.get_by_role("link", name=SCHOOL).click()
    form = page.locator("#name-for-task")
    form.get_by_label("Task").select_option(label="Leak-testing sealed radioactive sources")
    form.get_by_label("Person").select_option(label="Tess Technician")
    with page.expect_navigation():
        form.get_by_role("button", name="Name for the task").click()
    expect(page.get_by_text("Tess Technician's certificate for leak-testing sealed radioactive sources expired on")).to_be_visible()
    form = page.locator("#name-for-task")
    form.get_by_label("Task").select_option(label="Testing portable electrical equipment (PAT)")
    form.get_by_label("Person").select_option(label="Tess Technician")
    with page.expect_navigation():
        form.get_by_role("button", name="Name for the task").click()
    expect(page.get_by_text("Named for the task.")).to_be_visible()
    expect(page.get_by_role("button", name="Remove Tess Technician from testing portable electrical equipment (pat)")).to_be_visible()
    assert_accessible(page)

    # The local authority manager: the school overdue, the lapsing PAT authorisation.
    sign_in_afresh(page, server, manager, PASSWORD)
    page.get_by_role("link", name="Equipment", exact=True).click()
    expect(page.get_by_role("heading", name=f"Equipment in {AUTHORITY}'s schools")).to_be_visible()
    row = page.locator("#schools tr", has_text=SCHOOL)
    expect(row.locator("td").nth(1)).to_have_text("39")  # 40 imported, one disposed
    lapsing = page.locator("#lapsing")
    expect(lapsing).to_contain_text("Tess Technician")
    expect(lapsing).to_contain_text("Electrical Safety")
    expect(page.locator("#uncovered")).to_contain_text("Leak-testing sealed radioactive sources")
    assert_accessible(page)
    page.get_by_role("link", name=SCHOOL).first.click()
    expect(page.locator("#overdue")).to_contain_text("Power pack 38")
    expect(page.locator("#due-soon")).to_contain_text("Fume cupboard Lab 3")
    expect(page.locator("#add-item")).to_have_count(0)
    assert_accessible(page)
    school_url = page.url
    item_url = page.locator("#register a").first.get_attribute("href")

    # An adviser chooses the authority from the staff page, and sets an interval.
    adviser = f"adviser-{tag}@sserc.example"
    create_user(adviser, "Ada Adviser", PASSWORD, "adviser")
    sign_in_afresh(page, server, adviser, PASSWORD)
    page.goto(f"{server}/staff")
    page.get_by_role("link", name="Equipment checks by local authority").click()
    page.get_by_label("Local authority").select_option(label=AUTHORITY)
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    expect(page.locator("#schools tr", has_text=SCHOOL).locator("td").nth(1)).to_have_text("39")
    assert_accessible(page)
    page.goto(f"{server}/staff")
    page.get_by_role("link", name="Kinds of equipment and their check intervals").click()
    assert_accessible(page)
    fields = page.get_by_label("Interval in months")
    fields.nth(2).fill("200")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the intervals").click()
    expect(page.get_by_text("The interval is a whole number of months from 1 to 120")).to_be_visible()
    page.get_by_label("Interval in months").nth(2).fill("12")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the intervals").click()
    expect(page.get_by_text("Saved 1 interval.")).to_be_visible()
    expect(page.get_by_label("Interval in months").nth(2)).to_have_value("12")

    # On a phone, the equipment pages fit the screen (tables scroll in place).
    page.set_viewport_size(PHONE)
    for path in (school_url, f"{server}{item_url}", f"{server}/me/equipment?organisation=", f"{server}/staff/equipment-categories"):
        page.goto(path)
        fits_phone(page)
