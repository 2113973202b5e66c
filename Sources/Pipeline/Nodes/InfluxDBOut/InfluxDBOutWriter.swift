import Models
import Synchronization

/// Sends an influxDBOut node's writes off the task's thread: a bounded FIFO of writes drained
/// by one background Swift Task at a time. A write failing for a temporary reason (InfluxDB
/// unreachable or failing) stays queued and is retried after a backoff measured on the task's
/// wall clock, so nothing is lost until the queue's bound; beyond it the oldest writes are
/// dropped and counted. Other failures (bad data, refused credentials) drop the write. Once the
/// task has stopped (`close()`), no tick comes any more: the writer retries on its own, after
/// real-time backoffs, `closedAttempts` times before it drops what is left.
final class InfluxDBOutWriter: Sendable {
    let access: any InfluxDBAccess
    let cluster: String
    /// What to create before the first write, when the node asks for it: `CREATE DATABASE`
    /// (with the retention policy as its default one), then, when the database existed without
    /// the retention policy, `CREATE RETENTION POLICY`.
    let createStatements: [String]
    /// How many points the queue holds at most, counting the write in flight.
    let capacity: Int
    let clock: any WallClock
    private let state: Mutex<State>

    /// The first and longest wait before a retry, in nanoseconds.
    static let initialBackoff: Int64 = 1_000_000_000
    static let maximumBackoff: Int64 = 60_000_000_000
    /// How many retries a stopped task's writer makes (about a minute of backoffs).
    static let closedAttempts = 6

    struct State: ~Copyable {
        var queue: [InfluxDBWrite] = []
        var head = 0
        var queuedPoints = 0
        var draining = false
        /// When the next retry may start; nil when not backing off.
        var retryAt: Timestamp?
        var backoff = InfluxDBOutWriter.initialBackoff
        var created: Bool
        var pointsWritten: Int64 = 0
        var writeErrors: Int64 = 0
        var dropped: Int64 = 0
        /// Problems not yet reported through the task.
        var problems: [String] = []
        /// Whether the task stopped, and the retries made since.
        var closed = false
        var closedRetries = 0

        init(created: Bool) { self.created = created }
    }

    init(access: any InfluxDBAccess, cluster: String, createStatements: [String], capacity: Int, clock: any WallClock) {
        self.access = access
        self.cluster = cluster
        self.createStatements = createStatements
        self.capacity = capacity
        self.clock = clock
        state = Mutex(State(created: createStatements.isEmpty))
    }

    /// Queues `write`, dropping the oldest queued writes when it would not fit, and starts a
    /// drain unless one runs or a retry waits for its time.
    func submit(_ write: InfluxDBWrite) {
        let start = state.withLock { state -> Bool in
            // The write in flight, at the head while draining, stays.
            let oldest = state.draining ? state.head + 1 : state.head
            while state.queuedPoints + write.points.count > capacity && oldest < state.queue.count {
                let count = state.queue[oldest].points.count
                if oldest == state.head { state.head += 1 } else { state.queue.remove(at: oldest) }
                state.queuedPoints -= count
                state.dropped += Int64(count)
            }
            guard state.queuedPoints + write.points.count <= capacity else {
                state.dropped += Int64(write.points.count)
                return false
            }
            state.queue.append(write)
            state.queuedPoints += write.points.count
            return Self.claimDrain(&state, now: nil)
        }
        if start { Task { await self.drain() } }
    }

    /// Starts the drain whose retry time has come, or the first `CREATE DATABASE`.
    func tick(_ now: Timestamp) {
        if state.withLock({ Self.claimDrain(&$0, now: now) }) { Task { await self.drain() } }
    }

    /// The task stopped: what is queued is still sent, retried without ticks.
    func close() {
        let retry = state.withLock { state -> Bool in
            state.closed = true
            return state.retryAt != nil && !state.draining
        }
        if retry { retryAfter(0) }
    }

