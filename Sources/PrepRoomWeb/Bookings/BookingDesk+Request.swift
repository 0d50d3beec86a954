import PrepRoomServices
import Vapor

extension BookingDesk {
    init(_ req: Request) { self.init(db: req.db, links: Links(req)) }
}
