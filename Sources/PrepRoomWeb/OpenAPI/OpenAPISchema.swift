import PrepRoomServices
import Foundation
import PrepRoomCore

/// Builders for the OpenAPI document's JSON Schemas. The rules the server enforces before
/// any handler (`InputScreening`: no control characters, `TextLimit`'s lengths; strict
/// times in `ServiceTime.years`) are added to every string here, so the document states
/// what the server does and schemathesis can hold it to that.
enum Schema {
    typealias JSON = [String: Any]

    /// The characters `InputScreening` refuses, for a regular-expression class.
    static let controls = "\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F"
    /// White space as `CharacterSet.blank` has it, less the controls (spelt out rather than
    /// `\s`, so ICU on the server and ECMAScript in clients read it alike).
    static let spaces = "\\t\\n\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF"
    /// Any text without the control characters `InputScreening` refuses.
    static let plain = "^[^\(controls)]*$"
    /// The same, with at least one character that is not white space: required text.
    static let nonBlank = "^[^\(controls)]*[^\(spaces)\(controls)][^\(controls)]*$"
    /// `ServiceTime.years`, 1972 to 2100.
    static let year = "(197[2-9]|19[89][0-9]|20[0-9][0-9]|2100)"
    static let day = "\(year)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    /// RFC 3339 within `ServiceTime.years`, with seconds, as `StrictTime` reads it.
    static let dateTime = "^\(day)[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?([Zz]|[+-](0[0-9]|1[0-4]):[0-5][0-9])$"
    static let date = "^\(day)$"
    /// A time the server works out rather than takes: the exclusive end of a period that
    /// runs to 31 December 2100, a certificate's expiry years after its run. It can fall
    /// past `ServiceTime.years`, so only its shape is stated.
    static let computedDateTime = "^(19[7-9][0-9]|2[01][0-9][0-9])-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?([Zz]|[+-](0[0-9]|1[0-4]):[0-5][0-9])$"
    /// As `RegistrationForm.looksLikeEmail` checks it (white space around it is trimmed).
    static let email = "^[\(spaces)]*[^@\(spaces)\(controls)]+@[^@.\(spaces)\(controls)]+(\\.[^@.\(spaces)\(controls)]+)+[\(spaces)]*$"
    /// A course code (`Slug.isValid`).
    static let code = "^[a-z0-9]+(-[a-z0-9]+)*$"
    static let webAddress = "^[\(spaces)]*https?://[^\(controls)]*$"

    /// Text of at least `count` characters once white space around it is trimmed.
    static func text(atLeast count: Int) -> JSON {
        string(pattern: "^[\(spaces)]*[^\(spaces)\(controls)][^\(controls)]{\(count - 2),}[^\(spaces)\(controls)][\(spaces)]*$")
    }

    /// A request's schema, closed: every object in it (resolved from `$ref`) refuses
    /// properties it does not name. The branches of `anyOf` stay open: each states one
    /// alternative, not the whole object.
    static func closed(_ schema: JSON, components: JSON) -> JSON {
        if let ref = schema["$ref"] as? String, let name = ref.split(separator: "/").last, let target = components[String(name)] as? JSON {
            return closed(target, components: components)
        }
        var result = schema
        if let properties = schema["properties"] as? JSON {
            result["properties"] = properties.mapValues { ($0 as? JSON).map { closed($0, components: components) } ?? $0 }
            if result["additionalProperties"] == nil { result["additionalProperties"] = false }
        }
        if let items = schema["items"] as? JSON { result["items"] = closed(items, components: components) }
        return result
    }

    /// A day (`2026-11-20`) or a time: where the server takes either.
    static var dayOrTime: JSON {
        ["anyOf": [constrained(string("date"), field: "date"), constrained(string("date-time"), field: "date")]]
    }

    static func ref(_ name: String) -> JSON { ["$ref": "#/components/schemas/\(name)"] }

    private static func type(_ name: String, nullable: Bool) -> Any { nullable ? [name, "null"] : name }

    static func string(_ format: String? = nil, nullable: Bool = false, values: [String]? = nil, pattern: String? = nil) -> JSON {
        var schema: JSON = ["type": type("string", nullable: nullable)]
        if let format { schema["format"] = format }
        if let values { schema["enum"] = nullable ? values + [NSNull()] : values }
        if let pattern { schema["pattern"] = pattern }
        return schema
    }

    /// A response's time that the server computes (`computedDateTime`).
    static func computedTime(nullable: Bool = false) -> JSON { string("date-time", nullable: nullable, pattern: computedDateTime) }

