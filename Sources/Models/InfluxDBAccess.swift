/// The configured InfluxDB clusters as tasks use them: batch tasks' queries and influxDBOut's writes.
/// Injected, so the pipeline and the engine do no I/O of their own.
public protocol InfluxDBAccess: Sendable {
    /// Runs an InfluxQL statement on the `[[influxdb]]` cluster named `cluster` (the default one
    /// when empty) and returns the series of its first result.
    func query(cluster: String, _ influxql: String) async throws -> [QuerySeries]

    /// Writes points to `database`.`retentionPolicy` of `cluster`: one request, line protocol at
    /// `precision` (`ns` when empty), `consistency` passed along when not empty.
    func write(cluster: String, _ write: InfluxDBWrite) async throws

    /// Why a task cannot use `cluster` (the default one when empty), in Kapacitor's wording, or
    /// nil when it exists: checked when a task starts, before any I/O.
    func clusterError(_ cluster: String) -> String?
}

extension InfluxDBAccess {
    /// Every cluster name is accepted; the first request fails when it does not exist.
    public func clusterError(_ cluster: String) -> String? { nil }
}

/// One write request of influxDBOut.
public struct InfluxDBWrite: Sendable, Equatable {
    public var database: String
    public var retentionPolicy: String
    public var precision: String
    public var consistency: String
    public var points: [Point]

    /// Creates a write request.
    public init(database: String, retentionPolicy: String, precision: String = "", consistency: String = "", points: [Point]) {
        self.database = database
        self.retentionPolicy = retentionPolicy
        self.precision = precision
        self.consistency = consistency
        self.points = points
    }
}

/// One series of a `/query` result, as InfluxDB returns it.
public struct QuerySeries: Sendable, Equatable {
    /// The measurement.
    public var name: String
    /// The series' GROUP BY tags.
    public var tags: [String: String]
    /// The column names; `time` first.
    public var columns: [String]
    /// One row per time: cells in column order, nil for JSON null; the `time` cell is `.int`
    /// nanoseconds since the epoch, JSON numbers without fraction or exponent are `.int`.
    public var values: [[FieldValue?]]

    /// Creates a series.
    public init(name: String, tags: [String: String] = [:], columns: [String], values: [[FieldValue?]]) {
        self.name = name
        self.tags = tags
        self.columns = columns
        self.values = values
    }
}

/// An error of an InfluxDB request that tells whether trying again later may succeed (InfluxDB
/// unreachable or failing) or not (bad data, unknown database, refused credentials).
public protocol InfluxDBRequestError: Error {
    /// Whether a retry may succeed.
    var isTemporary: Bool { get }
}
