import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices

/// The A4 certificate itself: the print page shows it, and the PDF is made from the same
/// markup, so the two cannot drift apart.
struct CertificateSheet {
    let certificate: Certificate
    let verifyURL: String
    /// Nil when qrencode is not installed: the address is printed in words either way.
    let qrCode: QRCodeMatrix?

    var article: BodyNode {
        .article(.class("certificate-a4"),
            .p(.class("certificate-service"), .text("PrepRoom · National support service for school STEM technicians")),
            .h1(.class("certificate-title"), .text("Certificate of completion")),
            .p(.text("This is to certify that")),
            .p(.class("certificate-holder"), .text(certificate.holderName)),
            .p(.text("has successfully completed")),
            .p(.class("certificate-course"), .text(certificate.courseTitle)),
            .unwrap(CertificateText.level(certificate)) { .p(.class("certificate-level"), .text($0)) },
            .p(.text("Issued \(ServiceTime.day(certificate.issuedAt))"
                     + (certificate.expiresAt.map { " · Valid until \(ServiceTime.day($0))" } ?? ""))),
            .p(.text("Delivered by " + (certificate.centre.map { "\($0.name), an Accredited Centre" } ?? ProviderName.of(centre: nil)))),
            .p(.class("certificate-number"), .text("Certificate number \(certificate.number)")),
            .div(.class("certificate-check"),
                .unwrap(qrCode) { code in Self.svg(code, label: "QR code of the address where this certificate can be checked") },
                .p(.class("small mb-0"), .text("Check it at \(verifyURL)"))))
    }

    /// A whole HTML document holding the sheet alone, for the PDF converter.
    func document() -> String {
        HTML(.lang(.english),
             .head(.meta(.charset(.utf8)), .element(named: "title", text: "Certificate \(certificate.number)")),
             .body(.class("certificate-document"), article)).render()
    }

    /// The code drawn as one path, in module units; `crispEdges` keeps the squares sharp
    /// at any print size.
    private static func svg(_ code: QRCodeMatrix, label: String) -> BodyNode {
        H.element("svg", [H.attr("class", "certificate-qr"), H.attr("xmlns", "http://www.w3.org/2000/svg"),
                          H.attr("viewBox", "0 0 \(code.size) \(code.size)"), H.attr("role", "img"),
                          H.attr("aria-label", label), H.attr("shape-rendering", "crispEdges")], [
            H.element("rect", [H.attr("width", "\(code.size)"), H.attr("height", "\(code.size)"), H.attr("fill", "#fff")], []),
            H.element("path", [H.attr("d", code.svgPath), H.attr("fill", "#000")], []),
        ])
    }
}
