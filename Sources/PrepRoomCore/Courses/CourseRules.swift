/// What a course must satisfy before it is saved, whoever edits it.
public enum CourseRules {
    public static func validate(_ course: CourseFacts, knownCodes: Set<String>) -> [FieldError] {
        var errors: [FieldError] = []
        if !Slug.isValid(course.code) {
            errors.append(FieldError("code", "Enter a code of lower-case letters, digits and hyphens, like chemical-handling"))
        }
        if course.title.isBlank {
            errors.append(FieldError("title", "Enter the course title"))
        }
        if course.summary.isBlank {
            errors.append(FieldError("summary", "Enter a summary of what the course is for"))
        }
        if course.audiences.isEmpty {
            errors.append(FieldError("audiences", "Choose at least one audience"))
        }
        if !(course.durationDays > 0 && course.durationDays <= 30) {
            errors.append(FieldError("durationDays", "Length must be more than 0 and at most 30 days"))
        }
        if let level = course.scqfLevel, !(1...12).contains(level) {
            errors.append(FieldError("scqfLevel", "SCQF level must be between 1 and 12"))
        }
        if let credits = course.scqfCredits, credits < 1 || credits > 240 {
            errors.append(FieldError("scqfCredits", "SCQF credits must be between 1 and 240"))
        }
        if course.certificated && course.scqfLevel == nil {
            errors.append(FieldError("scqfLevel", "A certificated course needs an SCQF level"))
        }
        if let months = course.validityMonths, months < 1 || months > 240 {
            errors.append(FieldError("validityMonths", "Validity must be between 1 and 240 months"))
        }
        if let parent = course.refresherOf {
            if parent == course.code {
                errors.append(FieldError("refresherOf", "A course cannot refresh itself"))
            } else if !knownCodes.contains(parent) {
                errors.append(FieldError("refresherOf", "There is no course with the code \(parent)"))
            }
        }
        return errors
    }
}
