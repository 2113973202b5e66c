import InfluxQL

/// One subscription of an InfluxDB 1.x server, as `SHOW SUBSCRIPTIONS` lists it: InfluxDB sends
/// every write to `database`.`retentionPolicy` on to the destinations (`ANY` one or `ALL`).
public struct Subscription: Sendable, Hashable {
    /// The database written to.
    public var database: String
    /// The retention policy written to.
    public var retentionPolicy: String
    /// The subscription's name (`kapacitor-<cluster id>` for Kapacitor's).
    public var name: String
    /// `ANY` or `ALL`.
    public var mode: String
    /// The URLs the writes go to.
    public var destinations: [String]

    /// Creates a subscription's description.
    public init(database: String, retentionPolicy: String, name: String, mode: String = "ANY", destinations: [String]) {
        self.database = database
        self.retentionPolicy = retentionPolicy
        self.name = name
        self.mode = mode
        self.destinations = destinations
    }

    /// The statement creating it.
    public var createStatement: String {
        "CREATE SUBSCRIPTION \(InfluxQLSyntax.doubleQuoted(name)) ON \(InfluxQLSyntax.doubleQuoted(database)).\(InfluxQLSyntax.doubleQuoted(retentionPolicy))"
            + " DESTINATIONS \(mode.uppercased()) " + destinations.map(InfluxQLSyntax.quoteString).joined(separator: ", ")
    }

    /// The statement dropping it.
    public var dropStatement: String {
        "DROP SUBSCRIPTION \(InfluxQLSyntax.doubleQuoted(name)) ON \(InfluxQLSyntax.doubleQuoted(database)).\(InfluxQLSyntax.doubleQuoted(retentionPolicy))"
    }
}
