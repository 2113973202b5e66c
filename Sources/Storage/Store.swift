import GRDB

/// Condenser's embedded SQLite database: tasks, templates, topic handlers, alert states, and
/// recordings' and replays' metadata.
public final class Store: Sendable {
    let database: any DatabaseWriter

    /// Opens (creating when missing) the database file at `path` and migrates it to the current schema.
    public convenience init(path: String) throws(StorageError) {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            try self.init(writer: DatabasePool(path: path, configuration: configuration))
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError("cannot open database \(path): \(error)")
        }
    }

    /// A private in-memory database, for tests and offline replays.
    public static func inMemory() throws(StorageError) -> Store {
        do {
            return try Store(writer: DatabaseQueue())
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError("cannot open in-memory database: \(error)")
        }
    }

    init(writer: any DatabaseWriter) throws(StorageError) {
        database = writer
        do {
            try Migrations.migrator.migrate(writer)
        } catch {
            throw StorageError("cannot migrate database: \(error)")
        }
    }

    /// The value stored under `key`, created with `make` and stored on first use.
    public func meta(_ key: String, orInsert make: () -> String) throws(StorageError) -> String {
        try wrap("read \(key)") {
            try database.write { db in
                if let value = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) {
                    return value
                }
                let value = make()
                try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
                return value
            }
        }
    }

    /// The stored tasks.
    public var tasks: TaskRepository { TaskRepository(database: database) }

    /// The stored templates.
    public var templates: TemplateRepository { TemplateRepository(database: database) }

    /// The stored topic handler specs.
    public var topicHandlers: TopicHandlerRepository { TopicHandlerRepository(database: database) }

    /// The stored alert states of the topics.
    public var topicEvents: TopicEventRepository { TopicEventRepository(database: database) }

    /// The recordings' metadata.
    public var recordings: RecordingRepository { RecordingRepository(database: database) }

    /// The replays' metadata and outcomes.
    public var replays: ReplayRepository { ReplayRepository(database: database) }

    /// The users of the API.
    public var users: UserRepository { UserRepository(database: database) }

    /// The configuration overrides.
    public var configOverrides: ConfigOverrideRepository { ConfigOverrideRepository(database: database) }
}

/// A storage failure, with the message the API reports.
public struct StorageError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
