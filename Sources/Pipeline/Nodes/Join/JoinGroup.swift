import Models

/// The sets of one group of a join, by rounded time, and how far each parent has got: Kapacitor's
/// `joinGroup`. A set is emitted once every parent contributed, or once every parent has moved
/// past its time; sets of the same time from a parent sending twice queue up behind each other.
final class JoinGroup {
    /// Go's zero time, before every time: a parent with no data yet, or no oldest set.
    static let zero = Timestamp.min

    private let parents: Int
    private let tolerance: Int64
    /// The most sets the group holds; beyond it the oldest set is dropped.
    private let limit: Int
    private var sets: [Timestamp: [JoinSet]] = [:]
    /// The times of `sets`, ascending.
    private var times: [Timestamp] = []
    private var count = 0
    /// The latest rounded time each parent sent.
    private var heads: [Timestamp]
    private var oldest = zero
    /// Sets dropped for the limit.
    private(set) var dropped = 0

    init(parents: Int, tolerance: Int64, limit: Int) {
        self.parents = parents
        self.tolerance = tolerance
        self.limit = limit
        heads = Array(repeating: Self.zero, count: parents)
    }

    /// Adds a point or batch; returns the sets it completes or releases, oldest first.
    func collect(_ input: JoinInput) -> [JoinSet] {
        let time = input.time.rounded(to: tolerance)
        if oldest == Self.zero || time < oldest { oldest = time }
        // The queue of the time is changed where it lies in `sets`, never copied.
        if let index = sets.index(forKey: time) {
            if let slot = sets.values[index].firstIndex(where: { !$0.has(input.source) }) {
                sets.values[index][slot].set(input)
            } else {
                sets.values[index].append(JoinSet(time: time, parents: parents, first: input))
                count += 1
            }
        } else {
            insert(time)
            sets[time] = [JoinSet(time: time, parents: parents, first: input)]
            count += 1
        }
        heads[input.source] = time
        if count > limit { dropOldest() }
        return emit(onlyReady: onlyReady)
    }

    /// Parent `source` will send nothing older than `time`; returns the sets this releases.
    func barrier(from source: Int, at time: Timestamp) -> [JoinSet] {
        let time = time.rounded(to: tolerance)
        if oldest == Self.zero || time < oldest { oldest = time }
        heads[source] = time
        return emit(onlyReady: onlyReady)
    }

    /// Every set, ready or not, oldest first: the input has ended.
    func flush() -> [JoinSet] {
        var released: [JoinSet] = []
        while !sets.isEmpty { released += emit(onlyReady: false) }
        return released
    }

    /// Whether some parent has not moved past the oldest time, so only complete sets may go.
    private var onlyReady: Bool { heads.contains { $0 <= oldest } }

    /// Takes the leading sets of the oldest time (all of them unless `onlyReady`), then, when
    /// incomplete sets went, carries on while every parent is past the new oldest time.
    private func emit(onlyReady: Bool) -> [JoinSet] {
        var released: [JoinSet] = []
        var onlyReady = onlyReady
        while !sets.isEmpty {
            if let index = sets.index(forKey: oldest) {
                let queueCount = sets.values[index].count
                let taken = onlyReady ? (sets.values[index].firstIndex { !$0.isReady } ?? queueCount) : queueCount
                if taken == queueCount {
                    released += sets.remove(at: index).value
                    times.removeFirst()
                } else if taken > 0 {
                    released += sets.values[index][..<taken]
                    sets.values[index].removeFirst(taken)
                }
                count -= taken
            }
            oldest = times.first ?? Self.zero
            if onlyReady { break }
            onlyReady = self.onlyReady
        }
        return released
    }

    /// Drops the oldest set to keep the group within its limit.
    private func dropOldest() {
        guard let first = times.first, var queue = sets[first] else { return }
        queue.removeFirst()
        if queue.isEmpty {
            sets[first] = nil
            times.removeFirst()
            if oldest == first { oldest = times.first ?? Self.zero }
        } else {
            sets[first] = queue
        }
        count -= 1
        dropped += 1
    }

    private func insert(_ time: Timestamp) {
        if let last = times.last, last > time {
            var low = 0, high = times.count
            while low < high {
                let mid = (low + high) / 2
                if times[mid] < time { low = mid + 1 } else { high = mid }
            }
            times.insert(time, at: low)
        } else {
            times.append(time)
        }
    }
}
