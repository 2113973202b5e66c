import Models

/// Buffers the points it receives per database and retention policy, with the node's
/// measurement and static tags, and hands a buffer to its writer when it holds `buffer` points
/// or every `flushInterval` of wall-clock time; the writer sends it to InfluxDB off the task's
/// thread. Problems the writer met are reported through the task at the next message or tick.
final class InfluxDBOutRuntime: NodeRuntime {
    let node: InfluxDBOutNode
    let writer: InfluxDBOutWriter
    let size: Int
    let flushInterval: Int64
    var nextFlush: Timestamp
    /// Buffered points per database and retention policy.
    var buffers: [DatabaseKey: [Point]] = [:]

    /// Where a buffer goes.
    struct DatabaseKey: Hashable {
        var database: String
        var retentionPolicy: String
    }

    /// How many flushes' worth of points the writer keeps while InfluxDB cannot be reached.
    static let retainedFlushes = 100

    init(_ node: InfluxDBOutNode, access: any InfluxDBAccess, clock: any WallClock) {
        self.node = node
        size = Int(max(1, node.buffer))
        flushInterval = max(1, node.flushInterval.nanosecondsValue)
        nextFlush = Self.adding(flushInterval, to: clock.now())
        var create: [String] = []
        if node.create {
            let database = Self.quote(node.database)
            if node.retentionPolicy.isEmpty {
                create = ["CREATE DATABASE " + database]
            } else {
                let policy = Self.quote(node.retentionPolicy)
                create = [
                    "CREATE DATABASE \(database) WITH NAME \(policy)",
                    "CREATE RETENTION POLICY \(policy) ON \(database) DURATION INF REPLICATION 1",
                ]
            }
        }
        writer = InfluxDBOutWriter(
            access: access, cluster: node.cluster, createStatements: create,
            capacity: size > Int.max / Self.retainedFlushes ? Int.max : size * Self.retainedFlushes, clock: clock)
    }

    deinit {
        // The task stopped: what is still buffered gets its write, as Kapacitor flushes on stop.
        flush()
        writer.close()
    }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(let point):
            add(Point(
                database: point.database, retentionPolicy: point.retentionPolicy, measurement: point.name, tags: point.tags,
                fields: point.fields, time: point.time))
        case .batch(let batch):
            for point in batch.points {
                add(Point(measurement: batch.name, tags: point.tags, fields: point.fields, time: point.time))
            }
        case .barrier, .deleteGroup:
            break
        }
        reportProblems(output)
    }

    func tick(_ now: Timestamp, output: NodeOutput) {
        if now >= nextFlush {
            nextFlush = Self.adding(flushInterval, to: now)
            flush()
        }
        writer.tick(now)
        reportProblems(output)
    }

    func finish(output: NodeOutput) {
        flush()
    }

    /// Adds a point with the node's database, retention policy, measurement and tags applied.
    private func add(_ point: Point) {
        var point = point
        if !node.database.isEmpty { point.database = node.database }
        if !node.retentionPolicy.isEmpty { point.retentionPolicy = node.retentionPolicy }
        if !node.measurement.isEmpty { point.measurement = node.measurement }
        for (key, value) in node.tags { point.tags[key] = value }
        let key = DatabaseKey(database: point.database, retentionPolicy: point.retentionPolicy)
        point.database = ""
        point.retentionPolicy = ""
        // One lookup per point: append and count in place.
        let count = Self.append(point, to: &buffers[key, default: []])
        if count >= size, let points = buffers.removeValue(forKey: key) { send(points, to: key) }
    }

    private static func append(_ point: Point, to points: inout [Point]) -> Int {
        points.append(point)
        return points.count
    }

    /// Hands every buffer to the writer.
    private func flush() {
        let pending = buffers
        buffers = [:]
        for (key, points) in pending.sorted(by: { ($0.key.database, $0.key.retentionPolicy) < ($1.key.database, $1.key.retentionPolicy) }) {
            send(points, to: key)
        }
    }

    private func send(_ points: [Point], to key: DatabaseKey) {
        writer.submit(InfluxDBWrite(
            database: key.database, retentionPolicy: key.retentionPolicy, precision: node.precision,
            consistency: node.writeConsistency, points: points))
    }

    private func reportProblems(_ output: NodeOutput) {
        for problem in writer.takeProblems() { output.report(problem) }
    }

    var dropped: Int { Int(writer.counts.dropped) }

    var statistics: [String: Int64] {
        let counts = writer.counts
        return ["points_written": counts.written, "write_errors": counts.errors, "points_dropped": counts.dropped]
    }

    /// `time + interval`, or the latest time when that is beyond it (a huge `flushInterval`).
    static func adding(_ interval: Int64, to time: Timestamp) -> Timestamp {
        let (sum, overflow) = time.addingReportingOverflow(interval)
        return overflow ? .max : sum
    }

    /// `name` as a double-quoted InfluxQL identifier.
    static func quote(_ name: String) -> String {
        var quoted = "\""
        for character in name {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }
}

extension InfluxDBOutNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        guard let access = context.influxDB else {
            throw PipelineError("no InfluxDB cluster configured cannot use the InfluxDBOutNode")
        }
        if let problem = access.clusterError(cluster) { throw PipelineError(problem) }
        return InfluxDBOutRuntime(self, access: access, clock: context.clock)
    }
}
