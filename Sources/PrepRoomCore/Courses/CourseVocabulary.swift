/// The words the catalogue is filtered by. Raw values are what the API and URLs carry.

public enum Subject: String, CaseIterable, Codable, Sendable {
    case biology, chemistry, physics, technology, science
    case generalSafety = "general_safety"
    case primary
    case digital

    public var label: String {
        switch self {
        case .biology: "Biology"
        case .chemistry: "Chemistry"
        case .physics: "Physics"
        case .technology: "Technology"
        case .science: "General science"
        case .generalSafety: "General safety"
        case .primary: "Early years and primary"
        case .digital: "Digital skills"
        }
    }
}

/// Who a course is written for. Many technician courses suit teachers too.
public enum Audience: String, CaseIterable, Codable, Sendable {
    case technician, teacher, probationer, primary

    public var label: String {
        switch self {
        case .technician: "Technicians"
        case .teacher: "Teachers"
        case .probationer: "Probationers and trainees"
        case .primary: "Early years and primary practitioners"
        }
    }
}

public enum CourseFormat: String, CaseIterable, Codable, Sendable {
    case faceToFace = "face_to_face"
    /// Twilight online live sessions, such as SSERC Meets.
    case onlineLive = "online_live"
    case blended
    case selfStudy = "self_study"
    case residential

    public var label: String {
        switch self {
        case .faceToFace: "Face to face"
        case .onlineLive: "Online live (twilight)"
        case .blended: "Blended"
        case .selfStudy: "Self-study"
        case .residential: "Residential"
        }
    }

    /// Online formats take a link rather than a venue.
    public var isOnline: Bool { self == .onlineLive || self == .selfStudy }
}
