import GRDB
import Models

/// A template as stored: a TICKscript whose vars tasks fill in.
public struct TemplateRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "template"

    /// The template ID.
    public var id: String
    /// Stream or batch.
    public var type: TaskType
    /// The TICKscript as submitted.
    public var script: String
    /// When the template was created.
    public var created: Timestamp
    /// When the template was last changed.
    public var modified: Timestamp

    /// Creates a record.
    public init(id: String, type: TaskType, script: String, created: Timestamp, modified: Timestamp) {
        self.id = id
        self.type = type
        self.script = script
        self.created = created
        self.modified = modified
    }
}

/// Reads and writes template records.
public struct TemplateRepository: Sendable {
    let database: any DatabaseWriter

    /// Every template, sorted by ID.
    public func all() throws(StorageError) -> [TemplateRecord] {
        try wrap("list templates") { try database.read { try TemplateRecord.order(Column("id")).fetchAll($0) } }
    }

    /// The template `id`, or nil.
    public func find(_ id: String) throws(StorageError) -> TemplateRecord? {
        try wrap("read template \(id)") { try database.read { try TemplateRecord.fetchOne($0, key: id) } }
    }

    /// Inserts or replaces `record`.
    public func save(_ record: TemplateRecord) throws(StorageError) {
        try wrap("save template \(record.id)") { try database.write { try record.save($0) } }
    }

    /// Replaces the template `oldID` by `record`, which may carry a new ID, and saves the tasks
    /// rendered from it, all in one transaction.
    public func replace(_ oldID: String, with record: TemplateRecord, tasks: [TaskRecord]) throws(StorageError) {
        try wrap("save template \(record.id)") {
            try database.write { db in
                if oldID != record.id { _ = try TemplateRecord.deleteOne(db, key: oldID) }
                try record.save(db)
                for task in tasks { try task.save(db) }
            }
        }
    }

    /// Deletes the template `id`; returns whether it existed. Tasks made from it keep its ID.
    @discardableResult
    public func delete(_ id: String) throws(StorageError) -> Bool {
        try wrap("delete template \(id)") { try database.write { try TemplateRecord.deleteOne($0, key: id) } }
    }
}
