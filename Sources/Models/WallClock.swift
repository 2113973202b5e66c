import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A source of the current time, injected so that tests can move time by hand.
public protocol WallClock: Sendable {
    /// The current time in nanoseconds since the Unix epoch.
    func now() -> Timestamp
}

/// The system's real-time clock.
public struct SystemClock: WallClock {
    /// Creates the system clock.
    public init() {}

    /// The current time from `clock_gettime(CLOCK_REALTIME)`.
    public func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}

/// A clock that only moves when told to.
public final class ManualClock: WallClock {
    private let current: Mutex<Timestamp>

    /// Creates a clock showing `start`.
    public init(_ start: Timestamp = 0) { current = Mutex(start) }

    /// The time the clock shows.
    public func now() -> Timestamp { current.withLock { $0 } }

    /// Moves the clock forward by `nanoseconds`.
    public func advance(by nanoseconds: Int64) { current.withLock { $0 += nanoseconds } }

    /// Sets the clock to `time`.
    public func set(_ time: Timestamp) { current.withLock { $0 = time } }
}
