import Fluent
import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// Public verification, the printable certificate, My certificates, and revocation.
struct CertificatePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("verify", use: verifyForm)
        routes.get("certificates", ":number", use: show)
        routes.get("certificates", ":number", "print", use: printable)
        routes.get("certificates", ":number", "pdf", use: pdf)
        routes.post("certificates", ":number", "revoke", use: revoke)
        routes.get("me", "certificates", use: mine)
    }

    /// The check answers on its own page when the number is empty or matches nothing, with
    /// what was typed still in the box; a number that matches goes to the certificate.
    func verifyForm(req: Request) async throws -> Response {
        guard let typed: String = req.query["number"] else { return CertificateCheckPage().response(for: req) }
        if typed.trimmed.isEmpty || typed.count > 100 {
            return CertificateCheckPage(number: String(typed.prefix(100)), errors: [FieldError("number", typed.count > 100
                ? "That is longer than any certificate number: enter the number printed on the certificate"
                : "Enter the number printed on the certificate")])
                .response(for: req, status: .unprocessableEntity)
        }
        guard let certificate = try await CertificateDesk.find(typed, on: req.db) else {
            return CertificateCheckPage(number: typed, errors: [FieldError("number",
                "No certificate has the number \(CertificateRules.normalise(typed)). Check it against the certificate: it starts PR- and has four groups of four letters and digits.")])
                .response(for: req, status: .notFound)
        }
        return req.redirect(to: SiteURL.certificate(number: certificate.number).path)
    }

    private func certificate(_ req: Request) async throws -> Certificate {
        guard let certificate = try await CertificateDesk.find(req.parameters.get("number"), on: req.db) else {
            throw ServiceError(.notFound, "not_found", "No certificate has that number. Check it against the paper or PDF certificate.")
        }
        return certificate
    }

    func show(req: Request) async throws -> Response {
        let certificate = try await certificate(req)
        let canRevoke = req.currentUser?.permissions.managesBookings ?? false
        return CertificatePage(certificate: certificate, canRevoke: canRevoke,
                               pdfAvailable: req.application.documentTools.weasyprint != nil).response(for: req)
    }

    /// A4 certificate: only its holder and staff see it; anyone can verify the number.
    func printable(req: Request) async throws -> Response {
        let sheet = try await sheet(req)
        return PrintableCertificate(sheet: sheet, pdfAvailable: req.application.documentTools.weasyprint != nil).response(for: req)
    }

    /// The same sheet as the print page, made into an A4 PDF by weasyprint.
    func pdf(req: Request) async throws -> Response {
        let sheet = try await sheet(req)
        let stylesheet = req.application.directory.publicDirectory + "css/preproom.css"
        let pdf = try await CertificateDocuments.pdf(html: sheet.document(), stylesheet: stylesheet, tools: req.application.documentTools,
                                                   report: Self.report(to: req.logger))
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"certificate-\(sheet.certificate.number).pdf\"")
        // A person's record: never kept by a shared cache.
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(data: pdf))
    }

    /// The certificate as its holder or staff print it, with the QR code of its public page.
    private func sheet(_ req: Request) async throws -> CertificateSheet {
        let user = try req.requireUser()
        let certificate = try await certificate(req)
        guard certificate.$user.id == user.id || user.permissions.managesBookings else {
            throw ServiceError.forbidden("Only the certificate's holder can print it. Anyone can verify it at its public page.")
        }
        let verifyURL = Links(req).absolute(.certificate(number: certificate.number))
        return CertificateSheet(certificate: certificate, verifyURL: verifyURL,
                                qrCode: await CertificateDocuments.qrCode(for: verifyURL, tools: req.application.documentTools,
                                                                          report: Self.report(to: req.logger)))
    }

    /// Why qrencode or weasyprint failed goes to the log; the person sees a short message.
    private static func report(to logger: Logger) -> CertificateDocuments.Report {
        { logger.warning("\($0)") }
    }

    func revoke(req: Request) async throws -> Response {
        let user = try req.require(\.managesBookings, "Only course admins can revoke certificates.")
        let certificate = try await certificate(req)
        let reason = FormData(req)["reason"] ?? ""
        if !req.isConfirmed, !reason.trimmed.isEmpty, certificate.revokedAt == nil {
            return ConfirmationPage(title: "Revoke certificate \(certificate.number)?",
                                    consequences: ["\(certificate.holderName)'s \(certificate.courseTitle) certificate will show as revoked to anyone who checks it, with your reason: \u{201C}\(reason.trimmed)\u{201D}.",
                                                   "This cannot be undone: a new certificate would have a new number."],
                                    action: SiteURL.certificate(number: certificate.number, .revoke).path, fields: [("reason", reason)],
                                    button: "Revoke certificate", back: SiteURL.certificate(number: certificate.number).path)
                .response(for: req, needsCSRF: true)
        }
        do {
            try await CertificateDesk.revoke(certificate, reason: reason, by: user, on: req.db)
            req.flash("Certificate \(certificate.number) is revoked.")
        } catch let error as ServiceError where error.status == .unprocessableEntity || error.status == .conflict {
            req.flashRefusal(error.message)
        }
        return req.redirect(to: SiteURL.certificate(number: certificate.number).path)
    }

    func mine(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let held = try await CertificateDesk.heldWithRefreshers(by: user.requireID(), on: req.db)
        return MyCertificatesPage(certificates: held.certificates, refreshers: held.refreshers).response(for: req)
    }
}

