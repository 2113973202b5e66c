import GRDB

/// A user of the API as stored: the password's salted hash, whether an admin, and the privileges
/// per resource.
public struct UserRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "user"

    /// The user's name.
    public var name: String
    /// The password's hash with its parameters (`pbkdf2-sha256$rounds$salt$hash`, base64).
    public var hash: String
    /// Whether the user may do everything.
    public var admin: Bool
    /// The privileges by resource (`/api/config` → `["all"]`), as a JSON object.
    public var privileges: String

    /// Creates a record.
    public init(name: String, hash: String, admin: Bool, privileges: String) {
        self.name = name
        self.hash = hash
        self.admin = admin
        self.privileges = privileges
    }
}

/// Reads and writes users.
public struct UserRepository: Sendable {
    let database: any DatabaseWriter

    /// Every user, by name.
    public func all() throws(StorageError) -> [UserRecord] {
        try wrap("list users") { try database.read { try UserRecord.order(Column("name")).fetchAll($0) } }
    }

    /// User `name`, or nil.
    public func find(_ name: String) throws(StorageError) -> UserRecord? {
        try wrap("read user \(name)") { try database.read { try UserRecord.fetchOne($0, key: name) } }
    }

    /// Stores `record`, replacing a user with its name.
    public func save(_ record: UserRecord) throws(StorageError) {
        try wrap("save user \(record.name)") { try database.write { try record.save($0) } }
    }

    /// Deletes user `name`; returns whether it existed.
    @discardableResult
    public func delete(_ name: String) throws(StorageError) -> Bool {
        try wrap("delete user \(name)") { try database.write { try UserRecord.deleteOne($0, key: name) } }
    }
}
