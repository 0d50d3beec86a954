import PrepRoomCore

/// What an import of a CSV file did, or would do on a dry run: the rows added and changed
/// (named as a person reads them), how many were already so, every bad row by its line, and
/// whether anything was written (never while a row is wrong).
package struct ImportReport: Sendable, Equatable {
    package var added: [String] = []
    package var updated: [String] = []
    package var unchanged = 0
    package var problems: [CSVReader.Problem] = []
    package var written = false

    package init(problems: [CSVReader.Problem] = []) { self.problems = problems }
}
