import Synchronization

/// A handler that can start an event before the previous one is done, sending events in the
/// order they were started (HTTP/1.1 pipelining on one connection): its queue keeps up to
/// `window` events in flight and settles their outcomes in order.
public protocol PipelinedAlertHandler: AlertHandler {
    /// How many started events may await their outcome at once.
    var window: Int { get }

    /// Starts handling `event` without waiting for it: the events of successive calls go out in
    /// call order. The outcome arrives through the returned delivery.
    func start(_ event: Event) -> PendingDelivery

    /// Starts `events` in order, as `start(_:)` each; a handler may send them together.
    func start(_ events: [Event]) -> [PendingDelivery]
}

extension PipelinedAlertHandler {
    /// Starts each event in turn.
    public func start(_ events: [Event]) -> [PendingDelivery] { events.map { start($0) } }
}

/// The outcome of one started event: completed once by the handler, then either awaited once or
/// passed to one callback.
public final class PendingDelivery: Sendable {
    private enum State {
        case waiting(CheckedContinuation<Void, any Error>?)
        case callback(@Sendable ((any Error)?) -> Void)
        case done((any Error)?)
    }

    private let state = Mutex(State.waiting(nil))

    /// A delivery not completed yet.
    public init() {}

    /// Records that the event was handled.
    public func succeed() { complete(nil) }

    /// Records that handling the event failed with `error`.
    public func fail(_ error: any Error) { complete(error) }

    /// Returns once the delivery is completed; throws its error.
    public func wait() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let outcome = state.withLock { state -> (any Error)?? in
                switch state {
                case .done(let error): return .some(error)
                case .waiting, .callback:
                    state = .waiting(continuation)
                    return .none
                }
            }
            switch outcome {
            case .none: break
            case .some(nil): continuation.resume()
            case .some(let error?): continuation.resume(throwing: error)
            }
        }
    }

    /// Calls `body` with the outcome (nil when handled) on the thread that completes the
    /// delivery, or at once when it is already completed.
    public func whenComplete(_ body: @escaping @Sendable ((any Error)?) -> Void) {
        let outcome = state.withLock { state -> (any Error)?? in
            switch state {
            case .done(let error): return .some(error)
            case .waiting, .callback:
                state = .callback(body)
                return .none
            }
        }
        if case .some(let error) = outcome { body(error) }
    }

    private func complete(_ error: (any Error)?) {
        let waiter = state.withLock { state -> State? in
            switch state {
            case .done: return nil
            case .waiting, .callback:
                defer { state = .done(error) }
                return state
            }
        }
        switch waiter {
        case .waiting(let continuation?)?:
            if let error { continuation.resume(throwing: error) } else { continuation.resume() }
        case .callback(let body)?: body(error)
        default: break
        }
    }
}
