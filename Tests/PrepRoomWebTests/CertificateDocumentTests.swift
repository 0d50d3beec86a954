import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// The print page's QR code and the A4 PDF, made by the real qrencode and weasyprint and
/// read back with poppler's pdftotext and pdfinfo (scripts/test installs all three).
@Suite("Certificates as PDF and with a QR code")
struct CertificateDocumentTests {
    /// What a poppler tool prints for a PDF.
    private func poppler(_ tool: String, _ pdf: Data) throws -> String {
        let path = try #require(ExternalProgram.find(tool, searchPath: ProcessInfo.processInfo.environment["PATH"]),
                                "\(tool) is missing: apt-get install poppler-utils (scripts/test does)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("certificate-\(UUID().uuidString).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process(), output = Pipe()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = tool == "pdftotext" ? [file.path, "-"] : [file.path]
        process.standardOutput = output
        try process.run()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: text, as: UTF8.self)
    }

    private func holderWithCertificate(_ app: Application) async throws -> (Browser, Certificate) {
        let tools = try #require(app.configuration?.documentTools)
        try #require(tools.qrencode != nil && tools.weasyprint != nil, "qrencode and weasyprint are needed: apt-get install qrencode weasyprint (scripts/test does)")
        let holder = try await makeUser(app, email: "holder@school.sch.uk", role: .technician)
        holder.name = "Ann O'Neil <Lab & Prep>"
        try await holder.save(on: app.db)
        let certificate = try await makeCertificate(app, for: holder, course: "chemical-handling", expiresIn: 400)
        let browser = Browser(app)
        try await browser.signIn("holder@school.sch.uk")
        return (browser, certificate)
    }

    @Test func thePrintPageHasTheQRCodeOfThePublicPageAndOffersThePDF() async throws {
        try await withPrepRoom(seed: true) { app in
            let (holder, certificate) = try await holderWithCertificate(app)
            let page = try await holder.get(SiteURL.certificate(number: certificate.number, .print).path)
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("<svg class=\"certificate-qr\""))
            #expect(html.contains("role=\"img\" aria-label=\"QR code of the address where this certificate can be checked\""))
            #expect(html.contains("/certificates/\(certificate.number)</p>"), "the address in words beside the code")
            #expect(html.contains("Ann O&#39;Neil &lt;Lab &amp; Prep&gt;") || html.contains("Ann O'Neil &lt;Lab &amp; Prep&gt;"))
            #expect(html.contains("href=\"/certificates/\(certificate.number)/pdf\">Download PDF (A4)</a>"))
            // The code is the one qrencode makes of the certificate's public address.
            let address = "http://127.0.0.1:8080/certificates/\(certificate.number)"
            let expected = try #require(await CertificateDocuments.qrCode(for: address, tools: app.documentTools))
            #expect(html.contains("viewBox=\"0 0 \(expected.size) \(expected.size)\""))
            #expect(html.contains(expected.svgPath))
            // The certificate's own page offers both to its holder, and neither to a visitor.
            let own = try await holder.get(SiteURL.certificate(number: certificate.number).path).text
            #expect(own.contains("/certificates/\(certificate.number)/pdf\">Download PDF</a>") && own.contains("Printable certificate (A4)"))
            let visitor = try await Browser(app).get(SiteURL.certificate(number: certificate.number).path).text
            #expect(visitor.contains(certificate.number) && !visitor.contains("Download PDF") && !visitor.contains("Printable certificate"))
        }
    }

    @Test func thePDFIsOneA4PageWithTheCertificatesWords() async throws {
        try await withPrepRoom(seed: true) { app in
            let (holder, certificate) = try await holderWithCertificate(app)
            let response = try await holder.get(SiteURL.certificate(number: certificate.number, .pdf).path)
            #expect(response.status == .ok)
            #expect(response.headers.contentType == HTTPMediaType(type: "application", subType: "pdf"))
            #expect(response.headers.first(name: .contentDisposition) == "attachment; filename=\"certificate-\(certificate.number).pdf\"")
            #expect(response.headers.first(name: .cacheControl) == "private, no-store")
            let pdf = Data(buffer: response.body)
            #expect(pdf.starts(with: Data("%PDF-".utf8)))
            let text = try poppler("pdftotext", pdf)
            for words in ["Certificate of completion", "Ann O'Neil <Lab & Prep>", "Chemical Handling", "Certificate number \(certificate.number)",
                          "PrepRoom national base", "Valid until"] {
                #expect(text.contains(words), "\(words) in the PDF's text")
            }
            let info = try poppler("pdfinfo", pdf)
            #expect(info.contains("Pages:           1"))
            #expect(info.contains("(A4)"))
            #expect(info.contains("Tagged:          yes"))
        }
    }

    @Test func onlyTheHolderAndCourseAdminsGetThePDF() async throws {
        try await withPrepRoom(seed: true) { app in
            let (_, certificate) = try await holderWithCertificate(app)
            let path = SiteURL.certificate(number: certificate.number, .pdf).path
            let visitor = try await Browser(app).get(path)
            #expect(visitor.status == .seeOther && visitor.headers.first(name: .location)?.hasPrefix("/sign-in") == true)
            _ = try await makeUser(app, email: "other@school.sch.uk", role: .technician)
            let other = Browser(app)
            try await other.signIn("other@school.sch.uk")
            let refused = try await other.get(path)
            #expect(refused.status == .forbidden)
            #expect(refused.headers.contentType != HTTPMediaType(type: "application", subType: "pdf"))
            _ = try await makeUser(app, email: "admin@sserc.example", role: .courseAdmin)
            let staff = Browser(app)
            try await staff.signIn("admin@sserc.example")
            #expect(try await staff.get(path).status == .ok)
            #expect(try await staff.get(SiteURL.certificate(number: "PR-AAAA-BBBB-CCCC-DDDD", .pdf).path).status == .notFound)
        }
    }

    @Test func withoutTheConvertersThePrintPageSaysSoAndStillPrints() async throws {
        try await withPrepRoom(seed: true) { app in
            let (holder, certificate) = try await holderWithCertificate(app)
            app.configuration?.documentTools = .none
            let page = try await holder.get(SiteURL.certificate(number: certificate.number, .print).path)
            #expect(page.status == .ok)
            #expect(page.text.contains("A PDF download is not available on this server"))
            #expect(!page.text.contains("certificate-qr") && !page.text.contains("Download PDF"))
            #expect(page.text.contains("Check it at http://127.0.0.1:8080/certificates/\(certificate.number)"))
            let pdf = try await holder.get(SiteURL.certificate(number: certificate.number, .pdf).path)
            #expect(pdf.status == .serviceUnavailable)
            #expect(pdf.text.contains("PDF certificates are not available on this server"))
        }
    }
}
