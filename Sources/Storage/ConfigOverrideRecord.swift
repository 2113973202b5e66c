import GRDB

/// A configuration override set through the config API, as Kapacitor stores it: the options set on
/// one element of one section, or the options of an element the API created.
public struct ConfigOverrideRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "configOverride"

    /// `section/element`, or `section/` for the element of a section that is not a list.
    public var id: String
    /// The options set, as a JSON object.
    public var options: String
    /// Whether the override created its element (`add`) rather than changing one from the file.
    public var create: Bool

    /// Creates a record.
    public init(id: String, options: String, create: Bool) {
        self.id = id
        self.options = options
        self.create = create
    }

    /// The section, the part of the ID before its `/`.
    public var section: String { String(id.prefix { $0 != "/" }) }
}

/// Reads and writes configuration overrides.
public struct ConfigOverrideRepository: Sendable {
    let database: any DatabaseWriter

    /// Every override, by ID.
    public func all() throws(StorageError) -> [ConfigOverrideRecord] {
        try wrap("list config overrides") {
            try database.read { try ConfigOverrideRecord.order(Column("id")).fetchAll($0) }
        }
    }

    /// Stores `record`, replacing an override with its ID.
    public func save(_ record: ConfigOverrideRecord) throws(StorageError) {
        try wrap("save config override \(record.id)") {
            try database.write { try record.save($0) }
        }
    }

    /// Deletes the overrides with `ids`.
    public func delete(_ ids: [String]) throws(StorageError) {
        try wrap("remove config overrides") {
            _ = try database.write { try ConfigOverrideRecord.deleteAll($0, keys: ids) }
        }
    }
}
