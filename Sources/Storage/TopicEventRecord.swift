import GRDB
import Models

/// The state of one alert in one topic, as stored so that alert states outlive a restart.
public struct TopicEventRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "topicEvent"

    /// The topic.
    public var topic: String
    /// The alert ID.
    public var id: String
    /// The rendered message.
    public var message: String
    /// The rendered details.
    public var details: String
    /// The event's time.
    public var time: Timestamp
    /// How long the alert had been non-OK, in nanoseconds.
    public var duration: Int64
    /// The level's name (`OK`, `CRITICAL`).
    public var level: String

    /// Creates a record.
    public init(topic: String, id: String, message: String, details: String, time: Timestamp, duration: Int64, level: String) {
        self.topic = topic
        self.id = id
        self.message = message
        self.details = details
        self.time = time
        self.duration = duration
        self.level = level
    }
}

/// Reads and writes the alert states of the topics.
public struct TopicEventRepository: Sendable {
    let database: any DatabaseWriter

    /// Every stored state, sorted by topic then alert ID.
    public func all() throws(StorageError) -> [TopicEventRecord] {
        try wrap("list topic events") {
            try database.read { try TopicEventRecord.order(Column("topic"), Column("id")).fetchAll($0) }
        }
    }

    /// Inserts or replaces `record`.
    public func save(_ record: TopicEventRecord) throws(StorageError) {
        try wrap("save event \(record.id) of topic \(record.topic)") { try database.write { try record.save($0) } }
    }

    /// Applies `changes` in order in one transaction: each a state to insert or replace, or a
    /// topic whose states to delete.
    public func apply(_ changes: [TopicEventChange]) throws(StorageError) {
        try wrap("save \(changes.count) topic event changes") {
            try database.write { database in
                for change in changes {
                    switch change {
                    case .save(let record): try record.save(database)
                    case .deleteAll(let topic): _ = try TopicEventRecord.filter(Column("topic") == topic).deleteAll(database)
                    }
                }
            }
        }
    }

    /// Deletes the states of `topic`.
    public func deleteAll(topic: String) throws(StorageError) {
        try wrap("delete events of topic \(topic)") {
            _ = try database.write { try TopicEventRecord.filter(Column("topic") == topic).deleteAll($0) }
        }
    }
}

/// One change of the stored alert states.
public enum TopicEventChange: Sendable, Equatable {
    /// Insert or replace this state.
    case save(TopicEventRecord)
    /// Delete every state of this topic.
    case deleteAll(topic: String)
}
