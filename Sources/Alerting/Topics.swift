import Synchronization

/// The alert topics of a server: per topic the latest state of each alert ID, the number of
/// events collected, and the handlers events are delivered to, each behind its own queue.
public final class Topics: Sendable {
    /// How many events each handler queue holds (Kapacitor's default 5000, at least 1000).
    public let bufferSize: Int
    private let retry: RetryPolicy
    private let sleeper: any RetrySleeper
    private let topics = Mutex<[String: Topic]>([:])
    // The closure is kept in a struct: a `Mutex` of an optional closure read with `withLock { $0 }`
    // stores back a reabstraction thunk around it at each read (Swift 6.3), so every notification
    // went through one more thunk than the last, quadratic in the events collected.
    private let observer = Mutex<Observer?>(nil)

    /// What `observe` installed.
    private struct Observer: Sendable {
        let body: @Sendable (TopicChange) -> Void
    }

    /// One topic.
    struct Topic {
        var events: [String: EventState] = [:]
        var collected: Int64 = 0
        var handlers: [(id: String, queue: HandlerQueue, match: EventMatch?)] = []

        var level: AlertLevel { events.values.map(\.level).max() ?? .ok }
    }

    /// An empty registry whose handler queues hold `bufferSize` events and retry with `retry`.
    public init(bufferSize: Int = 5000, retry: RetryPolicy = RetryPolicy(), sleeper: any RetrySleeper = SystemSleeper()) {
        self.bufferSize = bufferSize < 1000 ? 5000 : bufferSize
        self.retry = retry
        self.sleeper = sleeper
    }

    /// Stores `event`'s state in its topic (created when new), counts it and queues it to every
    /// handler of the topic whose match accepts it. Returns the IDs of the handlers whose queue was full.
    @discardableResult
    public func collect(_ event: Event) -> [String] {
        let (event, handlers) = topics.withLock { topics in
            // Mutated in place: a copy of the topic would copy its states on every event.
            var event = event
            event.previousState = topics[event.topic, default: Topic()].events.updateValue(event.state, forKey: event.state.id)
            topics[event.topic, default: Topic()].collected += 1
            return (event, topics[event.topic, default: Topic()].handlers)
        }
        // Handlers first: the observer may write the state to disk.
        let full = handlers.filter { ($0.match?(event) ?? true) && !$0.queue.enqueue(event) }.map(\.id)
        notify(.state(topic: event.topic, event.state))
        return full
    }

    /// Calls `body` with every change of a stored state (collected, updated or deleted), outside the
    /// lock, on the caller's thread: how the engine persists topic states. Replaces an earlier observer.
    public func observe(_ body: @escaping @Sendable (TopicChange) -> Void) {
        observer.withLock { $0 = Observer(body: body) }
    }

    /// Puts states read back from storage into `topic` without telling the observer.
    public func restore(topic: String, _ states: [EventState]) {
        topics.withLock { topics in
            for state in states { topics[topic, default: Topic()].events[state.id] = state }
        }
    }

    private func notify(_ change: TopicChange) {
        observer.withLock { $0 }?.body(change)
    }

    /// The latest state of alert `id` in `topic`.
    public func eventState(topic: String, id: String) -> EventState? {
        topics.withLock { $0[topic]?.events[id] }
    }

    /// The states in `topic` of at least `minLevel`, most severe first then by ID; nil without the topic.
    public func eventStates(topic: String, minLevel: AlertLevel = .ok) -> [EventState]? {
        guard let events = topics.withLock({ $0[topic]?.events }) else { return nil }
        return events.values.filter { $0.level >= minLevel }.sorted {
            $0.level != $1.level ? $0.level > $1.level : $0.id < $1.id
        }
    }

    /// Sets the state of an alert in `topic` without collecting an event (a restored state).
    public func updateEvent(topic: String, _ state: EventState) {
        topics.withLock { $0[topic, default: Topic()].events[state.id] = state }
        notify(.state(topic: topic, state))
    }

    /// The topics whose ID `matches` and whose level is at least `minLevel`, sorted by ID.
    public func summaries(minLevel: AlertLevel = .ok, matching matches: (String) -> Bool = { _ in true }) -> [TopicSummary] {
        topics.withLock { topics in
            topics.filter { matches($0.key) && $0.value.level >= minLevel }
                .map { TopicSummary(id: $0.key, level: $0.value.level, collected: $0.value.collected) }
        }.sorted { $0.id < $1.id }
    }

    /// Topic `id`'s level and count, or nil when there is no such topic.
    public func summary(_ id: String) -> TopicSummary? {
        topics.withLock { $0[id].map { TopicSummary(id: id, level: $0.level, collected: $0.collected) } }
    }

    /// Creates topic `id` when it does not exist.
    public func ensure(_ id: String) {
        topics.withLock { topics in
            if topics[id] == nil { topics[id] = Topic() }
        }
    }

    /// Deletes topic `id` with its states; its handler queues finish what they hold and stop.
    public func delete(_ id: String) {
        let removed = topics.withLock { $0.removeValue(forKey: id) }
        for handler in removed?.handlers ?? [] { handler.queue.close() }
        notify(.deleted(topic: id))
    }

    /// Adds `handler` to `topic` (created when new) under `id`, replacing a handler of that ID; with
    /// `match`, only the events it accepts reach the handler's queue.
    public func register(_ handler: any AlertHandler, id: String, topic: String, match: EventMatch? = nil) {
        let queue = HandlerQueue(handler, capacity: bufferSize, retry: retry, sleeper: sleeper)
        let replaced = topics.withLock { topics -> HandlerQueue? in
            var entry = topics[topic] ?? Topic()
            let old = entry.handlers.first { $0.id == id }?.queue
            entry.handlers.removeAll { $0.id == id }
            entry.handlers.append((id, queue, match))
            topics[topic] = entry
            return old
        }
        replaced?.close()
    }

    /// Removes handler `id` from `topic`; its queue finishes what it holds.
    public func deregister(id: String, topic: String) {
        let removed = topics.withLock { topics -> HandlerQueue? in
            guard let index = topics[topic]?.handlers.firstIndex(where: { $0.id == id }) else { return nil }
            return topics[topic]?.handlers.remove(at: index).queue
        }
        removed?.close()
    }

    /// The queue of handler `id` in `topic`.
    public func handlerQueue(id: String, topic: String) -> HandlerQueue? {
        topics.withLock { $0[topic]?.handlers.first { $0.id == id }?.queue }
    }
}

/// What the topics API lists of a topic.
public struct TopicSummary: Sendable, Equatable {
    /// The topic ID.
    public var id: String
    /// The highest level of its alerts.
    public var level: AlertLevel
    /// Events collected.
    public var collected: Int64

    /// Creates a summary.
    public init(id: String, level: AlertLevel, collected: Int64) {
        self.id = id
        self.level = level
        self.collected = collected
    }
}

/// Decides whether an event reaches a handler (a topic handler's `match` expression).
public typealias EventMatch = @Sendable (Event) -> Bool

/// A change of the stored alert states of the topics.
public enum TopicChange: Sendable, Equatable {
    /// Alert `state.id` of `topic` has this state now.
    case state(topic: String, EventState)
    /// `topic` and its states are gone.
    case deleted(topic: String)
}
