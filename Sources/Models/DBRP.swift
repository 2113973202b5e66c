/// A database and retention policy pair, the address of a stream of points.
public struct DBRP: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The database.
    public var db: String
    /// The retention policy.
    public var rp: String

    /// Creates a pair.
    public init(db: String, rp: String) {
        self.db = db
        self.rp = rp
    }

    /// `"db"."rp"`, as TICKscript and Kapacitor's messages write it.
    public var description: String { "\"\(db)\".\"\(rp)\"" }
}
