import Alerting
import Dispatch
import Logging
import Storage
import Synchronization

/// Stores the topics' state changes off the alert tasks' path: a change is queued at once, and a
/// background writer stores what queued up within `delay` in one transaction, keeping only the
/// latest state of each alert (a SQLite transaction per event was most of an alert task's time at
/// high rates, and one per burst still 7 % of the CPU at 10 k events/s). A crash loses at most
/// the changes of the last `delay`; a stop stores everything (`flush`).
final class TopicStateWriter: Sendable {
    /// How long changes gather before they are stored.
    static let delay: DispatchTimeInterval = .milliseconds(20)

    private let store: Store
    private let logger: Logger
    private let pending = Mutex<(changes: [TopicChange], scheduled: Bool)>(([], false))
    private let queue = DispatchQueue(label: "condenser.topic-state-writer")

    /// A writer into `store` that logs failures to `logger`.
    init(store: Store, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Queues `change`; the writer stores it shortly.
    func record(_ change: TopicChange) {
        let schedule = pending.withLock { pending in
            pending.changes.append(change)
            defer { pending.scheduled = true }
            return !pending.scheduled
        }
        if schedule { queue.asyncAfter(deadline: .now() + Self.delay) { self.write() } }
    }

    /// Returns once every change queued so far is stored.
    func flush() {
        queue.sync { write() }
    }

    private func write() {
        var changes: [TopicChange] = []
        pending.withLock { pending in
            swap(&changes, &pending.changes)
            pending.scheduled = false
        }
        guard !changes.isEmpty else { return }
        do {
            try store.topicEvents.apply(Self.latest(changes))
        } catch {
            logger.error("failed to store alert state", metadata: ["error": "\(error)"])
        }
    }

    /// `changes` in order without the states a later change of the same alert, or a later
    /// deletion of its topic, replaces.
    static func latest(_ changes: [TopicChange]) -> [TopicEventChange] {
        var seen = Set<[String]>()
        var deleted = Set<String>()
        var kept: [TopicEventChange] = []
        for change in changes.reversed() {
            switch change {
            case .state(let topic, let state):
                guard !deleted.contains(topic), seen.insert([topic, state.id]).inserted else { continue }
                kept.append(.save(TopicEventRecord(
                    topic: topic, id: state.id, message: state.message, details: state.details, time: state.time,
                    duration: state.duration, level: state.level.description)))
            case .deleted(let topic):
                deleted.insert(topic)
                kept.append(.deleteAll(topic: topic))
            }
        }
        return kept.reversed()
    }
}
