import PrepRoomCore
import PrepRoomServices
import Vapor

/// API.md: times in ISO 8601 UTC. Fractional seconds are accepted on input but not required.
enum JSONCoding {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = parseISO8601(text) { return date }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected a real ISO 8601 time between \(ServiceTime.years.lowerBound) and \(ServiceTime.years.upperBound), such as 2027-03-10T09:30:00Z")
        }
        return decoder
    }

    /// Strict: 2026-02-30 and year 0001 are refused, not rolled over (`ServiceTime.parseISO8601`).
    static func parseISO8601(_ text: String) -> Date? { ServiceTime.parseISO8601(text) }
}
