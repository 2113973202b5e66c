import Foundation
import InfluxQL
import Models
import Pipeline

/// A `query` node ready to run: its statement, schedule and range, checked as Kapacitor checks
/// them when the task starts.
struct QueryPlan: Sendable {
    /// The node's position among the task's query nodes (`GraphRunner.queries`).
    let index: Int
    let query: BatchQuery
    let schedule: BatchSchedule
    /// How far the range ends before the tick, and how long it is, in nanoseconds.
    let offset: Int64
    let period: Int64
    /// The `[[influxdb]]` cluster; empty for the default one.
    let cluster: String
    /// Whether the measurement is part of the batches' group.
    let groupByMeasurement: Bool

    /// Builds node `index`'s plan; `zone` is where cron fields are read.
    init(_ node: QueryNode, index: Int, zone: TimeZone) throws(EngineError) {
        self.index = index
        do {
            var query = try BatchQuery(node.query)
            try query.setDimensions(node.dimensions.map { dimension in
                switch dimension {
                case .tag(let name): .tag(name)
                case .star: .star
                case .time(let interval, let offset): .time(interval: interval.nanosecondsValue, offset: offset.nanosecondsValue)
                }
            })
            if node.alignGroup { query.alignGroup() }
            switch node.fill {
            case .keyword("none"): query.setFill(.noFill)
            case .keyword("previous"): query.setFill(.previous)
            case .keyword("linear"): query.setFill(.linear)
            case .keyword: query.setFill(.null)
            case .int(let value): query.setFill(.integer(value))
            case .float(let value): query.setFill(.number(value))
            case nil: break
            }
            self.query = query
        } catch {
            throw .invalid(error.message)
        }
        let every = node.every.nanosecondsValue
        if every != 0 && !node.cron.isEmpty { throw .invalid("must not set both 'every' and 'cron' properties") }
        if every > 0 {
            schedule = .every(every, align: node.align)
        } else if !node.cron.isEmpty {
            schedule = .cron(try CronExpression(node.cron), zone: zone)
        } else if every < 0 {
            throw .invalid("'every' duration must must non-negative")
        } else {
            throw .invalid("must define one of 'every' or 'cron'")
        }
        offset = node.offset.nanosecondsValue
        period = node.period.nanosecondsValue
        cluster = node.cluster
        groupByMeasurement = node.groupByMeasurement
    }

    /// The statement for the tick at `tick`: the range [tick - offset - period, tick - offset).
    func statement(tick: Timestamp) -> (text: String, stop: Timestamp) {
        let stop = tick - offset
        return (query.text(start: stop - period, stop: stop), stop)
    }
}
