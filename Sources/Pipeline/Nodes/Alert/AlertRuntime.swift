import Alerting
import Models

/// Evaluates an alert node's levels for each point or batch of each group and publishes the
/// events to the node's topic and to its anonymous handler topic, as Kapacitor's `AlertNode`.
/// The points (or batches) of the events are emitted, with the state added as asked.
final class AlertRuntime: NodeRuntime, PointTaker {
    let node: AlertNode
    let name: String
    let context: TaskContext
    let conditions: AlertConditions
    let templates: AlertTemplates
    /// `main:<task>:<node>`, the topic of the node's own handlers; nil without handlers.
    let anonymousTopic: String?
    /// The topic set with `.topic()`; nil when unset.
    let topic: String?
    /// Each group's state, at the position `slots` gives for the group.
    private var states: [AlertState] = []
    /// The group of each entry of `states`.
    private var stateGroups: [GroupID] = []
    /// The position in `states` of each group.
    private var slots: [GroupID: Int] = [:]
    /// The group of the last point and its position in `states` (-1: none): consecutive points of
    /// one group find their state without hashing the group ID.
    private var lastGroup = GroupID.none
    private var lastSlot = -1
    /// Whether events are rendered: a topic takes them or `.messageField()` shows their message.
    let rendersEvents: Bool
    /// Whether events add their state to the emitted data.
    let augments: Bool
    /// Kapacitor's node statistics.
    private(set) var counts = AlertCounts()
    /// The inhibitors of every task (`context.inhibitors`), read per event without retaining
    /// them: their reference count is shared by every task's thread.
    private let inhibitors: Unmanaged<InhibitorLookup>

    init(_ node: AlertNode, name: String, context: TaskContext) throws(PipelineError) {
        if node.flapping && (node.flapLow > 1 || node.flapHigh > 1) {
            throw PipelineError("alert flap thresholds are percentages and should be between 0 and 1")
        }
        self.node = node
        self.name = name
        self.context = context
        conditions = try AlertConditions(node, clock: context.clock)
        do {
            templates = try AlertTemplates(id: node.id, message: node.message, details: node.details)
        } catch {
            throw PipelineError(error.message)
        }
        anonymousTopic = node.handlers.isEmpty ? nil : "\(context.taskMasterID):\(context.taskName):\(name)"
        topic = node.topic.isEmpty ? nil : node.topic
        rendersEvents = anonymousTopic != nil || topic != nil || !node.messageField.isEmpty
        augments = node.augments
        inhibitors = Unmanaged.passUnretained(context.inhibitors)
    }

    deinit {
        for state in states {
            for inhibitor in state.inhibitors { context.inhibitors.remove(inhibitor) }
        }
    }

    var cardinality: Int { states.count }