struct CertificateCheckPage: PageView {
    var number = ""
    var errors: [FieldError] = []
    var title: String { (errors.isEmpty ? "" : "Error: ") + "Verify a certificate" }
    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-md-7"),
            FormParts.errorSummary(errors),
            .h1(.text("Verify a certificate")),
            .p(.text("Enter the number printed on the certificate, for example PR-7KQ2-M9XD-4TWA-H3N8. Upper or lower case, with or without the dashes.")),
            H.form(action: SiteURL.verify.path, method: "get", csrf: nil, [
                FormParts.text("number", label: "Certificate number", value: number, errors: errors,
                               extra: [H.attr("spellcheck", "false"), H.attr("autocapitalize", "characters")]),
                H.button("Verify"),
            ])))
    }
}

enum CertificateText {
    static func standing(_ certificate: Certificate) -> (text: String, style: String) {
        switch certificate.standing() {
        case .current: ("Valid", "text-bg-success")
        case .expiringSoon: ("Valid, expiring soon", "text-bg-warning")
        case .expired: ("Expired", "text-bg-secondary")
        case .revoked: ("Revoked", "text-bg-danger")
        }
    }

    static func level(_ certificate: Certificate) -> String? {
        CourseText.scqf(level: certificate.scqfLevel, credits: certificate.scqfCredits)
    }
}

struct CertificatePage: PageView {
    let certificate: Certificate
    let canRevoke: Bool
    let pdfAvailable: Bool
    var title: String { "Certificate \(certificate.number)" }

