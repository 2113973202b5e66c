import Synchronization

/// One registered handler behind its own bounded queue: `enqueue` never waits, events that find
/// the queue full are dropped and counted, a failing event is retried with backoff, then counted
/// as failed.
///
/// A plain handler runs in a Swift Task of its own, one event at a time. A
/// `PipelinedAlertHandler` is started on the thread that enqueues (or that settles an outcome
/// and so makes room), up to its `window` of events ahead of the oldest unsettled one, without a
/// hop to another thread; outcomes settle in event order on the thread that reports them, and
/// only a failed event goes to the queue's Task for its retries.
public final class HandlerQueue: Sendable {
    /// The handler.
    public let handler: any AlertHandler
    /// How many events wait at most.
    public let capacity: Int
    private let pipelined: (any PipelinedAlertHandler)?
    private let retry: RetryPolicy
    private let sleeper: any RetrySleeper
    private let onFailure: @Sendable (Event, any Error) -> Void
    private let state = Mutex(State())

    /// A started event of a pipelined handler, until it is settled.
    private struct Started {
        var event: Event
        /// Nil while the outcome is awaited; `.some(nil)` once handled.
        var outcome: (any Error)??
    }

    private struct State: ~Copyable {
        var events: [Event] = []
        var head = 0
        /// Events taken from the queue whose outcome is not settled yet.
        var inFlight = 0
        var closed = false
        var counters = HandlerCounters()
        var consumer: CheckedContinuation<Void, Never>?
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
        /// Pipelined: the started events in order, from `startedHead`; the first has sequence
        /// number `settledCount`.
        var started: [Started] = []
        var startedHead = 0
        var settledCount = 0
        /// Pipelined: whether a thread is starting events now.
        var starting = false
        /// Pipelined: the failed oldest event the queue's Task retries.
        var retrying: (event: Event, error: any Error)?

        var isEmpty: Bool { head == events.count }
        var isIdle: Bool { isEmpty && inFlight == 0 }

        mutating func pop() -> Event {
            let event = events[head]
            head += 1
            if head == events.count {
                events.removeAll(keepingCapacity: true)
                head = 0
            }
            return event
        }

        /// The oldest started event leaves.
        mutating func popStarted() {
            startedHead += 1
            settledCount += 1
            inFlight -= 1
            if startedHead == started.count {
                started.removeAll(keepingCapacity: true)
                startedHead = 0
            }
        }

        /// Takes the continuations to resume once no event is left.
        mutating func takeIdleWaiters() -> [CheckedContinuation<Void, Never>] {
            guard isIdle, !idleWaiters.isEmpty else { return [] }
            defer { idleWaiters = [] }
            return idleWaiters
        }
    }

    /// Starts `handler`'s queue; `onFailure` hears of each event given up.
    public init(
        _ handler: any AlertHandler, capacity: Int = 5000, retry: RetryPolicy = RetryPolicy(),
        sleeper: any RetrySleeper = SystemSleeper(), onFailure: @escaping @Sendable (Event, any Error) -> Void = { _, _ in }
    ) {
        self.handler = handler
        self.capacity = max(1, capacity)
        self.retry = retry
        self.sleeper = sleeper
        self.onFailure = onFailure
        if let pipelined = handler as? any PipelinedAlertHandler, pipelined.window > 1 {
            self.pipelined = pipelined
            Task { [self] in await runRetries() }
        } else {
            pipelined = nil
            Task { [self] in await run() }
        }
    }

    /// Queues `event` without waiting; false when the queue is full or closed (the event is dropped).
    @discardableResult
    public func enqueue(_ event: Event) -> Bool {
        let (accepted, consumer, start) = state.withLock { state -> (Bool, CheckedContinuation<Void, Never>?, Bool) in
            guard !state.closed, state.events.count - state.head < capacity else {
                state.counters.dropped += 1
                return (false, nil, false)
            }
            state.events.append(event)
            state.counters.enqueued += 1
            if pipelined != nil {
                guard !state.starting else { return (true, nil, false) }
                state.starting = true
                return (true, nil, true)
            }
            defer { state.consumer = nil }
            return (true, state.consumer, false)
        }
        consumer?.resume()
        if start, let pipelined { startQueued(pipelined) }
        return accepted
    }

    /// Stops taking events; those queued are still handled, then the queue's Task ends.
    public func close() {
        let consumer = state.withLock { state in
            state.closed = true
            defer { state.consumer = nil }
            return state.consumer
        }
        consumer?.resume()
    }

    /// The counts so far.
    public var counters: HandlerCounters { state.withLock { $0.counters } }

