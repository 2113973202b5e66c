import GRDB
import Models

/// A task as stored: its definition and lifecycle times.
///
/// `vars` is kept as the JSON text the API speaks, so the store never needs to know its shape.
public struct TaskRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "task"

    /// The task ID.
    public var id: String
    /// Stream or batch.
    public var type: TaskType
    /// The database/retention-policy pairs the task reads (a JSON column).
    public var dbrps: [DBRP]
    /// The TICKscript as submitted.
    public var script: String
    /// Enabled or disabled.
    public var status: TaskStatus
    /// The template the task was created from, or empty.
    public var templateID: String
    /// The template vars, as a JSON object.
    public var vars: String
    /// When the task was created.
    public var created: Timestamp
    /// When the task was last changed.
    public var modified: Timestamp
    /// When the task was last enabled, or 0 if never.
    public var lastEnabled: Timestamp

    /// Creates a record.
    public init(
        id: String, type: TaskType, dbrps: [DBRP], script: String, status: TaskStatus, templateID: String = "",
        vars: String = "{}", created: Timestamp, modified: Timestamp, lastEnabled: Timestamp = 0
    ) {
        self.id = id
        self.type = type
        self.dbrps = dbrps
        self.script = script
        self.status = status
        self.templateID = templateID
        self.vars = vars
        self.created = created
        self.modified = modified
        self.lastEnabled = lastEnabled
    }
}

/// Reads and writes task records.
public struct TaskRepository: Sendable {
    let database: any DatabaseWriter

    /// Every task, sorted by ID.
    public func all() throws(StorageError) -> [TaskRecord] {
        try wrap("list tasks") { try database.read { try TaskRecord.order(Column("id")).fetchAll($0) } }
    }

    /// The task `id`, or nil.
    public func find(_ id: String) throws(StorageError) -> TaskRecord? {
        try wrap("read task \(id)") { try database.read { try TaskRecord.fetchOne($0, key: id) } }
    }

    /// The tasks created from template `templateID`, sorted by ID.
    public func created(fromTemplate templateID: String) throws(StorageError) -> [TaskRecord] {
        try wrap("list tasks of template \(templateID)") {
            try database.read { try TaskRecord.filter(Column("templateID") == templateID).order(Column("id")).fetchAll($0) }
        }
    }

    /// Inserts or replaces `record`.
    public func save(_ record: TaskRecord) throws(StorageError) {
        try wrap("save task \(record.id)") { try database.write { try record.save($0) } }
    }

    /// Replaces the task `oldID` by `record`, which may carry a new ID, in one transaction.
    public func replace(_ oldID: String, with record: TaskRecord) throws(StorageError) {
        try wrap("save task \(record.id)") {
            try database.write { db in
                if oldID != record.id { _ = try TaskRecord.deleteOne(db, key: oldID) }
                try record.save(db)
            }
        }
    }

    /// Deletes the task `id`; returns whether it existed.
    @discardableResult
    public func delete(_ id: String) throws(StorageError) -> Bool {
        try wrap("delete task \(id)") { try database.write { try TaskRecord.deleteOne($0, key: id) } }
    }
}

func wrap<T>(_ action: String, _ body: () throws -> T) throws(StorageError) -> T {
    do {
        return try body()
    } catch {
        throw StorageError("cannot \(action): \(error)")
    }
}
