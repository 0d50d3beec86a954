import Foundation

/// Runs one of the maintained programs the service hands work to (Debian's `qrencode` and
/// `weasyprint`, PostgreSQL's `pg_dump` and `pg_restore`) as a separate process. No thread waits on it: the process reads and
/// writes files in a private temporary folder, which is removed afterwards, and its end
/// resumes the caller. A process that runs past its time is stopped.
package enum ExternalProgram {
    package struct Failure: Error, CustomStringConvertible {
        package let program: String
        package let status: Int32
        /// The start of what it wrote to standard error, for the log.
        package let message: String
        package var description: String { "\(program) exited with status \(status): \(message)" }
    }

    /// `arguments` gets the paths of the input file (holding `input`) and of the output file
    /// the program is to write; the output file's bytes are returned.
    package static func run(_ executable: String, input: Data = Data(), timeout: Duration = .seconds(30),
                            arguments: (_ inputPath: String, _ outputPath: String) -> [String]) async throws -> Data {
        try await inPrivateFolder { folder in
            let inputURL = folder.appendingPathComponent("input")
            let outputURL = folder.appendingPathComponent("output")
            try input.write(to: inputURL)
            try await run(executable, arguments: arguments(inputURL.path, outputURL.path), timeout: timeout, workingIn: folder)
            guard let output = try? Data(contentsOf: outputURL) else {
                throw Failure(program: URL(fileURLWithPath: executable).lastPathComponent, status: 0, message: "wrote no output")
            }
            return output
        }
    }

    /// Runs a program that reads and writes where its `arguments` say (pg_dump writing a
    /// backup, say); `environment` is added to the service's own (a password, kept out of
    /// the arguments that `ps` shows). Throws `Failure` unless it exits with status 0.
    package static func run(_ executable: String, arguments: [String], environment: [String: String] = [:],
                            timeout: Duration) async throws {
        try await inPrivateFolder { folder in
            try await run(executable, arguments: arguments, environment: environment, timeout: timeout, workingIn: folder)
        }
    }

    private static func inPrivateFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("preproom-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder)
    }

    private static func run(_ executable: String, arguments: [String], environment: [String: String] = [:],
                            timeout: Duration, workingIn folder: URL) async throws {
        let errorURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        defer { try? errorHandle.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errorHandle
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            if process.isRunning { process.terminate() }
        }
        defer { watchdog.cancel() }
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        guard status == 0 else {
            let message = (try? String(contentsOf: errorURL, encoding: .utf8)).map { String($0.prefix(500)) } ?? ""
            throw Failure(program: URL(fileURLWithPath: executable).lastPathComponent, status: status, message: message)
        }
    }

    /// The first executable called `name` on the search path, as a shell would find it.
    package static func find(_ name: String, searchPath: String?) -> String? {
        for folder in (searchPath ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(name)"
            if isProgram(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// A regular file with an execute bit. Not `isExecutableFile`, which says yes to any
    /// file when the service runs as root.
    package static func isProgram(atPath path: String) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let permissions = attributes[.posixPermissions] as? NSNumber else { return false }
        return permissions.intValue & 0o111 != 0
    }
}
