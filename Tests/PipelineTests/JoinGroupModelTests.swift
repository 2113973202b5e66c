import Models
@testable import Pipeline
import Testing

/// The join's set queue and its joined field names against the straightforward forms they
/// replace: a group keeping a dictionary of queues per time, and fields added one by one.
@Suite struct JoinGroupModelTests {
    /// Random collects and barriers from three parents, with a small limit so sets are dropped:
    /// the group releases the same sets, in the same order, as the dictionary-of-queues model.
    @Test(arguments: [(2, 0 as Int64, 4), (3, 0, 6), (2, 2, 3), (3, 3, 10_000)])
    func releasesTheSetsOfTheModel(parents: Int, tolerance: Int64, limit: Int) {
        var random = SeededRandom(seed: UInt64(parents * 100 + limit) + UInt64(tolerance))
        let group = JoinGroup(parents: parents, tolerance: tolerance, limit: limit)
        let model = JoinGroupModel(parents: parents, tolerance: tolerance, limit: limit)
        var released: [[Int?]] = []
        var expected: [[Int?]] = []
        func record(_ set: consuming JoinSet) {
            released.append([Int(set.time)] + (0..<parents).map { source in set[source].map(Self.id) })
        }
        for id in 0..<3000 {
            let source = Int(random.next() % UInt64(parents))
            // Times mostly move forward, sometimes go back or repeat.
            let time = Int64(id / 4) + Int64(random.next() % 5) - 2
            if random.next() % 8 == 0 {
                group.barrier(from: source, at: time, release: record)
                expected += model.barrier(from: source, at: time)
            } else {
                group.collect(Self.input(id, source: source, at: time), release: record)
                expected += model.collect(id, source: source, at: time)
            }
            #expect(released == expected)
            if released != expected { return }
        }
        group.flush(release: record)
        expected += model.flush()
        #expect(released == expected)
        #expect(group.dropped == model.dropped)
        #expect(!released.isEmpty)
    }

    /// Known names for each parent's last field layout give the fields the one-by-one path
    /// gives; names a prefix makes collide (no delimiter) are left to that path.
    @Test func joinedFieldNamesGiveTheFieldsOfTheGeneralPath() {
        let layouts: [[[String]]] = [
            [["value"], ["value"]],
            [["value"], ["value"]],
            [["a", "b"], ["value"]],
            [["value"], ["x", "y", "z"]],
            [[], ["value"]],
            [["a", "b"], ["a", "b"]],
        ]
        let layout = JoinLayout(prefixes: ["m1", "m2"], delimiter: ".", fill: .none, streamName: "", tolerance: 0)
        let names = JoinedFieldNames(layout, parents: 2)
        for (step, keys) in layouts.enumerated() {
            let set = Self.set(keys, step: step)
            let fast = names.joinedFields(of: set)
            #expect(fast != nil)
            #expect(fast == set.joinFields(first: set[0]!, layout))
        }
        // Prefix "a" and field "bc" make "abc", as prefix "ab" and field "c" do.
        let colliding = JoinLayout(prefixes: ["a", "ab"], delimiter: "", fill: .none, streamName: "", tolerance: 0)
        let collidingNames = JoinedFieldNames(colliding, parents: 2)
        let set = Self.set([["bc", "x"], ["c"]], step: 0)
        #expect(collidingNames.joinedFields(of: set) == nil)
        #expect(set.joinFields(first: set[0]!, colliding)?.map(\.key) == ["abc", "ax"])
    }

    /// A complete set of two points with fields `keys` (values numbered from `step`).
    static func set(_ keys: [[String]], step: Int) -> JoinSet {
        var set = JoinSet(time: 0, parents: keys.count)
        for (source, names) in keys.enumerated() {
            let fields = Fields(names.enumerated().map { Field($1, .int(Int64(step * 100 + source * 10 + $0))) })
            set.set(JoinInput(source: source, point: PointMessage(Point(measurement: "m", fields: fields, time: 0))))
        }
        return set
    }

    static func input(_ id: Int, source: Int, at time: Int64) -> JoinInput {
        JoinInput(source: source, point: PointMessage(Point(measurement: "m", fields: Fields([Field("id", .int(Int64(id)))]), time: time)))
    }

    static func id(_ input: JoinInput) -> Int {
        guard case .int(let id) = input.fields[0].value else { return -1 }
        return Int(id)
    }
}

/// The join group as first written: a dictionary of queues of sets by rounded time and the
/// sorted times, each set an array of slots (the id of the input, by parent). Sets are released
/// as `[time, id of parent 0, id of parent 1, ...]`.
final class JoinGroupModel {
    let parents: Int
    let tolerance: Int64
    let limit: Int
    var sets: [Timestamp: [[Int?]]] = [:]
    var times: [Timestamp] = []
    var count = 0
    var heads: [Timestamp]
    var oldest = Timestamp.min
    var dropped = 0

    init(parents: Int, tolerance: Int64, limit: Int) {
        self.parents = parents
        self.tolerance = tolerance
        self.limit = limit
        heads = Array(repeating: .min, count: parents)
    }

    func collect(_ id: Int, source: Int, at time: Timestamp) -> [[Int?]] {
        let time = time.rounded(to: tolerance)
        if oldest == .min || time < oldest { oldest = time }
        var fresh = [Int?](repeating: nil, count: parents)
        fresh[source] = id
        if var queue = sets[time] {
            if let slot = queue.firstIndex(where: { $0[source] == nil }) {
                queue[slot][source] = id
            } else {
                queue.append(fresh)
                count += 1
            }
            sets[time] = queue
        } else {
            times.append(time)
            times.sort()
            sets[time] = [fresh]
            count += 1
        }
        heads[source] = time
        if count > limit { dropOldest() }
        return emit(onlyReady: onlyReady)
    }

    func barrier(from source: Int, at time: Timestamp) -> [[Int?]] {
        let time = time.rounded(to: tolerance)
        if oldest == .min || time < oldest { oldest = time }
        heads[source] = time
        return emit(onlyReady: onlyReady)
    }

    func flush() -> [[Int?]] {
        var released: [[Int?]] = []
        while !sets.isEmpty { released += emit(onlyReady: false) }
        return released
    }

    var onlyReady: Bool { heads.contains { $0 <= oldest } }

    func emit(onlyReady: Bool) -> [[Int?]] {
        var released: [[Int?]] = []
        var onlyReady = onlyReady
        while !sets.isEmpty {
            if let queue = sets[oldest] {
                let taken = onlyReady ? (queue.firstIndex { $0.contains(nil) } ?? queue.count) : queue.count
                released += queue[..<taken].map { [Int(oldest)] + $0 }
                if taken == queue.count {
                    sets[oldest] = nil
                    times.removeFirst()
                } else {
                    sets[oldest] = Array(queue[taken...])
                }
                count -= taken
            }
            oldest = times.first ?? .min
            if onlyReady { break }
            onlyReady = self.onlyReady
        }
        return released
    }

    func dropOldest() {
        guard let first = times.first, var queue = sets[first] else { return }
        queue.removeFirst()
        if queue.isEmpty {
            sets[first] = nil
            times.removeFirst()
            if oldest == first { oldest = times.first ?? .min }
        } else {
            sets[first] = queue
        }
        count -= 1
        dropped += 1
    }
}

/// A small deterministic generator (SplitMix64) for repeatable random tests.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
