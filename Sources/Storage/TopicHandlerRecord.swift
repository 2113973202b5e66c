import GRDB

/// A topic handler spec as stored: which kind of handler gets a topic's events, with its options and
/// the `match` expression that filters them.
public struct TopicHandlerRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "topicHandler"

    /// The topic.
    public var topic: String
    /// The handler ID, unique in its topic.
    public var id: String
    /// The handler kind (`log`, `post`, `aggregate`).
    public var kind: String
    /// The options, as a JSON object.
    public var options: String
    /// The match expression, or empty.
    public var match: String

    /// Creates a record.
    public init(topic: String, id: String, kind: String, options: String = "{}", match: String = "") {
        self.topic = topic
        self.id = id
        self.kind = kind
        self.options = options
        self.match = match
    }
}

/// Reads and writes topic handler specs.
public struct TopicHandlerRepository: Sendable {
    let database: any DatabaseWriter

    /// Every spec, sorted by topic then ID.
    public func all() throws(StorageError) -> [TopicHandlerRecord] {
        try wrap("list topic handlers") {
            try database.read { try TopicHandlerRecord.order(Column("topic"), Column("id")).fetchAll($0) }
        }
    }

    /// The specs of `topic`, sorted by ID.
    public func all(topic: String) throws(StorageError) -> [TopicHandlerRecord] {
        try wrap("list handlers of topic \(topic)") {
            try database.read { try TopicHandlerRecord.filter(Column("topic") == topic).order(Column("id")).fetchAll($0) }
        }
    }

    /// Handler `id` of `topic`, or nil.
    public func find(topic: String, id: String) throws(StorageError) -> TopicHandlerRecord? {
        try wrap("read handler \(id)") {
            try database.read { try TopicHandlerRecord.fetchOne($0, key: ["topic": topic, "id": id]) }
        }
    }

    /// Replaces handler `oldID` of `record.topic` by `record` (which may carry a new ID) in one transaction.
    public func replace(_ oldID: String?, with record: TopicHandlerRecord) throws(StorageError) {
        try wrap("save handler \(record.id)") {
            try database.write { db in
                if let oldID, oldID != record.id {
                    _ = try TopicHandlerRecord.deleteOne(db, key: ["topic": record.topic, "id": oldID])
                }
                try record.save(db)
            }
        }
    }

    /// Deletes handler `id` of `topic`; returns whether it existed.
    @discardableResult
    public func delete(topic: String, id: String) throws(StorageError) -> Bool {
        try wrap("delete handler \(id)") {
            try database.write { try TopicHandlerRecord.deleteOne($0, key: ["topic": topic, "id": id]) }
        }
    }

    /// Deletes every handler of `topic`.
    public func deleteAll(topic: String) throws(StorageError) {
        try wrap("delete handlers of topic \(topic)") {
            _ = try database.write { try TopicHandlerRecord.filter(Column("topic") == topic).deleteAll($0) }
        }
    }
}
