import Models

/// Emits barriers per group from timers on the task clock, as Kapacitor's barrier node does from
/// its goroutines' timers:
/// - `idle`: once a group has had nothing for `idle` of clock time, a barrier at its last data
///   time plus `idle` (then plus `idle` again at each further idle period);
/// - `period`: every `period` of clock time since the group appeared, a barrier at the clock's time.
/// Data older than the group's last barrier is dropped. With `delete`, the group is deleted right
/// after its barrier. Timers fire when the runner ticks and, reading the task clock, before each
/// message; a timer overdue by several periods fires once, as a Go timer or ticker does.
final class BarrierRuntime: NodeRuntime {
    let idle: Int64
    let period: Int64
    let delete: Bool
    let clock: any WallClock
    var groups: [GroupID: Timer] = [:]
    /// Group IDs in creation order, so that timers due together fire in that order.
    var order: [GroupID] = []
    /// No timer is due before this clock time.
    var nextDue = Timestamp.max

    /// One group's timer.
    struct Timer {
        /// When the timer fires, on the task clock.
        var due: Timestamp
        /// The data time the next idle barrier counts from.
        var lastData: Timestamp
        /// The time of the last barrier; older data is dropped.
        var lastBarrier = Timestamp.min
    }

    init(_ node: BarrierNode, clock: any WallClock) {
        idle = node.idle.nanosecondsValue
        period = node.period.nanosecondsValue
        delete = node.delete
        self.clock = clock
    }

    var cardinality: Int { groups.count }

    func tick(_ now: Timestamp, output: NodeOutput) {
        guard now >= nextDue else { return }
        nextDue = .max
        for id in order {
            guard var timer = groups[id] else { continue }
            if timer.due <= now {
                if idle > 0 {
                    timer.lastData += idle
                    timer.lastBarrier = timer.lastData
                    timer.due = now + idle
                } else {
                    timer.lastBarrier = now
                    timer.due += period * ((now - timer.due) / period + 1)
                }
                groups[id] = timer
                output.emit(.barrier(group: id, time: timer.lastBarrier))
                if delete {
                    remove(id)
                    output.emit(.deleteGroup(id))
                    continue
                }
            }
            nextDue = Swift.min(nextDue, timer.due)
        }
    }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        tick(clock.now(), output: output)
        switch message {
        case .point(let point):
            if admit(point.time, group: point.group) { output.emit(message) }
        case .batch(var batch):
            _ = timer(batch.group)
            batch.points = batch.points.filter { admit($0.time, group: batch.group) }
            output.emit(.batch(batch))
        case .barrier(let group, let time):
            guard admit(time, group: group) else { return }
            if idle > 0 { groups[group]?.lastBarrier = time }
            output.emit(message)
        case .deleteGroup(let group):
            guard groups[group] != nil else { return }
            remove(group)
            output.emit(message)
        }
    }

    /// Whether data of `time` passes (it is not older than the last barrier); passing data
    /// restarts an idle timer.
    private func admit(_ time: Timestamp, group: GroupID) -> Bool {
        var timer = timer(group)
        guard time >= timer.lastBarrier else { return false }
        if idle > 0 {
            timer.due = clock.now() + idle
            timer.lastData = time
            groups[group] = timer
        }
        return true
    }

    /// The group's timer, started now when the group is new.
    private func timer(_ group: GroupID) -> Timer {
        if let timer = groups[group] { return timer }
        let now = clock.now()
        let timer = Timer(due: now + (idle > 0 ? idle : period), lastData: now)
        groups[group] = timer
        order.append(group)
        nextDue = Swift.min(nextDue, timer.due)
        return timer
    }

    private func remove(_ group: GroupID) {
        groups[group] = nil
        order.removeAll { $0 == group }
    }
}

extension BarrierNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        if idle == .zero && period == .zero {
            throw PipelineError("barrier node must have either a non zero idle or a non zero period")
        }
        return BarrierRuntime(self, clock: context.clock)
    }
}
