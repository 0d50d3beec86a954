import PrepRoomServices
import Vapor

extension Links {
    /// Never from the request's Host header, which the sender chooses: a link in an email
    /// must not point wherever an attacker's request said it should.
    init(_ req: Request) { self.init(base: req.application.publicURL) }
}
