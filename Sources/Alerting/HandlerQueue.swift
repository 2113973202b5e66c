import Synchronization

/// One registered handler behind its own bounded queue and Swift Task: `enqueue` never waits,
/// events that find the queue full are dropped and counted, a failing event is retried with
/// backoff, then counted as failed. A `PipelinedAlertHandler` gets up to its `window` of events
/// started before the first outcome arrives; outcomes and retries are settled in event order.
public final class HandlerQueue: Sendable {
    /// The handler.
    public let handler: any AlertHandler
    /// How many events wait at most.
    public let capacity: Int
    private let retry: RetryPolicy
    private let sleeper: any RetrySleeper
    private let onFailure: @Sendable (Event, any Error) -> Void
    private let state = Mutex(State())

    private struct State: ~Copyable {
        var events: [Event] = []
        var head = 0
        /// Events taken from the queue whose outcome is not settled yet.
        var inFlight = 0
        var closed = false
        var counters = HandlerCounters()
        var consumer: CheckedContinuation<Void, Never>?
        var idleWaiters: [CheckedContinuation<Void, Never>] = []

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
        Task { [self] in await run() }
    }

    /// Queues `event` without waiting; false when the queue is full or closed (the event is dropped).
    @discardableResult
    public func enqueue(_ event: Event) -> Bool {
        let (accepted, consumer) = state.withLock { state -> (Bool, CheckedContinuation<Void, Never>?) in
            guard !state.closed, state.events.count - state.head < capacity else {
                state.counters.dropped += 1
                return (false, nil)
            }
            state.events.append(event)
            state.counters.enqueued += 1
            defer { state.consumer = nil }
            return (true, state.consumer)
        }
        consumer?.resume()
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
        if let pipelined = handler as? any PipelinedAlertHandler, pipelined.window > 1 {
            await runPipelined(pipelined)
            return
        }
        while let event = await next(limit: 1) {
            await deliver(event, started: nil)
            settled()
        }
    }

    /// Starts events as they come, up to the handler's window ahead of the oldest unsettled
    /// one, while a child task settles their outcomes in order.
    private func runPipelined(_ pipelined: any PipelinedAlertHandler) async {
        let (started, starts) = AsyncStream.makeStream(of: (Event, PendingDelivery).self)
        await withDiscardingTaskGroup { group in
            group.addTask { [self] in
                for await (event, delivery) in started {
                    await deliver(event, started: delivery)
                    settled()
                }
            }
            while let event = await next(limit: pipelined.window) {
                starts.yield((event, pipelined.start(event)))
            }
            starts.finish()
        }
    }

    /// Marks one taken event settled: wakes the consumer waiting for room and, once nothing is
    /// left, those waiting for idleness.
    private func settled() {
        let (consumer, waiters) = state.withLock { state in
            state.inFlight -= 1
            let consumer = state.consumer
            state.consumer = nil
            guard state.isIdle else { return (consumer, [CheckedContinuation<Void, Never>]()) }
            defer { state.idleWaiters = [] }
            return (consumer, state.idleWaiters)
        }
        consumer?.resume()
        for waiter in waiters { waiter.resume() }
    }

    /// Tries `event` until it is handled, the tries run out or the error is permanent; the
    /// first try is `started` when the handler already started it.
    private func deliver(_ event: Event, started: PendingDelivery?) async {
        var failure = 0
        while true {
            do {
                if failure == 0, let started { try await started.wait() } else { try await handler.handle(event) }
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
