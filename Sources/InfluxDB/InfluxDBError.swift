import Models

/// A failed InfluxDB request or a bad `[[influxdb]]` section, with InfluxDB's or Kapacitor's message.
public struct InfluxDBError: InfluxDBRequestError, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    /// The HTTP status InfluxDB answered with, nil when it answered none.
    public var status: Int?
    /// Whether no URL of the cluster could be reached.
    public var isUnreachable: Bool

    /// Creates an error.
    public init(_ message: String, status: Int? = nil, isUnreachable: Bool = false) {
        self.message = message
        self.status = status
        self.isUnreachable = isUnreachable
    }

    /// Unreachable, or a server error (5xx): a later retry may succeed.
    public var isTemporary: Bool { isUnreachable || (status ?? 0) >= 500 }

    public var description: String { message }
}
