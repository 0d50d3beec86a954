import Vapor

/// A list the API returns: one page of items and how many there are in all.
struct ListDTO<Item: Content>: Content {
    var items: [Item]
    var total: Int
}
