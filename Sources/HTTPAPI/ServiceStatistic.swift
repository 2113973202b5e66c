/// One statistic of a daemon service in `/kapacitor/v1/debug/vars`, as Kapacitor publishes it:
/// a name, tags (the daemon's IDs and host are added) and counters.
public struct ServiceStatistic: Sendable, Equatable {
    /// The statistic's name (`udp`).
    public var name: String
    /// What tells it apart from others of its name (`bind`).
    public var tags: [String: String]
    /// The counters by name.
    public var values: [String: Int64]

    /// Creates a statistic.
    public init(name: String, tags: [String: String], values: [String: Int64]) {
        self.name = name
        self.tags = tags
        self.values = values
    }
}
