import Dispatch

extension InfluxD {
    /// Starts an influxd as `init(database:)` does, on a Dispatch thread: the start polls with
    /// blocking sockets and sleeps, which on Swift's cooperative threads (one per core) would
    /// stall the other tests running in parallel.
    public static func start(database: String = "condenser") async throws -> InfluxD {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try InfluxD(database: database) })
            }
        }
    }
}
