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
    /// The sets from `head` on, by time and, within a time, in the order they were started.
    /// Emitted sets are left behind `head` (cleared) and compacted away once they are half.
    private var sets: [JoinSet] = []
    private var head = 0
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

    /// How many sets the group holds.
    private var count: Int { sets.count - head }

    /// Adds a point or batch; hands `release` the sets it completes or releases, oldest first.
    func collect(_ input: JoinInput, release: (consuming JoinSet) -> Void) {
        let time = input.time.rounded(to: tolerance)
        if oldest == Self.zero || time < oldest { oldest = time }
        let source = input.source
        if head < sets.count, sets[sets.count - 1].time >= time {
            // Into the first set of the time the parent has not filled, else a new set behind them.
            var index = lowerBound(time)
            while index < sets.count, sets[index].time == time, sets[index].has(source) { index += 1 }
            if index < sets.count, sets[index].time == time {
                sets[index].set(input)
            } else {
                sets.insert(JoinSet(time: time, parents: parents, first: input), at: index)
            }
        } else {
            sets.append(JoinSet(time: time, parents: parents, first: input))
        }
        heads[source] = time
        if count > limit { dropOldest() }
        emit(onlyReady: onlyReady, release: release)
    }

    /// Parent `source` will send nothing older than `time`; hands `release` the sets this releases.
    func barrier(from source: Int, at time: Timestamp, release: (consuming JoinSet) -> Void) {
        let time = time.rounded(to: tolerance)
        if oldest == Self.zero || time < oldest { oldest = time }
        heads[source] = time
        emit(onlyReady: onlyReady, release: release)
    }

    /// Hands `release` every set, ready or not, oldest first: the input has ended.
    func flush(release: (consuming JoinSet) -> Void) {
        while count > 0 { emit(onlyReady: false, release: release) }
    }

    /// Whether some parent has not moved past the oldest time, so only complete sets may go.
    private var onlyReady: Bool { heads.contains { $0 <= oldest } }

    /// The position of the first set of `time` or later.
    private func lowerBound(_ time: Timestamp) -> Int {
        var low = head, high = sets.count
        while low < high {
            let mid = (low + high) / 2
            if sets[mid].time < time { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Takes the leading sets of the oldest time (all of them unless `onlyReady`), then, when
    /// incomplete sets went, carries on while every parent is past the new oldest time.
    private func emit(onlyReady: Bool, release: (consuming JoinSet) -> Void) {
        var onlyReady = onlyReady
        while count > 0 {
            if sets[head].time == oldest {
                while head < sets.count, sets[head].time == oldest, !onlyReady || sets[head].isReady {
                    release(take())
                }
            }
            oldest = count > 0 ? sets[head].time : Self.zero
            if onlyReady { break }
            onlyReady = self.onlyReady
        }
        if head == sets.count {
            // Drops the emptied sets one by one: cheaper than `removeAll` for the one or two there
            // usually are, and each set is dropped once.
            while !sets.isEmpty { sets.removeLast() }
            head = 0
        } else if head >= 32 && head * 2 >= sets.count {
            sets.removeFirst(head)
            head = 0
        }
    }

    /// Moves the set at `head` out, leaving an empty set behind.
    private func take() -> JoinSet {
        var set = JoinSet.empty
        swap(&set, &sets[head])
        head += 1
        return set
    }

    /// Drops the oldest set to keep the group within its limit.
    private func dropOldest() {
        let first = sets[head].time
        _ = take()
        dropped += 1
        if oldest == first, count == 0 || sets[head].time != first { oldest = count > 0 ? sets[head].time : Self.zero }
    }
}