    /// Retries a stopped task's writes after `nanoseconds` of real time.
    private func retryAfter(_ nanoseconds: Int64) {
        Task {
            try? await Task.sleep(for: .nanoseconds(nanoseconds))
            let start = self.state.withLock { state -> Bool in
                state.retryAt = nil
                return Self.claimDrain(&state, now: nil)
            }
            if start { await self.drain() }
        }
    }

    /// Whether a drain should start now: work is waiting, none runs and no retry is due later.
    private static func claimDrain(_ state: inout State, now: Timestamp?) -> Bool {
        guard !state.draining, state.head < state.queue.count || !state.created else { return false }
        if let retryAt = state.retryAt {
            guard let now, now >= retryAt else { return false }
        }
        state.retryAt = nil
        state.draining = true
        return true
    }

    /// Creates the database when asked, then sends the queued writes in order until the queue is
    /// empty or a write fails for a temporary reason.
    private func drain() async {
        if !state.withLock({ $0.created }) {
            for (index, statement) in createStatements.enumerated() {
                do {
                    _ = try await access.query(cluster: cluster, statement)
                    break
                } catch {
                    let isLast = index == createStatements.count - 1
                    // A database without the retention policy refuses the first statement: the second one adds it.
                    if (error as? any InfluxDBRequestError)?.isTemporary ?? true || isLast {
                        if failed(error, action: "failed to create database") { return }
                    }
                }
            }
            state.withLock { $0.created = true }
        }
        while let write = state.withLock({ state in state.head < state.queue.count ? state.queue[state.head] : nil }) {
            do {
                try await access.write(cluster: cluster, write)
                state.withLock { state in
                    state.pointsWritten += Int64(write.points.count)
                    state.backoff = Self.initialBackoff
                    Self.removeHead(&state)
                }
            } catch {
                if failed(error, action: "failed to write points to InfluxDB") { return }
                state.withLock { Self.removeHead(&$0) }
            }
        }
        state.withLock { $0.draining = false }
    }

    /// Counts and records a failure; when it is temporary, schedules the retry (by tick, or by
    /// itself once closed), ends the drain and returns true.
    private func failed(_ error: any Error, action: String) -> Bool {
        let temporary = (error as? any InfluxDBRequestError)?.isTemporary ?? true
        let now = clock.now()
        let outcome = state.withLock { state -> (stop: Bool, retry: Int64?) in
            state.writeErrors += 1
            state.problems.append("\(action): \(error)")
            if state.problems.count > 100 { state.problems.removeFirst(state.problems.count - 100) }
            guard temporary else { return (false, nil) }
            let delay = state.backoff
            state.retryAt = now + delay
            state.backoff = min(state.backoff * 2, Self.maximumBackoff)
            state.draining = false
            if state.closed {
                state.closedRetries += 1
                if state.closedRetries > Self.closedAttempts {
                    state.retryAt = nil
                    while state.head < state.queue.count {
                        state.dropped += Int64(state.queue[state.head].points.count)
                        Self.removeHead(&state)
                    }
                    return (true, nil)
                }
                return (true, delay)
            }
            return (true, nil)
        }
        if let delay = outcome.retry { retryAfter(delay) }
        return outcome.stop
    }

    private static func removeHead(_ state: inout State) {
        guard state.head < state.queue.count else { return }
        state.queuedPoints -= state.queue[state.head].points.count
        state.head += 1
        if state.head == state.queue.count || state.head >= 1024 {
            state.queue.removeFirst(state.head)
            state.head = 0
        }
    }

    /// The problems since the last call, for the task to report.
    func takeProblems() -> [String] {
        state.withLock { state in
            defer { state.problems = [] }
            return state.problems
        }
    }

    /// Points written, failed requests, points dropped and points still queued.
    var counts: (written: Int64, errors: Int64, dropped: Int64, queued: Int) {
        state.withLock { ($0.pointsWritten, $0.writeErrors, $0.dropped, $0.queuedPoints) }
    }
}
