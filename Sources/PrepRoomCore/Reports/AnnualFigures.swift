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

/// Horizontal bar charts, laid out from values: the page draws them as SVG with no
/// script, readable without colour (each bar carries its number), and described for
/// screen readers.
public enum BarChart {
    public struct Bar: Sendable, Equatable {
        public var label: String
        public var value: Int
        /// Top of the bar, and the baseline of its label and number.
        public var y: Int
        public var textBaseline: Int
        /// Length of the bar (at least 1, so a zero still shows where it starts).
        public var length: Int
        public var valueX: Int
    }

    public struct Layout: Sendable, Equatable {
        public var width: Int
        public var height: Int
        public var barHeight: Int
        /// Labels end here (right-aligned); bars start here.
        public var labelEnd: Int
        public var barStart: Int
        public var bars: [Bar]
    }

    public static func layout(_ bars: [(label: String, value: Int)], width: Int = 640, barHeight: Int = 22) -> Layout {
        let labelWidth = 240, gap = 6, valueRoom = 60
        let height = max(bars.count, 1) * (barHeight + gap) + gap
        let maximum = max(bars.map(\.value).max() ?? 0, 1)
        let plot = Double(width - labelWidth - valueRoom)
        let laid = bars.enumerated().map { index, bar -> Bar in
            let y = gap + index * (barHeight + gap)
            let length = Int((Double(max(bar.value, 0)) / Double(maximum) * plot).rounded())
            return Bar(label: String(bar.label.prefix(34)), value: bar.value, y: y, textBaseline: y + barHeight - 6,
                       length: max(length, 1), valueX: labelWidth + length + 6)
        }
        return Layout(width: width, height: height, barHeight: barHeight, labelEnd: labelWidth - 8, barStart: labelWidth, bars: laid)
    }
}
