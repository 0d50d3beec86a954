"""Techné: a technician attaches a photograph to her question through the form (it shows in
place, described for those who cannot see it), a file of a kind not taken is refused on the
same page with the reason, a document is listed by name and size, and she removes the
photograph again; the pages pass axe."""

from __future__ import annotations

import struct
import uuid
import zlib
from pathlib import Path

from playwright.sync_api import expect

from conftest import PHONE, assert_accessible, fits_phone, sign_in

PASSWORD = "pipette-burette-flask-31"


def _png(width: int = 24, height: int = 16) -> bytes:
    """A small real PNG (a grey block), so the browser can draw it."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _attach(page, file: Path, description: str = "") -> None:
    """The first post's form: open it, choose the file, describe it, send."""
    post = page.locator("#post-1")
    post.get_by_text("Attach a picture or a document").click()
    post.get_by_label("The file").set_input_files(str(file))
    if description:
        post.get_by_label("What it shows").fill(description)
    with page.expect_navigation():
        post.get_by_role("button", name="Attach the file").click()


def test_a_photograph_and_a_document_are_attached_to_a_post(server: str, page, create_user, tmp_path: Path):
    tag = uuid.uuid4().hex[:8]
    email = f"photo-tech-{tag}@school.example"
    create_user(email, "Pia Photo", PASSWORD, "technician")
    photo, program, sheet = tmp_path / "shelves.png", tmp_path / "shelves.gif", tmp_path / "stock-check.pdf"
    photo.write_bytes(_png())
    program.write_bytes(b"GIF89a not really")
    sheet.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")

    sign_in(page, server, email, PASSWORD)
    page.goto(f"{server}/community/chemistry")
    page.get_by_label("Title").fill(f"Labelling the chemical store {tag}")
    page.get_by_label("Your post").fill("This is how our shelves are labelled by hazard class.")
    with page.expect_navigation():
        page.get_by_role("button", name="Post the topic").click()
    topic = page.url

    _attach(page, program, "Shelves labelled by hazard")
    expect(page.locator(".alert").first).to_contain_text("none of them")
    expect(page.locator("#post-1 img")).to_have_count(0)

    _attach(page, photo, "Shelves labelled by hazard")
    picture = page.get_by_role("img", name="Shelves labelled by hazard")
    expect(picture).to_be_visible()
    assert picture.evaluate("img => img.naturalWidth") == 24, "the browser drew the picture under the site's CSP"

    _attach(page, sheet)
    expect(page.locator("#post-1").get_by_role("link", name="stock-check.pdf")).to_be_visible()
    expect(page.locator("#post-1")).to_contain_text("PDF, 1 KB")
    assert_accessible(page)

    # A visitor sees both.
    page.context.clear_cookies()
    page.goto(topic)
    expect(page.get_by_role("img", name="Shelves labelled by hazard")).to_be_visible()
    expect(page.get_by_role("link", name="stock-check.pdf")).to_be_visible()
    # On a phone (360 px) the picture and the page fit the screen.
    page.set_viewport_size(PHONE)
    page.goto(topic)
    expect(page.get_by_role("img", name="Shelves labelled by hazard")).to_be_visible()
    fits_phone(page)

    sign_in(page, server, email, PASSWORD)
    page.goto(topic)
    with page.expect_navigation():
        page.get_by_role("button", name="Remove shelves.png").click()
    expect(page.get_by_role("img", name="Shelves labelled by hazard")).to_have_count(0)
    expect(page.get_by_role("link", name="stock-check.pdf")).to_be_visible()
