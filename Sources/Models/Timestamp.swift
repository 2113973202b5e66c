/// Nanoseconds since the Unix epoch, as InfluxDB stores time.
public typealias Timestamp = Int64

/// The unit of a line-protocol timestamp, as the `precision` parameter of `/write` names it.
public enum Precision: String, Sendable, CaseIterable {
    case nanoseconds = "n"
    case microseconds = "u"
    case milliseconds = "ms"
    case seconds = "s"
    case minutes = "m"
    case hours = "h"

    /// Parses the `precision` query parameter; `ns`, `us` and `µ` are accepted as InfluxDB does.
    public init?(parameter: String) {
        switch parameter {
        case "", "n", "ns": self = .nanoseconds
        case "u", "us", "µ": self = .microseconds
        case "ms": self = .milliseconds
        case "s": self = .seconds
        case "m": self = .minutes
        case "h": self = .hours
        default: return nil
        }
    }

    /// Nanoseconds in one unit.
    @inlinable
    public var nanoseconds: Int64 {
        switch self {
        case .nanoseconds: 1
        case .microseconds: 1_000
        case .milliseconds: 1_000_000
        case .seconds: 1_000_000_000
        case .minutes: 60_000_000_000
        case .hours: 3_600_000_000_000
        }
    }
}