    func content(_ chrome: Chrome) -> BodyNode {
        let standing = CertificateText.standing(certificate)
        return .div(.class("row"), .div(.class("col-lg-8"),
            .h1(.text("Certificate \(certificate.number)")),
            .p(.span(.attr("class", "badge fs-6 \(standing.style)"), .attribute(named: "role", value: "status"), .text(standing.text))),
            .element(named: "dl", nodes: [.class("summary-list"),
                FormParts.summaryRow("Holder", .text(certificate.holderName)),
                FormParts.summaryRow("Course", .text(certificate.courseTitle)),
                .unwrap(CertificateText.level(certificate)) { FormParts.summaryRow("Level and credits", .text($0)) },
                FormParts.summaryRow("Issued", .text(ServiceTime.day(certificate.issuedAt))),
                FormParts.summaryRow("Expires", .text(certificate.expiresAt.map(ServiceTime.day) ?? "Does not expire")),
                FormParts.summaryRow("Delivered by", .text(ProviderName.of(centre: certificate.centre?.name))),
                .unwrap(certificate.revokedAt) { FormParts.summaryRow("Revoked", .text(ServiceTime.day($0) + (certificate.revokedReason.map { ": \($0)" } ?? ""))) },
            ]),
            .if(chrome.user?.id == certificate.$user.id || canRevoke,
                .p(.class("mt-3 d-flex flex-wrap gap-2"),
                   .a(.class("btn btn-outline-primary"), .attr("href", SiteURL.certificate(number: certificate.number, .print).path), .text("Printable certificate (A4)")),
                   .if(pdfAvailable, .a(.class("btn btn-outline-primary"), .attr("href", SiteURL.certificate(number: certificate.number, .pdf).path), .text("Download PDF"))))),
            .if(canRevoke && certificate.revokedAt == nil, .section(.class("mt-4 border-top pt-3"),
                .h2(.class("h5"), .text("Revoke this certificate")),
                H.form(action: SiteURL.certificate(number: certificate.number, .revoke).path, csrf: chrome.csrf, [
                    FormParts.text("reason", label: "Reason", value: "", hint: "Recorded, and shown to anyone who verifies the number", errors: []),
                    H.button("Revoke certificate", style: "btn-outline-danger"),
                ])))
        ))
    }
}

/// The certificate as printed on A4: the print stylesheet hides everything else.
struct PrintableCertificate: PageView {
    let sheet: CertificateSheet
    let pdfAvailable: Bool
    var title: String { "Certificate \(sheet.certificate.number)" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            .div(.class("d-print-none d-flex flex-wrap gap-2 align-items-center mb-3"),
                H.element("button", [H.attr("type", "button"), H.attr("class", "btn btn-primary"), H.attr("data-action", "print")], [.text("Print")]),
                pdfAvailable
                    ? .a(.class("btn btn-outline-primary"), .attr("href", SiteURL.certificate(number: sheet.certificate.number, .pdf).path), .text("Download PDF (A4)"))
                    : .p(.class("mb-0 text-body-secondary"), .text("A PDF download is not available on this server: print this page, or choose \u{201C}Save as PDF\u{201D} in your browser's Print."))),
            sheet.article
        )
    }
}

struct MyCertificatesPage: PageView {
    let certificates: [Certificate]
    let refreshers: [String: Course]
    var title: String { "My certificates" }

    func content(_ chrome: Chrome) -> BodyNode {
        let groups: [(String, String, [Certificate])] = [
            ("current", "Current", certificates.filter { $0.standing() == .current }),
            ("expiring", "Expiring within 90 days", certificates.filter { $0.standing() == .expiringSoon }),
            ("expired", "Expired", certificates.filter { $0.standing() == .expired }),
            ("revoked", "Revoked", certificates.filter { $0.standing() == .revoked }),
        ]
        return .div(
            .h1(.text("My certificates")),
            certificates.isEmpty ? .p(.text("You have no certificates yet. They appear here when you complete a certificated course.")) :
            .forEach(groups.filter { !$0.2.isEmpty || $0.0 != "revoked" }) { group in
                .section(.attr("id", "certificates-\(group.0)"), .class("mb-4"),
                    .h2(.class("h4"), .text("\(group.1) (\(group.2.count))")),
                    group.2.isEmpty ? .p(.class("text-body-secondary"), .text("None.")) :
                    .ul(.class("list-group"), .forEach(group.2) { certificate in
                        .li(.class("list-group-item"),
                            .a(.attr("href", SiteURL.certificate(number: certificate.number).path), .text(certificate.courseTitle)),
                            .span(.class("text-body-secondary"), .text(" · \(ProviderName.of(centre: certificate.centre?.name)) · \(certificate.number) · issued \(ServiceTime.shortDay(certificate.issuedAt))"
                                + (certificate.expiresAt.map { " · expires \(ServiceTime.shortDay($0))" } ?? ""))),
                            .if(group.0 != "current", .unwrap(refreshers[certificate.courseCode]) { refresher in
                                .div(.text("Renew it: "), .a(.attr("href", SiteURL.course(code: refresher.code).path), .text(refresher.title)))
                            }))
                    }))
            }
        )
    }
}
