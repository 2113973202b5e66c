import Foundation
import GRDB

extension Store {
    /// A consistent copy of the whole database as an SQLite file's bytes (SQLite's online backup,
    /// taken while tasks keep writing), for GET `/kapacitor/v1/storage/backup`.
    public func backup() throws(StorageError) -> [UInt8] {
        let path = NSTemporaryDirectory() + "condenser-backup-" + UUID().uuidString + ".db"
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let copy = try DatabaseQueue(path: path)
            try database.backup(to: copy)
            try copy.close()
        } catch {
            throw StorageError("failed to back up the database: \(error)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StorageError("failed to read the database backup")
        }
        return [UInt8](data)
    }
}
