/// Takes action on alert events: posts them, mails them, writes them to a file. Every handler
/// runs behind its own `HandlerQueue`, so a slow one never holds up a task or another handler;
/// a thrown error makes the queue retry the event.
public protocol AlertHandler: Sendable {
    /// Handles one event.
    func handle(_ event: Event) async throws
}

/// A handler error that may say retrying cannot help: a disabled service, a rejected request.
public protocol DeliveryError: Error {
    /// Whether the same event would fail again however often it is tried.
    var isPermanent: Bool { get }
}

/// How a handler queue retries an event whose handler threw: up to `attempts` tries, waiting
/// `initialBackoff` after the first failure and twice as long after each next one, at most
/// `maxBackoff`.
public struct RetryPolicy: Sendable, Equatable {
    /// Tries per event, the first included (1: no retry).
    public var attempts: Int
    /// The wait after the first failure, in nanoseconds.
    public var initialBackoff: Int64
    /// The longest wait, in nanoseconds.
    public var maxBackoff: Int64

    /// Creates a policy; the default tries 3 times, waiting 1s then 2s.
    public init(attempts: Int = 3, initialBackoff: Int64 = 1_000_000_000, maxBackoff: Int64 = 30_000_000_000) {
        self.attempts = max(1, attempts)
        self.initialBackoff = max(0, initialBackoff)
        self.maxBackoff = max(self.initialBackoff, maxBackoff)
    }

    /// The wait after failed try number `failure` (1 for the first).
    public func backoff(afterFailure failure: Int) -> Int64 {
        var delay = initialBackoff
        for _ in 1..<max(1, failure) {
            guard delay < maxBackoff / 2 else { return maxBackoff }
            delay *= 2
        }
        return min(delay, maxBackoff)
    }
}

/// Waits between retries; injected so that tests control time instead of sleeping.
public protocol RetrySleeper: Sendable {
    /// Waits `nanoseconds`.
    func sleep(nanoseconds: Int64) async
}

/// Waits on the system's clock.
public struct SystemSleeper: RetrySleeper {
    /// Creates the sleeper.
    public init() {}

    public func sleep(nanoseconds: Int64) async {
        try? await Task.sleep(for: .nanoseconds(nanoseconds))
    }
}

/// The counts of one handler queue, as its statistics.
public struct HandlerCounters: Sendable, Equatable {
    /// Events accepted into the queue.
    public var enqueued: Int64 = 0
    /// Events the handler handled.
    public var handled: Int64 = 0
    /// Tries repeated after a failure.
    public var retries: Int64 = 0
    /// Events given up after the last try failed.
    public var failed: Int64 = 0
    /// Events refused because the queue was full.
    public var dropped: Int64 = 0

    /// Zero counts.
    public init() {}
}
