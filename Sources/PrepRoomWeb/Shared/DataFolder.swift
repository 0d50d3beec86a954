import PrepRoomServices
import Foundation

/// The SQLite data folder holds a workforce's records: only the service's own user may
/// read it. The folder is created 0700 and the database 0600 (its -wal and -shm files
/// take the database's mode from SQLite). An existing database file is narrowed to 0600;
/// an existing folder is left as it is (it may be a folder the operator chose, like ".").
enum DataFolder {
    static func prepare(databasePath path: String) throws {
        let files = FileManager.default
        let directory = (path as NSString).deletingLastPathComponent
        if !files.fileExists(atPath: directory) {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        if !files.fileExists(atPath: path) {
            guard files.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
        }
        for file in [path, path + "-wal", path + "-shm"] where files.fileExists(atPath: file) {
            try? files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
    }
}
