import Models
import Synchronization

/// Inhibits the alerts of a category whose tags match while the alert that owns it is raised
/// (`.inhibit(category, tags...)`: one inhibitor per group of the inhibiting alert node).
public final class Inhibitor: Sendable {
    /// The category it inhibits.
    public let category: String
    /// The tag values an inhibited alert must have (the owner group's values of the equal tags).
    public let tags: Tags
    private let active = Atomic<Bool>(false)

    /// An inhibitor of `category` alerts with `tags`, inactive.
    public init(category: String, tags: Tags) {
        self.category = category
        self.tags = tags
    }

    /// Activates (the owning alert is not OK) or deactivates it.
    public func set(_ inhibited: Bool) { active.store(inhibited, ordering: .relaxed) }

    /// Whether it is active and matches an alert of `category` with `tags`.
    public func inhibits(category: String, tags: Tags) -> Bool {
        guard active.load(ordering: .relaxed), category == self.category else { return false }
        return self.tags.allSatisfy { tags[$0.key] ?? "" == $0.value }
    }
}

/// Every inhibitor of the running tasks, by category.
public final class InhibitorLookup: Sendable {
    private let inhibitors = Mutex<[String: [Inhibitor]]>([:])
    /// How many inhibitors there are: with none, a lookup takes no lock (every alert event asks).
    private let count = Atomic<Int>(0)

    /// An empty lookup.
    public init() {}

    /// Whether an active inhibitor matches an alert of `category` with `tags`.
    public func isInhibited(category: String, tags: Tags) -> Bool {
        guard count.load(ordering: .acquiring) > 0 else { return false }
        return inhibitors.withLock { $0[category] ?? [] }.contains { $0.inhibits(category: category, tags: tags) }
    }

    /// Adds an inhibitor.
    public func add(_ inhibitor: Inhibitor) {
        inhibitors.withLock { $0[inhibitor.category, default: []].append(inhibitor) }
        count.add(1, ordering: .releasing)
    }

    /// Removes an inhibitor (its owning group is gone or its task stopped).
    public func remove(_ inhibitor: Inhibitor) {
        let removed = inhibitors.withLock { inhibitors in
            let before = inhibitors[inhibitor.category]?.count ?? 0
            inhibitors[inhibitor.category]?.removeAll { $0 === inhibitor }
            return before - (inhibitors[inhibitor.category]?.count ?? 0)
        }
        count.subtract(removed, ordering: .releasing)
    }
}
