/// Clean URL keys: course codes are lower-case words joined by hyphens.
public enum Slug {
    public static func make(_ text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !result.isEmpty { result.append("-") }
                result.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return result
    }

    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 80 && make(text) == text
    }
}