    /// Returns once no event is queued or being handled.
    public func waitUntilIdle() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { state in
                if state.isIdle { return true }
                state.idleWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    private func run() async {
        while let event = await next(limit: 1) {
            await deliver(event)
            settled()
        }
    }

    // MARK: Pipelined handlers

    /// Starts the queued events the window has room for, in order, as one batch per pass; the
    /// caller has set `starting`, which this clears once nothing more can start.
    private func startQueued(_ pipelined: any PipelinedAlertHandler) {
        while true {
            let (batch, first) = state.withLock { state -> ([Event], Int) in
                let room = pipelined.window - state.inFlight
                guard room > 0, !state.isEmpty else {
                    state.starting = false
                    return ([], 0)
                }
                let count = min(room, state.events.count - state.head)
                let batch = Array(state.events[state.head..<state.head + count])
                state.head += count
                if state.head == state.events.count {
                    state.events.removeAll(keepingCapacity: true)
                    state.head = 0
                }
                state.inFlight += count
                let first = state.settledCount + state.started.count - state.startedHead
                for event in batch { state.started.append(Started(event: event, outcome: nil)) }
                return (batch, first)
            }
            guard !batch.isEmpty else { return }
            for (offset, delivery) in pipelined.start(batch).enumerated() {
                let sequence = first + offset
                delivery.whenComplete { [self] error in outcome(error, of: sequence) }
            }
        }
    }

    /// Records the outcome of the started event number `sequence` and settles the oldest ones
    /// whose outcome is known: handled ones are counted, a failed one goes to the retry Task.
    private func outcome(_ error: (any Error)?, of sequence: Int) {
        let (waiters, consumer, start) = state.withLock { state in
            state.started[state.startedHead + sequence - state.settledCount].outcome = .some(error)
            return settleReady(&state)
        }
        finishSettling(waiters, consumer, start)
    }

    /// Settles the oldest started events with an outcome until one failed (handed to the retry
    /// Task) or one is awaited; says whom to wake and whether the caller should start events.
    private func settleReady(_ state: inout State)
        -> (waiters: [CheckedContinuation<Void, Never>], consumer: CheckedContinuation<Void, Never>?, start: Bool)
    {
        var consumer: CheckedContinuation<Void, Never>?
        while state.retrying == nil, state.startedHead < state.started.count,
              case .some(let result) = state.started[state.startedHead].outcome {
            if let error = result {
                state.retrying = (state.started[state.startedHead].event, error)
                consumer = state.consumer
                state.consumer = nil
            } else {
                state.counters.handled += 1
                state.popStarted()
            }
        }
        if state.closed && state.isIdle {
            consumer = state.consumer
            state.consumer = nil
        }
        let start = !state.starting && !state.isEmpty && state.inFlight < (pipelined?.window ?? 1)
        if start { state.starting = true }
        return (state.takeIdleWaiters(), consumer, start)
    }

    private func finishSettling(
        _ waiters: [CheckedContinuation<Void, Never>], _ consumer: CheckedContinuation<Void, Never>?, _ start: Bool
    ) {
        consumer?.resume()
        for waiter in waiters { waiter.resume() }
        if start, let pipelined { startQueued(pipelined) }
    }

    /// The queue's Task for a pipelined handler: retries each failed oldest event in turn until
    /// the queue is closed and idle.
    private func runRetries() async {
        while true {
            let work = state.withLock { state -> (retry: (event: Event, error: any Error)?, done: Bool) in
                (state.retrying, state.closed && state.isIdle)
            }
            if let retry = work.retry {
                await deliver(retry.event, firstError: retry.error)
                let (waiters, consumer, start) = state.withLock { state in
                    state.retrying = nil
                    state.popStarted()
                    return settleReady(&state)
                }
                finishSettling(waiters, consumer, start)
                continue
            }
            if work.done { return }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    guard state.retrying == nil, !(state.closed && state.isIdle) else { return true }
                    state.consumer = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
    }

    // MARK: Settling

    /// Marks one taken event settled: wakes the consumer waiting for room and, once nothing is
    /// left, those waiting for idleness.
    private func settled() {
        let (consumer, waiters) = state.withLock { state in
            state.inFlight -= 1
            let consumer = state.consumer
            state.consumer = nil
            return (consumer, state.takeIdleWaiters())
        }
        consumer?.resume()
        for waiter in waiters { waiter.resume() }
    }

    /// Tries `event` until it is handled, the tries run out or the error is permanent; the
    /// first try already failed with `firstError` when given.
    private func deliver(_ event: Event, firstError: (any Error)? = nil) async {
        var failure = 0
        var pending = firstError
        while true {
            do {
                if let error = pending {
                    pending = nil
                    throw error
                }
                try await handler.handle(event)
                state.withLock { $0.counters.handled += 1 }
                return
            } catch {
                failure += 1
                let permanent = (error as? any DeliveryError)?.isPermanent == true
                guard failure < retry.attempts, !permanent else {
                    state.withLock { $0.counters.failed += 1 }
                    onFailure(event, error)
                    return
                }
                state.withLock { $0.counters.retries += 1 }
                await sleeper.sleep(nanoseconds: retry.backoff(afterFailure: failure))
            }
        }
    }

    /// The next event once fewer than `limit` are in flight, counting it in flight; nil once
    /// closed and drained.
    private func next(limit: Int) async -> Event? {
        while true {
            let taken = state.withLock { state -> (event: Event?, done: Bool) in
                if !state.isEmpty && state.inFlight < limit {
                    state.inFlight += 1
                    return (state.pop(), false)
                }
                return (nil, state.isEmpty && state.closed)
            }
            if let event = taken.event { return event }
            if taken.done { return nil }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    let ready = !state.isEmpty && state.inFlight < limit
                    if !ready && !(state.isEmpty && state.closed) {
                        state.consumer = continuation
                        return false
                    }
                    return true
                }
                if resumeNow { continuation.resume() }
            }
        }
    }
}