    var statistics: [String: Int64] { counts.statistics }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(let point):
            switch try alert(
                name: point.name, tags: point.tags, fields: point.fields, time: point.time, group: point.group,
                dimensions: point.dimensions)
            {
            case .nothing: break
            case .unchanged: if output.isObserved { output.emit(message) } else { output.countEmission() }
            case .augmented(let state):
                var emitted = point
                augment(&emitted.tags, with: state)
                augment(&emitted.fields, with: state)
                output.emit(.point(emitted))
            }
        case .batch(let batch):
            if let emitted = try alert(batch) { output.emit(.batch(emitted)) }
        case .deleteGroup(let group):
            removeState(of: group)
            output.emit(message)
        case .barrier:
            output.emit(message)
        }
    }

    /// A point `from` selected, as the message `.point` it stands for: the message is made only
    /// when the point goes on to a child. The point is only read, never retained, where no message
    /// is made: its storage is shared by every task it was written to.
    func receive(
        point: borrowing Point, time: Timestamp, group: borrowing GroupID, dimensions: borrowing Dimensions, output: NodeOutput
    ) throws(NodeError) {
        switch try alert(name: point.measurement, tags: point.tags, fields: point.fields, time: time, group: group, dimensions: dimensions) {
        case .nothing: break
        case .unchanged:
            guard output.isObserved else { return output.countEmission() }
            emit(point, time: time, group: group, dimensions: dimensions, augmentedWith: nil, output: output)
        case .augmented(let state):
            emit(point, time: time, group: group, dimensions: dimensions, augmentedWith: state, output: output)
        }
    }

    /// Emits the message a point `from` selected stands for, with the event's state added when given.
    @inline(never)
    private func emit(
        _ point: borrowing Point, time: Timestamp, group: borrowing GroupID, dimensions: borrowing Dimensions,
        augmentedWith state: EventState?, output: NodeOutput
    ) {
        var emitted = PointMessage(copy point, dimensions: copy dimensions, group: copy group)
        emitted.time = time
        if let state {
            augment(&emitted.tags, with: state)
            augment(&emitted.fields, with: state)
        }
        output.emit(.point(emitted))
    }

    /// What an alert node emits for a point.
    private enum Emission {
        /// No event fired.
        case nothing
        /// An event fired and the point goes on as it came.
        case unchanged
        /// An event fired and the point goes on with the event's state added.
        case augmented(EventState)
    }

    /// The position in `states` of the state of `group`, nil for a group not seen yet.
    @inline(__always)
    private func slot(of group: GroupID) -> Int? {
        if lastSlot >= 0 && group == lastGroup { return lastSlot }
        guard let slot = slots[group] else { return nil }
        lastGroup = group
        lastSlot = slot
        return slot
    }

    /// Adds the state of a new group; returns its position in `states`.
    private func insert(_ state: AlertState, for group: GroupID) -> Int {
        let slot = states.count
        states.append(state)
        stateGroups.append(group)
        slots[group] = slot
        lastGroup = group
        lastSlot = slot
        return slot
    }

    /// Drops a deleted group's state and inhibitors; the last state takes its position.
    private func removeState(of group: GroupID) {
        guard let slot = slots.removeValue(forKey: group) else { return }
        for inhibitor in states[slot].inhibitors { context.inhibitors.remove(inhibitor) }
        let last = states.count - 1
        if slot != last {
            states.swapAt(slot, last)
            stateGroups.swapAt(slot, last)
            slots[stateGroups[slot]] = slot
        }
        states.removeLast()
        stateGroups.removeLast()
        lastSlot = -1
    }

    /// What to emit for a point of measurement `name` in `group`, which `dimensions` make of it.
    /// The group's state is changed where it lies in `states`.
    @inline(__always)
    private func alert(
        name: borrowing String, tags: borrowing Tags, fields: borrowing Fields, time: Timestamp, group: borrowing GroupID,
        dimensions: borrowing Dimensions
    ) throws(NodeError) -> Emission {
        let slot: Int
        if let known = self.slot(of: group) {
            slot = known
        } else {
            slot = try addState(name: name, tags: tags, time: time, group: group, dimensions: dimensions)
        }
        return try alert(name: name, tags: tags, fields: fields, time: time, group: group, state: &states[slot])
    }

    /// Adds the state of a group not seen yet, its ID rendered for data of `name` and `tags`;
    /// returns its position in `states`.
    @inline(never)
    private func addState(
        name: borrowing String, tags: borrowing Tags, time: Timestamp, group: borrowing GroupID, dimensions: borrowing Dimensions
    ) throws(NodeError) -> Int {
        let id = try renderID(name: copy name, group: copy group, tags: copy tags)
        var state = newState(id: id, time: time, groupTags: dimensions.groupTags(copy tags))
        state.rendered(id, name: copy name, tags: copy tags)
        return insert(state, for: copy group)
    }

    private func alert(
        name: borrowing String, tags: borrowing Tags, fields: borrowing Fields, time: Timestamp, group: borrowing GroupID,
        state: inout AlertState
    ) throws(NodeError) -> Emission {
        if state.id == nil || state.idName != name || state.idTags != tags {
            try render(name: name, tags: tags, group: group, state: &state)
        }
        let level = conditions.level(fields: fields, tags: tags, time: time, current: state.currentLevel) {
            [unowned(unsafe) self] in self.context.onError(self.name, $0)
        }
        state.add(level, at: time)
        if (node.flapping && state.flapping) || (node.stateChangesOnly && !state.changed && !state.expired) { return .nothing }
        guard level != .ok || state.changed else { return .nothing }
        state.triggered(at: time)
        if node.noRecoveries && level == .ok { return .nothing }
        if rendersEvents {
            let event = try makeEvent(
                id: state.id ?? "", name: copy name, group: copy group, tags: copy tags, fields: copy fields, level: level,
                time: time, duration: state.duration, result: [Row(name: copy name, tags: copy tags, fields: copy fields, time: time)])
            publish(event)
            return augments ? .augmented(event.state) : .unchanged
        }
        // No topic takes the event and no field shows its message: count it, render nothing.
        _ = count(level, tags: tags)
        guard augments else { return .unchanged }
        return .augmented(EventState(id: state.id ?? "", message: "", details: "", time: time, duration: state.duration, level: level))
    }

    /// Renders the ID of the group of `state` for data of `name` and `tags`.
    @inline(never)
    private func render(name: borrowing String, tags: borrowing Tags, group: borrowing GroupID, state: inout AlertState) throws(NodeError) {
        let id = try renderID(name: copy name, group: copy group, tags: copy tags)
        state.rendered(id, name: copy name, tags: copy tags)
    }

    /// The batch with the event's state added when an event fires, else nil.
    private func alert(_ batch: Batch) throws(NodeError) -> Batch? {
        let id = try renderID(name: batch.name, group: batch.group, tags: batch.tags)
        let slot = slot(of: batch.group) ?? insert(newState(id: id, time: batch.tmax, groupTags: batch.tags), for: batch.group)
        return try alert(batch, id: id, state: &states[slot])
    }

    private func alert(_ batch: Batch, id: String, state: inout AlertState) throws(NodeError) -> Batch? {
        guard let first = batch.points.first else { return nil }
        var lowest = AlertLevel.critical
        var highest = AlertLevel.ok
        var highestPoint = first
        let current = state.currentLevel
        for (position, point) in batch.points.enumerated() {
            let level = conditions.level(fields: point.fields, tags: point.tags, time: point.time, current: current) {
                self.context.onError(self.name, $0)
            }
            lowest = min(lowest, level)
            if level > highest || position == 0 {
                highest = level
                highestPoint = point
            }
        }
        let level = node.all ? lowest : highest
        let time = node.all || level == .ok ? batch.tmax : highestPoint.time
        state.add(level, at: time)
        let suppressed = (node.flapping && state.flapping) || (node.stateChangesOnly && !state.changed && !state.expired)
        guard (state.changed && level == .ok) || (level != .ok && !suppressed) else { return nil }
        state.triggered(at: time)
        if node.noRecoveries && level == .ok { return nil }
        let event = try makeEvent(
            id: id, name: batch.name, group: batch.group, tags: batch.tags, fields: highestPoint.fields, level: level,
            time: time, duration: state.duration, result: [Row(batch)])
        publish(event)
        guard augments else { return batch }
        var emitted = batch
        augment(&emitted.tags, with: event.state)
        for index in emitted.points.indices {
            augment(&emitted.points[index].tags, with: event.state)
            augment(&emitted.points[index].fields, with: event.state)
        }
        return emitted
    }

    /// A new group's state, resuming the level its alert has in the node's topics (the anonymous
    /// topic first), and its inhibitors on the group's tags.
    private func newState(id: String, time: Timestamp, groupTags: Tags) -> AlertState {
        let inhibitors = node.inhibitors.map { inhibitor in
            Inhibitor(category: inhibitor.category, tags: Tags(inhibitor.equalTags.map { Tag($0, groupTags[$0] ?? "") }))
        }
        for inhibitor in inhibitors { context.inhibitors.add(inhibitor) }
        var state = AlertState(
            history: Int(clamping: node.history), flapLow: node.flapping ? node.flapLow : nil, flapHigh: node.flapHigh,
            maxInterval: node.stateChangesOnlyMaxInterval.nanosecondsValue, inhibitors: inhibitors)
        if let restored = restoredState(id: id), restored.level != .ok {
            state.add(restored.level, at: time)
            state.triggered(at: restored.time)
        }
        return state
    }

    /// The alert's state in the anonymous topic, else in the topic; the other topic is brought in line.
    private func restoredState(id: String) -> EventState? {
        let anonymous = anonymousTopic.flatMap { context.topics.eventState(topic: $0, id: id) }
        let named = topic.flatMap { context.topics.eventState(topic: $0, id: id) }
        if let anonymous, let named, anonymous.level != named.level, let topic {
            context.topics.updateEvent(topic: topic, anonymous)
        } else if anonymous == nil, let named, named.level != .ok, let anonymousTopic {
            context.topics.updateEvent(topic: anonymousTopic, named)
        }
        return anonymous ?? named
    }

    /// Counts the event and sends it to the node's topics, unless an inhibitor holds it back.
    private func publish(_ event: Event) {
        guard count(event.state.level, tags: event.data.tags) else { return }
        for topic in [anonymousTopic, topic].compactMap(\.self) {
            var event = event
            event.topic = topic
            if !context.topics.collect(event).isEmpty { counts.dropped += 1 }
        }
    }

    /// Counts an event of `level` for data with `tags`; false when an inhibitor holds it back.
    private func count(_ level: AlertLevel, tags: borrowing Tags) -> Bool {
        if inhibitors._withUnsafeGuaranteedRef({ $0.isInhibited(category: node.category, tags: tags) }) {
            counts.inhibited += 1
            return false
        }
        counts.count(level)
        return true
    }

    /// Adds the level and ID to tags as `.levelTag()` and `.idTag()` ask.
    private func augment(_ tags: inout Tags, with state: EventState) {
        if !node.levelTag.isEmpty { tags[node.levelTag] = state.level.description }
        if !node.idTag.isEmpty { tags[node.idTag] = state.id }
    }

    /// Adds the level, message, ID and duration to fields as the `...Field()` properties ask.
    private func augment(_ fields: inout Fields, with state: EventState) {
        if !node.levelField.isEmpty { fields[node.levelField] = .string(state.level.description) }
        if !node.messageField.isEmpty { fields[node.messageField] = .string(state.message) }
        if !node.idField.isEmpty { fields[node.idField] = .string(state.id) }
        if !node.durationField.isEmpty { fields[node.durationField] = .int(state.duration) }
    }
}

extension AlertNode {
    /// Whether events add anything to the emitted data.
    var augments: Bool {
        !levelTag.isEmpty || !levelField.isEmpty || !idTag.isEmpty || !idField.isEmpty || !durationField.isEmpty
            || !messageField.isEmpty
    }

    public func makeRuntime(_ context: TaskContext, name: String) throws(PipelineError) -> any NodeRuntime {
        try AlertRuntime(self, name: name, context: context)
    }
}
