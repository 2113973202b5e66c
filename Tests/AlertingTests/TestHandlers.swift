import Alerting
import Synchronization

/// A gate handlers wait at until a test opens it.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let open = state.withLock { state in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if open { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// Records the IDs of the events it handles; waits at `gate` first when given one, and tells
/// `started` when it begins handling.
final class RecordingHandler: AlertHandler {
    let gate: Gate?
    let started = Gate()
    private let handled = Mutex<[String]>([])

    init(gate: Gate? = nil) { self.gate = gate }

    func handle(_ event: Event) async throws {
        started.open()
        if let gate { await gate.wait() }
        handled.withLock { $0.append(event.state.id) }
    }

    var ids: [String] { handled.withLock { $0 } }
}

struct HandlerFailure: Error {}

/// Fails its first `failures` tries.
final class FlakyHandler: AlertHandler {
    private let remaining: Mutex<Int>
    init(failures: Int) { remaining = Mutex(failures) }

    func handle(_ event: Event) async throws {
        let fail = remaining.withLock { remaining in
            defer { remaining -= 1 }
            return remaining > 0
        }
        if fail { throw HandlerFailure() }
    }
}

/// A sleeper that returns at once and records how long it was asked to wait: an injected clock.
final class RecordingSleeper: RetrySleeper {
    private let delays = Mutex<[Int64]>([])

    func sleep(nanoseconds: Int64) async { delays.withLock { $0.append(nanoseconds) } }

    var waits: [Int64] { delays.withLock { $0 } }
}

func event(_ id: String, topic: String = "t", level: AlertLevel = .critical, time: Int64 = 0) -> Event {
    Event(
        topic: topic, state: EventState(id: id, message: "\(id) is \(level)", time: time, level: level),
        data: EventData(name: "cpu", taskName: "task"))
}

/// Records the IDs of the events a queue gave up.
final class RecordingFailures: Sendable {
    private let recorded = Mutex<[String]>([])
    func record(_ id: String) { recorded.withLock { $0.append(id) } }
    var ids: [String] { recorded.withLock { $0 } }
}

/// Starts events without completing them; the test completes them, in any order, by ID. Retries
/// (`handle`) succeed at once and are recorded.
final class ManualPipelinedHandler: PipelinedAlertHandler {
    let window: Int
    let total: Int
    /// Opened when `window` events are started.
    let full = Gate()
    /// Opened when `total` events are started.
    let allStarted = Gate()
    private let state = Mutex<(started: [String], deliveries: [String: PendingDelivery], retried: [String])>(([], [:], []))

    init(window: Int, total: Int) {
        self.window = window
        self.total = total
    }

    func start(_ event: Event) -> PendingDelivery {
        let delivery = PendingDelivery()
        let (open, started) = state.withLock { state in
            state.started.append(event.state.id)
            state.deliveries[event.state.id] = delivery
            return (state.deliveries.count, state.started.count)
        }
        if open == window { full.open() }
        if started == total { allStarted.open() }
        return delivery
    }

    func handle(_ event: Event) async throws {
        state.withLock { $0.retried.append(event.state.id) }
    }

    /// Completes the delivery of `id`, failing it when `failing`.
    func complete(_ id: String, failing: Bool = false) {
        let delivery = state.withLock { $0.deliveries.removeValue(forKey: id) }
        if failing { delivery?.fail(HandlerFailure()) } else { delivery?.succeed() }
    }

    var started: [String] { state.withLock { $0.started } }
    var retried: [String] { state.withLock { $0.retried } }
}
