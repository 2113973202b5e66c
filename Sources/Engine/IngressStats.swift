import Models
import Synchronization

/// Counts the points received per database, retention policy and measurement (Kapacitor's
/// `ingress` statistic).
public final class IngressStats: Sendable {
    /// One counter's key.
    public struct Key: Sendable, Hashable {
        /// The database.
        public var database: String
        /// The retention policy.
        public var retentionPolicy: String
        /// The measurement.
        public var measurement: String

        /// Creates a key.
        public init(database: String, retentionPolicy: String, measurement: String) {
            self.database = database
            self.retentionPolicy = retentionPolicy
            self.measurement = measurement
        }
    }

    private let counts = Mutex<[Key: Int64]>([:])

    /// Creates empty counters.
    public init() {}

    /// Counts `points`, all written to `dbrp`; runs of one measurement take the lock once.
    public func record(_ points: [Point], dbrp: DBRP) {
        guard !points.isEmpty else { return }
        var runs: [(String, Int64)] = []
        var current = points[0].measurement
        var length: Int64 = 0
        // By index: iterating would copy each point, retaining its tag and field storage.
        for index in points.indices {
            let measurement = points[index].measurement
            if measurement != current {
                runs.append((current, length))
                current = measurement
                length = 0
            }
            length += 1
        }
        runs.append((current, length))
        counts.withLock { counts in
            for (measurement, count) in runs {
                counts[Key(database: dbrp.db, retentionPolicy: dbrp.rp, measurement: measurement), default: 0] += count
            }
        }
    }

    /// A copy of every counter.
    public func snapshot() -> [Key: Int64] { counts.withLock { $0 } }

    /// The total of all counters.
    public var total: Int64 { counts.withLock { $0.values.reduce(0, +) } }
}
