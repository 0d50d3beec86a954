import Foundation

/// The figures an annual report gives ("1,921 training days delivered against a target of
/// 1,536"; delegates by local authority, by course and by centre; completions; demand), as
/// values. The store counts them with SQL; the rules for what they mean live here.
public enum AnnualFigures {
    /// The target the texts give for training days in a year.
    public static let defaultTrainingDayTarget = 1_536

    /// A target managers may set: a whole, positive number of training days.
    public static func targetErrors(_ target: Int?) -> [FieldError] {
        guard let target, (1...1_000_000).contains(target) else {
            return [FieldError("target", "Enter the target as a whole number of training days, like 1536")]
        }
        return []
    }

    /// A **training day** is one delegate attending one session (a course day) of a run that
    /// took place: the same count as a CPD unit, across every provider.
    public struct TrainingDays: Sendable, Equatable, Codable {
        public var delivered: Int
        public var target: Int
        public init(delivered: Int, target: Int) { self.delivered = delivered; self.target = target }
        /// Delivered as a share of the target, in percent (0 when there is no target).
        public var percentOfTarget: Int { target > 0 ? Int((Double(delivered) / Double(target) * 100).rounded()) : 0 }
    }

    /// One line of a breakdown (by local authority, course or centre).
    public struct Count: Sendable, Equatable, Codable {
        public var label: String
        public var value: Int
        public init(label: String, value: Int) { self.label = label; self.value = value }
    }

    /// The waiting list for a course, and how many more runs would clear it.
    public struct Demand: Sendable, Equatable, Codable {
        public var courseCode: String
        public var courseTitle: String
        public var waiting: Int
        /// Places a run of this course usually has (the largest capacity among its runs).
        public var placesPerRun: Int
        public var runsToClear: Int
        public init(courseCode: String, courseTitle: String, waiting: Int, placesPerRun: Int) {
            self.courseCode = courseCode; self.courseTitle = courseTitle; self.waiting = waiting; self.placesPerRun = placesPerRun
            runsToClear = AnnualFigures.runsToClear(waiting: waiting, placesPerRun: placesPerRun)
        }
    }

    /// Runs it would take to give everyone waiting a place.
    public static func runsToClear(waiting: Int, placesPerRun: Int) -> Int {
        guard waiting > 0 else { return 0 }
        guard placesPerRun > 0 else { return waiting }
        return (waiting + placesPerRun - 1) / placesPerRun
    }

    /// Breakdown lines in the order a reader wants: largest first, then by name.
    public static func ranked(_ counts: [Count]) -> [Count] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.label < $1.label }
    }
}

/// Horizontal bar charts as SVG, drawn from values: no script, readable without colour
/// (each bar carries its number), and described for screen readers.
public enum BarChart {
    public static func svg(title: String, bars: [(label: String, value: Int)], width: Int = 640, barHeight: Int = 22) -> String {
        let labelWidth = 240, gap = 6, valueRoom = 60
        let height = max(bars.count, 1) * (barHeight + gap) + gap
        let maximum = max(bars.map(\.value).max() ?? 0, 1)
        let plot = Double(width - labelWidth - valueRoom)
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"bar-chart\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" aria-label=\"\(escape(title))\">",
                     "<title>\(escape(title))</title>"]
        for (index, bar) in bars.enumerated() {
            let y = gap + index * (barHeight + gap)
            let length = Int((Double(bar.value) / Double(maximum) * plot).rounded())
            parts.append("<text x=\"\(labelWidth - 8)\" y=\"\(y + barHeight - 6)\" text-anchor=\"end\" font-size=\"13\">\(escape(String(bar.label.prefix(34))))</text>")
            parts.append("<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(max(length, 1))\" height=\"\(barHeight)\" fill=\"#0b5ed7\"></rect>")
            parts.append("<text x=\"\(labelWidth + length + 6)\" y=\"\(y + barHeight - 6)\" font-size=\"13\">\(bar.value)</text>")
        }
        parts.append("</svg>")
        return parts.joined()
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
