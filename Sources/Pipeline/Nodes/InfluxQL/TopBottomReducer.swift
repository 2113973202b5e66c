import Models

/// `top` and `bottom`: the `count` largest (smallest) values with their times and tags, kept in a
/// binary heap ordered as InfluxDB's (value, then the newer point ranking lower), emitted best first.
struct TopBottomReducer<Input: InfluxQLNumber>: InfluxQLReducer {
    let count: Int
    let top: Bool
    /// A min-heap under `ranksBelow`: the root is the point to drop first.
    var heap: [Sample<Input>] = []

    init(count: Int, top: Bool) {
        self.count = count
        self.top = top
        heap.reserveCapacity(count)
    }

    /// Whether `a` ranks below `b`.
    func ranksBelow(_ a: Sample<Input>, _ b: Sample<Input>) -> Bool {
        if a.value != b.value { return top ? Input.goLess(a.value, b.value) : Input.goLess(b.value, a.value) }
        return a.time > b.time
    }

    mutating func aggregate(_ sample: Sample<Input>) {
        if heap.count == count {
            guard ranksBelow(heap[0], sample) else { return }
            heap[0] = sample
            if !siftDown(0) { siftUp(0) }
            return
        }
        heap.append(sample)
        siftUp(heap.count - 1)
    }

    mutating func emit(into output: inout [Sample<Input>]) {
        output.append(contentsOf: heap.sorted { ranksBelow($1, $0) })
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard ranksBelow(heap[child], heap[parent]) else { break }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    /// Moves the point at `start` down; whether it moved.
    private mutating func siftDown(_ start: Int) -> Bool {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { break }
            var child = left
            if left + 1 < heap.count && ranksBelow(heap[left + 1], heap[left]) { child = left + 1 }
            guard ranksBelow(heap[child], heap[parent]) else { break }
            heap.swapAt(parent, child)
            parent = child
        }
        return parent > start
    }
}