    /// Text that must not be blank (the server trims it and refuses nothing left).
    /// Text that is not blank; `minLength` where a rule asks for more (a title of 8 or more).
    static func text(nullable: Bool = false, minLength: Int? = nil) -> JSON {
        var schema = string(nullable: nullable, pattern: nonBlank)
        if let minLength { schema["minLength"] = minLength }
        return schema
    }
    static func uuid(nullable: Bool = false) -> JSON { string("uuid", nullable: nullable) }
    static func cases<T: CaseIterable & RawRepresentable>(_ type: T.Type, nullable: Bool = false) -> JSON where T.RawValue == String {
        string(nullable: nullable, values: type.allCases.map(\.rawValue))
    }

    static func integer(nullable: Bool = false, min: Int? = nil, max: Int? = nil) -> JSON {
        var schema: JSON = ["type": type("integer", nullable: nullable)]
        if let min { schema["minimum"] = min }
        if let max { schema["maximum"] = max }
        return schema
    }

    static func number(min: Double? = nil, above: Double? = nil, max: Double? = nil) -> JSON {
        var schema: JSON = ["type": "number"]
        if let min { schema["minimum"] = min }
        if let above { schema["exclusiveMinimum"] = above }
        if let max { schema["maximum"] = max }
        return schema
    }

    static var boolean: JSON { ["type": "boolean"] }

    static func array(_ items: JSON, minItems: Int? = nil, maxItems: Int? = nil) -> JSON {
        var schema: JSON = ["type": "array", "items": items]
        if let minItems { schema["minItems"] = minItems }
        if let maxItems { schema["maxItems"] = maxItems }
        return schema
    }

    /// Every string property gets its field's length limit and, unless it has a pattern,
    /// enum or id format of its own, the no-control-characters pattern; times and days get
    /// the year range.
    static func object(_ properties: JSON, required: [String]) -> JSON {
        var limited = properties
        for (name, value) in properties {
            guard var schema = value as? JSON else { continue }
            if schema["type"] as? String == "array", let items = schema["items"] as? JSON {
                schema["items"] = constrained(items, field: name)
            } else {
                schema = constrained(schema, field: name)
            }
            limited[name] = schema
        }
        return ["type": "object", "properties": limited, "required": required]
    }

    static func constrained(_ schema: JSON, field: String) -> JSON {
        var schema = schema
        let isString = schema["type"] as? String == "string" || (schema["type"] as? [String])?.contains("string") == true
        guard isString, schema["enum"] == nil else { return schema }
        switch schema["format"] as? String {
        case "uuid": return schema
        case "date-time": schema["pattern"] = schema["pattern"] ?? dateTime
        case "date": schema["pattern"] = schema["pattern"] ?? date
        default: schema["pattern"] = schema["pattern"] ?? plain
        }
        if schema["maxLength"] == nil { schema["maxLength"] = TextLimit.limit(forField: field) }
        return schema
    }

    static func list(_ item: String) -> JSON {
        object(["items": array(ref(item)), "total": integer(min: 0)], required: ["items", "total"])
    }

    // Parameters.

    static func query(_ name: String, _ description: String, _ schema: JSON = string(), required: Bool = false) -> JSON {
        ["name": name, "in": "query", "required": required, "description": description, "schema": constrained(schema, field: name)]
    }

    static var listParameters: [JSON] {
        [query("limit", "Page size (1–\(Pagination.maxPerPage), default \(Pagination.defaultPerPage))",
               integer(min: 1, max: Pagination.maxPerPage)),
         query("offset", "Items to skip (at most \(Pagination.maxOffset))", integer(min: 0, max: Pagination.maxOffset))]
    }

    /// A report's period: whole days in London.
    static var periodParameters: [JSON] {
        [query("from", "First day, like 2024-08-01 (default: the academic year's)", string("date")),
         query("to", "Last day, included", string("date"))]
    }

    /// Path parameters by name: ids are UUIDs, a step is one of three, a course code a slug.
    static func pathParameter(_ name: String, in path: String) -> JSON {
        let schema: JSON = switch name {
        case "runID", "userID", "centreID", "bookingID", "tokenID", "entryID", "questionID", "schoolID", "itemID", "topicID", "postID", "suggestionID", "resourceID", "organisationID", "meetingID", "attachmentID": uuid()
        case "step": cases(EvaluationStep.self)
        case "task": cases(ControlledTask.self)
        case "code" where path.hasPrefix("/objectives"): string(pattern: "^[A-Za-z0-9]{1,8}$")
        case "code", "key": string(pattern: code)
        default: string(pattern: plain)
        }
        var constrainedSchema = constrained(schema, field: name)
        if name == "number" { constrainedSchema["maxLength"] = TextLimit.token }
        return ["name": name, "in": "path", "required": true, "schema": constrainedSchema]
    }
}
