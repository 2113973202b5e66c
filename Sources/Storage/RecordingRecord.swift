import GRDB
import Models

/// Where a recording or replay stands, as Kapacitor reports it.
public enum RunStatus: String, Codable, Sendable {
    case running, finished, failed
}

/// A recording as stored: its metadata; the data is a file in the `[replay] dir`.
public struct RecordingRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "recording"

    /// The recording ID.
    public var id: String
    /// Stream (`.srpl`) or batch (`.brpl`) data.
    public var type: TaskType
    /// The data file's size in bytes once finished.
    public var size: Int64
    /// When the recording started, then when it ended.
    public var date: Timestamp
    /// Why it failed; empty otherwise.
    public var error: String
    /// Running, finished or failed.
    public var status: RunStatus
    /// From 0 to 1.
    public var progress: Double
    /// The data file's path.
    public var path: String

    /// Creates a record.
    public init(
        id: String, type: TaskType, size: Int64 = 0, date: Timestamp, error: String = "", status: RunStatus,
        progress: Double = 0, path: String
    ) {
        self.id = id
        self.type = type
        self.size = size
        self.date = date
        self.error = error
        self.status = status
        self.progress = progress
        self.path = path
    }
}

/// Reads and writes recording records.
public struct RecordingRepository: Sendable {
    let database: any DatabaseWriter

    /// Every recording, sorted by ID.
    public func all() throws(StorageError) -> [RecordingRecord] {
        try wrap("list recordings") { try database.read { try RecordingRecord.order(Column("id")).fetchAll($0) } }
    }

    /// The recording `id`, or nil.
    public func find(_ id: String) throws(StorageError) -> RecordingRecord? {
        try wrap("read recording \(id)") { try database.read { try RecordingRecord.fetchOne($0, key: id) } }
    }

    /// Inserts `record`; fails when its ID exists.
    public func create(_ record: RecordingRecord) throws(StorageError) {
        try wrap("create recording \(record.id)") { try database.write { try record.insert($0) } }
    }

    /// Replaces the stored recording of `record`'s ID; returns false (storing nothing) when it was
    /// deleted meanwhile.
    @discardableResult
    public func update(_ record: RecordingRecord) throws(StorageError) -> Bool {
        try wrap("save recording \(record.id)") {
            try database.write { db in
                guard try RecordingRecord.exists(db, key: record.id) else { return false }
                try record.update(db)
                return true
            }
        }
    }

    /// Deletes the recording `id`; returns whether it existed.
    @discardableResult
    public func delete(_ id: String) throws(StorageError) -> Bool {
        try wrap("delete recording \(id)") { try database.write { try RecordingRecord.deleteOne($0, key: id) } }
    }
}
