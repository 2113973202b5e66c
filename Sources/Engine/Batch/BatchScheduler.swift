import Foundation
import Models
import Pipeline
import Synchronization

/// Runs a batch task's query nodes on their schedules: the task master's clock tick asks which
/// are due, each due node's statement goes to InfluxDB, and its series enter the task's graph
/// through the executor's queue. A node whose last query has not returned skips its tick, as
/// Kapacitor's query loop does.
final class BatchScheduler: Sendable {
    private struct Entry {
        let plan: QueryPlan
        /// The nominal time of the next tick; nil when the schedule has ended.
        var next: Timestamp?
        var running = false
    }

    /// The task's start, from which unaligned `every` ticks count.
    private let anchor: Timestamp
    /// How long after each nominal tick this task's queries run (its share of `batch-jitter`).
    let delay: Int64
    private let entries: Mutex<[Entry]>

    /// Plans the task's query nodes, from the task's start at `start`; `jitter` > 0 delays every
    /// tick of this task by a stable amount below it, derived from `taskID`.
    init(plans: [QueryPlan], start: Timestamp, jitter: Int64, taskID: String) {
        anchor = start
        delay = jitter > 0 ? Int64(Self.hash(taskID) % UInt64(jitter)) : 0
        entries = Mutex(plans.map { Entry(plan: $0, next: $0.schedule.next(after: start, anchor: start)) })
    }

    /// Builds the plans of `graph`'s query nodes, numbered as `GraphRunner.queries` numbers them;
    /// the errors are Kapacitor's.
    static func plans(of graph: PipelineGraph, zone: TimeZone) throws(EngineError) -> [QueryPlan] {
        var plans: [QueryPlan] = []
        for (index, vertex) in graph.queryVertices.enumerated() {
            guard let node = graph.vertices[vertex].node as? QueryNode else { continue }
            do {
                plans.append(try QueryPlan(node, index: index, zone: zone))
            } catch {
                throw .invalid(error.description)
            }
        }
        return plans
    }

    /// One query to run now.
    struct Due: Sendable {
        let plan: QueryPlan
        let text: String
        let stop: Timestamp
    }

    /// The queries due at `now`, marked running; their next ticks are set past `now`.
    func due(at now: Timestamp) -> [Due] {
        entries.withLock { entries in
            var due: [Due] = []
            for index in entries.indices {
                guard let tick = entries[index].next, now >= tick + delay else { continue }
                let plan = entries[index].plan
                entries[index].next = plan.schedule.next(after: max(tick, now - delay), anchor: anchor)
                guard !entries[index].running else { continue }
                entries[index].running = true
                let statement = plan.statement(tick: tick)
                due.append(Due(plan: plan, text: statement.text, stop: statement.stop))
            }
            return due
        }
    }

    /// Query `index` (a plan's index) returned.
    func finished(_ index: Int) {
        entries.withLock { entries in
            if let position = entries.firstIndex(where: { $0.plan.index == index }) { entries[position].running = false }
        }
    }

    /// Runs `due` on `influxDB` and hands the result (or the failure) to `executor`.
    static func run(_ due: Due, on influxDB: any InfluxDBAccess, into executor: TaskExecutor) async {
        do {
            let series = try await influxDB.query(cluster: due.plan.cluster, due.text)
            let result = QueryResults.batches(
                series, groupByMeasurement: due.plan.groupByMeasurement, stop: due.stop,
                groupedByTime: due.plan.query.isGroupedByTime)
            executor.feed(result.batches, query: due.plan.index)
        } catch {
            executor.queryFailed(query: due.plan.index, message: "error executing query: \(error)")
        }
    }

    /// FNV-1a: the same ID gives the same delay on every start and every machine.
    private static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
