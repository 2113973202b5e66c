import GRDB
import Models

/// A replay as stored: which recording went through which task, how, and its outcome.
public struct ReplayRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "replay"

    /// The replay ID.
    public var id: String
    /// The task replayed into.
    public var task: String
    /// The recording replayed; empty for a replay straight from a query.
    public var recording: String
    /// Whether points kept their recorded times (else they are moved to start now).
    public var recordingTime: Bool
    /// `fast` or `real`.
    public var clock: String
    /// When the replay started, then when it ended.
    public var date: Timestamp
    /// Why it failed; empty otherwise.
    public var error: String
    /// Running, finished or failed.
    public var status: RunStatus
    /// From 0 to 1.
    public var progress: Double
    /// The task's execution statistics at the end, as the API's JSON object; empty while running.
    public var stats: String

    /// Creates a record.
    public init(
        id: String, task: String, recording: String, recordingTime: Bool, clock: String, date: Timestamp,
        error: String = "", status: RunStatus, progress: Double = 0, stats: String = ""
    ) {
        self.id = id
        self.task = task
        self.recording = recording
        self.recordingTime = recordingTime
        self.clock = clock
        self.date = date
        self.error = error
        self.status = status
        self.progress = progress
        self.stats = stats
    }
}

/// Reads and writes replay records.
public struct ReplayRepository: Sendable {
    let database: any DatabaseWriter

    /// Every replay, sorted by ID.
    public func all() throws(StorageError) -> [ReplayRecord] {
        try wrap("list replays") { try database.read { try ReplayRecord.order(Column("id")).fetchAll($0) } }
    }

    /// The replay `id`, or nil.
    public func find(_ id: String) throws(StorageError) -> ReplayRecord? {
        try wrap("read replay \(id)") { try database.read { try ReplayRecord.fetchOne($0, key: id) } }
    }

    /// Inserts `record`; fails when its ID exists.
    public func create(_ record: ReplayRecord) throws(StorageError) {
        try wrap("create replay \(record.id)") { try database.write { try record.insert($0) } }
    }

    /// Replaces the stored replay of `record`'s ID; returns false (storing nothing) when it was
    /// deleted meanwhile.
    @discardableResult
    public func update(_ record: ReplayRecord) throws(StorageError) -> Bool {
        try wrap("save replay \(record.id)") {
            try database.write { db in
                guard try ReplayRecord.exists(db, key: record.id) else { return false }
                try record.update(db)
                return true
            }
        }
    }

    /// Deletes the replay `id`; returns whether it existed.
    @discardableResult
    public func delete(_ id: String) throws(StorageError) -> Bool {
        try wrap("delete replay \(id)") { try database.write { try ReplayRecord.deleteOne($0, key: id) } }
    }
}
