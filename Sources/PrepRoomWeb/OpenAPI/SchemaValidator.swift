import PrepRoomServices
import Foundation
import NIOConcurrencyHelpers
import PrepRoomCore

/// A JSON value as a request body holds it: booleans, numbers and strings kept apart, which
/// `JSONSerialization` does not promise on every platform.
indirect enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }
}

/// Checks a request body against the OpenAPI document's schema for its operation, so the
/// server refuses exactly what the document calls invalid (422 naming the field), before
/// the handler's own rules. The subset of JSON Schema the document uses: type (with null),
/// enum, pattern, minLength/maxLength, minimum/maximum/exclusiveMinimum, items, minItems,
/// properties, required, additionalProperties, propertyNames, anyOf, allOf, $ref and the
/// formats uuid, date and date-time.
struct SchemaValidator {
    let components: [String: Any]

    /// The first problem, or nil when `value` fits `schema`.
    func problem(_ value: JSONValue, _ schema: [String: Any], at path: String) -> FieldError? {
        if let ref = schema["$ref"] as? String, let name = ref.split(separator: "/").last,
           let target = components[String(name)] as? [String: Any] {
            return problem(value, target, at: path)
        }
        if let values = schema["enum"] as? [Any], !values.contains(where: { Self.equal($0, value) }) {
            let listed = values.map { $0 is NSNull ? "null" : "\($0)" }.joined(separator: ", ")
            return FieldError(name(path), "\(name(path)) must be one of: \(listed)")
        }
        let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] } ?? []
        if !types.isEmpty, !types.contains(where: { Self.has(value, type: $0) }) {
            if case .null = value { return FieldError(name(path), "\(name(path)) is required") }
            return FieldError(name(path), "\(name(path)) must be \(types.filter { $0 != "null" }.map(Self.article).joined(separator: " or "))")
        }
        switch value {
        case .string(let text): if let found = stringProblem(text, schema, at: path) { return found }
        case .number(let number): if let found = numberProblem(number, schema, at: path) { return found }
        case .array(let items):
            if let minimum = schema["minItems"] as? Int, items.count < minimum {
                return FieldError(name(path), "\(name(path)) needs at least \(minimum) item\(minimum == 1 ? "" : "s")")
            }
            if let itemSchema = schema["items"] as? [String: Any] {
                for (index, item) in items.enumerated() {
                    if let found = problem(item, itemSchema, at: "\(path)[\(index)]") { return found }
                }
            }
        case .object(let members): if let found = objectProblem(members, schema, at: path) { return found }
        case .null, .bool: break
        }
        // Alternatives last: a missing required field is named before "one of these".
        if let all = schema["allOf"] as? [[String: Any]] {
            for part in all { if let found = problem(value, part, at: path) { return found } }
        }
        if let any = schema["anyOf"] as? [[String: Any]] {
            let problems = any.map { problem(value, $0, at: path) }
            if !problems.contains(where: { $0 == nil }) { return problems.compactMap { $0 }.first }
        }
        return nil
    }

    private func objectProblem(_ members: [String: JSONValue], _ schema: [String: Any], at path: String) -> FieldError? {
        let properties = schema["properties"] as? [String: Any] ?? [:]
        for key in (schema["required"] as? [String] ?? []) where members[key] == nil {
            return FieldError(join(path, key), "\(join(path, key)) is required")
        }
        for key in members.keys.sorted() {
            let at = join(path, key)
            if let propertyNames = schema["propertyNames"] as? [String: Any], problem(.string(key), propertyNames, at: at) != nil {
                return FieldError(at, "\(key) is not a valid name here")
            }
            if let propertySchema = properties[key] as? [String: Any] {
                if let found = problem(members[key] ?? .null, propertySchema, at: at) { return found }
            } else if let additional = schema["additionalProperties"] {
                if additional as? Bool == false { return FieldError(at, "\(key) is not a field of this request") }
                if let additionalSchema = additional as? [String: Any], let found = problem(members[key] ?? .null, additionalSchema, at: at) {
                    return found
                }
            }
        }
        return nil
    }

    private func stringProblem(_ text: String, _ schema: [String: Any], at path: String) -> FieldError? {
        let field = name(path)
        if let maximum = schema["maxLength"] as? Int, text.count > maximum {
            return FieldError(field, "\(field) must be at most \(maximum) characters")
        }
        if let minimum = schema["minLength"] as? Int, text.count < minimum {
            return FieldError(field, "\(field) must be at least \(minimum) characters")
        }
        switch schema["format"] as? String {
        case "uuid" where UUID(uuidString: text) == nil: return FieldError(field, "\(field) is not a valid id")
        case "date-time" where ServiceTime.parseISO8601(text) == nil:
            return FieldError(field, "\(field) must be a real ISO 8601 time with seconds, like 2027-03-10T09:30:00Z, from \(ServiceTime.years.lowerBound) to \(ServiceTime.years.upperBound)")
        case "date" where ServiceTime.parseDay(text) == nil:
            return FieldError(field, "\(field) must be a real date like 2027-03-10")
        default: break
        }
        if let pattern = schema["pattern"] as? String, !Self.matches(text, pattern) {
            return FieldError(field, Self.patternMessage(field, pattern))
        }
        return nil
    }

    private func numberProblem(_ number: Double, _ schema: [String: Any], at path: String) -> FieldError? {
        let field = name(path)
        if let minimum = (schema["minimum"] as? NSNumber)?.doubleValue, number < minimum {
            return FieldError(field, "\(field) must be at least \(Self.plain(minimum))")
        }
        if let above = (schema["exclusiveMinimum"] as? NSNumber)?.doubleValue, number <= above {
            return FieldError(field, "\(field) must be more than \(Self.plain(above))")
        }
        if let maximum = (schema["maximum"] as? NSNumber)?.doubleValue, number > maximum {
            return FieldError(field, "\(field) must be at most \(Self.plain(maximum))")
        }
        return nil
    }

    private func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
    private func name(_ path: String) -> String { path.isEmpty ? "body" : path }

    static func has(_ value: JSONValue, type: String) -> Bool {
        switch (value, type) {
        case (.null, "null"), (.bool, "boolean"), (.string, "string"), (.array, "array"), (.object, "object"), (.number, "number"): true
        case (.number(let number), "integer"): number.rounded() == number && abs(number) < 9.2e18
        default: false
        }
    }

    static func equal(_ listed: Any, _ value: JSONValue) -> Bool {
        switch value {
        case .null: listed is NSNull
        case .string(let text): (listed as? String) == text
        case .bool(let flag): (listed as? Bool) == flag
        case .number(let number): (listed as? NSNumber)?.doubleValue == number
        default: false
        }
    }

    private static func article(_ type: String) -> String {
        switch type {
        case "integer": "a whole number"
        case "number": "a number"
        case "boolean": "true or false"
        case "array": "a list"
        case "object": "an object"
        default: "text"
        }
    }

    private static func plain(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    private static func patternMessage(_ field: String, _ pattern: String) -> String {
        switch pattern {
        case Schema.nonBlank: "\(field) must not be blank"
        case Schema.email: "\(field) must be an email address, like name@school.sch.uk"
        case Schema.code: "\(field) must be lower-case letters, digits and hyphens, like chemical-handling"
        case Schema.webAddress: "\(field) must be a web address starting with https://"
        default: "\(field) is not in the right form"
        }
    }

    private static let compiled = NIOLockedValueBox<[String: NSRegularExpression]>([:])

    static func matches(_ text: String, _ pattern: String) -> Bool {
        let expression = compiled.withLockedValue { cache -> NSRegularExpression? in
            if let known = cache[pattern] { return known }
            let made = try? NSRegularExpression(pattern: pattern)
            cache[pattern] = made
            return made
        }
        guard let expression else { return true }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
