import Alerting
import Models

/// The state of one group of an alert node, as Kapacitor's `alertState`: a ring of the last
/// levels (flapping detection looks at its changes), whether the level just changed, when the
/// alert was first and last triggered, and the group's inhibitors.
struct AlertState {
    /// The newest change weighs `weightDiff` times more than the oldest.
    static let weightDiff = 1.5
    /// The weight of the newest change.
    static let maxWeight = 1.2

    private(set) var history: [AlertLevel]
    private(set) var index = 0
    private(set) var flapping = false
    private(set) var changed = false
    private(set) var expired = false
    private(set) var firstTriggered: Timestamp = 0
    private(set) var lastTriggered: Timestamp = 0
    let inhibitors: [Inhibitor]
    /// The ID last rendered for the group, with the measurement and tags it was rendered for: the
    /// `.id()` template reads nothing else that varies within a group.
    var id: String?
    var idName = ""
    var idTags = Tags()
    let flapLow: Double?
    let flapHigh: Double
    let maxInterval: Int64

    /// A state remembering `history` levels (at least 2), detecting flapping between `flapLow`
    /// and `flapHigh` when `flapLow` is set, expiring `.stateChangesOnly()` after `maxInterval` ns (0: never).
    init(history: Int, flapLow: Double?, flapHigh: Double, maxInterval: Int64, inhibitors: [Inhibitor]) {
        self.history = Array(repeating: .ok, count: max(2, history))
        self.flapLow = flapLow
        self.flapHigh = flapHigh
        self.maxInterval = maxInterval
        self.inhibitors = inhibitors
    }

    /// Keeps the ID rendered for data of `name` and `tags`.
    mutating func rendered(_ id: String, name: String, tags: Tags) {
        self.id = id
        idName = name
        idTags = tags
    }

    /// The latest level.
    var currentLevel: AlertLevel { history[index] }

    /// How long the alert has been raised: from its first trigger since OK to its last.
    var duration: Int64 { lastTriggered - firstTriggered }

    /// Records `level` at data time `time`.
    mutating func add(_ level: AlertLevel, at time: Timestamp) {
        changed = history[index] != level
        index = (index + 1) % history.count
        history[index] = level
        if let flapLow {
            let change = percentChange
            if flapping && change < flapLow {
                flapping = false
            } else if !flapping && change > flapHigh {
                flapping = true
            }
        }
        expired = !changed && maxInterval != 0 && time - lastTriggered >= maxInterval
    }

    /// Records that an event was sent at `time`: a first trigger since OK starts the duration;
    /// the inhibitors follow the level.
    mutating func triggered(at time: Timestamp) {
        lastTriggered = time
        let previous = index == 0 ? history.count - 1 : index - 1
        if history[previous] == .ok { firstTriggered = time }
        let raised = history[index] != .ok
        for inhibitor in inhibitors { inhibitor.set(raised) }
    }

    /// The weighted share of level changes in the history, newer changes weighing more.
    var percentChange: Double {
        let count = history.count
        var changes = 0.0
        var weight = Self.maxWeight / Self.weightDiff
        let step = (Self.maxWeight - weight) / Double(count - 1)
        for offset in 0..<(count - 1) {
            let current = (offset + index) % count
            let previous = current == 0 ? count - 1 : current - 1
            if history[current] != history[previous] { changes += weight }
            weight += step
        }
        return changes / Double(count - 1)
    }
}
