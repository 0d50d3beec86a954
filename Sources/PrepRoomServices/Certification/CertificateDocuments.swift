import Foundation
import PrepRoomCore

/// Where the programs that make a certificate's QR code and PDF are on this machine; nil
/// when one is not installed (the pages then say so and keep the print page).
public struct DocumentTools: Sendable, Equatable {
    /// Debian's `qrencode`: the QR code of the verification address.
    public var qrencode: String?
    /// Debian's `weasyprint`: the A4 PDF, from the same markup as the print page.
    public var weasyprint: String?

    public init(qrencode: String? = nil, weasyprint: String? = nil) {
        self.qrencode = qrencode; self.weasyprint = weasyprint
    }

    public static let none = DocumentTools()

    /// Both programs looked up on the search path (`PATH`).
    public static func find(searchPath: String?) -> DocumentTools {
        DocumentTools(qrencode: ExternalProgram.find("qrencode", searchPath: searchPath),
                      weasyprint: ExternalProgram.find("weasyprint", searchPath: searchPath))
    }
}

/// A certificate's QR code and its PDF. Each is made by a maintained program in a process
/// of its own; at most `concurrentConversions` PDFs and `concurrentQRCodes` QR codes are
/// made at once, so a burst of downloads or print pages cannot take the machine's memory or
/// its process table (weasyprint takes ~100 MB while it works).
package enum CertificateDocuments {
    package static let concurrentConversions = 2
    package static let concurrentQRCodes = 4
    private static let conversions = ConversionGate(limit: concurrentConversions)
    private static let qrCodes = ConversionGate(limit: concurrentQRCodes)

    /// Told why a program failed (its stderr), for the server's log; people see a short
    /// message instead.
    package typealias Report = @Sendable (String) -> Void

    /// The QR code of `address` (the certificate's public page), or nil when qrencode is
    /// missing, fails or is busy: the page then prints the address alone, which still works.
    package static func qrCode(for address: String, tools: DocumentTools, report: Report = { _ in }) async -> QRCodeMatrix? {
        guard let qrencode = tools.qrencode, address.utf8.count <= 1_000 else { return nil }
        guard await qrCodes.enter() else { return nil }
        let output: Data
        do {
            // Level M survives a crease or a smudge on paper; two modules of quiet zone
            // are enough inside the certificate's white border.
            output = try await ExternalProgram.run(qrencode, timeout: .seconds(10)) { _, outputPath in
                ["-t", "ASCII", "-l", "M", "-m", "2", "-o", outputPath, "--", address]
            }
        } catch {
            await qrCodes.leave()
            report("QR code not made: \(error)")
            return nil
        }
        await qrCodes.leave()
        return QRCodeMatrix(qrencodeASCII: String(decoding: output, as: UTF8.self))
    }

    /// The PDF of a complete HTML document, with `stylesheet` (a file) applied as by a
    /// printer. Throws `unavailable` when weasyprint is missing, `tooManyRequests` when
    /// enough are running already.
    package static func pdf(html: String, stylesheet: String, tools: DocumentTools, report: Report = { _ in }) async throws -> Data {
        guard let weasyprint = tools.weasyprint else {
            throw ServiceError(.unavailable, "pdf_unavailable",
                               "PDF certificates are not available on this server (its converter, weasyprint, is not installed). Use the printable page and your browser's Print, which can also save a PDF.")
        }
        guard await conversions.enter() else {
            var busy = ServiceError(.tooManyRequests, "pdf_busy", "Several certificates are being made into PDFs at this moment. Try again in a few seconds.")
            busy.retryAfter = 5
            throw busy
        }
        let result: Result<Data, ExternalProgram.Failure>
        do {
            let pdf = try await ExternalProgram.run(weasyprint, input: Data(html.utf8), timeout: .seconds(60)) { inputPath, outputPath in
                // Tagged (PDF/UA), so a screen reader can read the certificate in order.
                ["--quiet", "--encoding", "utf-8", "--stylesheet", stylesheet, "--media-type", "print",
                 "--pdf-variant", "pdf/ua-1", inputPath, outputPath]
            }
            result = pdf.starts(with: Data("%PDF-".utf8))
                ? .success(pdf)
                : .failure(ExternalProgram.Failure(program: "weasyprint", status: 0, message: "output is not a PDF"))
        } catch let failure as ExternalProgram.Failure {
            result = .failure(failure)
        } catch {
            result = .failure(ExternalProgram.Failure(program: "weasyprint", status: -1, message: "\(error)"))
        }
        await conversions.leave()
        switch result {
        case .success(let pdf):
            return pdf
        case .failure(let failure):
            report("PDF not made: \(failure)")
            throw ServiceError(.internalServerError, "pdf_failed", "The PDF could not be made (\(failure.program) failed). The printable page still works.")
        }
    }
}

/// Counts the conversions running; refuses one more over the limit instead of queueing it.
private actor ConversionGate {
    let limit: Int
    private var running = 0
    init(limit: Int) { self.limit = limit }

    func enter() -> Bool {
        guard running < limit else { return false }
        running += 1
        return true
    }

    func leave() { running -= 1 }
}
