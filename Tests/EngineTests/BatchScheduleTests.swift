import Foundation
import Models
import Testing

@testable import Engine

/// Seconds in nanoseconds.
private let s: Int64 = 1_000_000_000
/// A UTC time from its RFC 3339 text.
func utc(_ text: String) -> Timestamp { Timestamp(rfc3339: text)! }

@Suite struct BatchScheduleTests {
    static let every: [(schedule: BatchSchedule, anchor: String, now: String, next: String)] = [
        // Unaligned ticks count from the task's start.
        (.every(60 * s, align: false), "2020-01-01T00:00:30.5Z", "2020-01-01T00:00:30.5Z", "2020-01-01T00:01:30.5Z"),
        (.every(60 * s, align: false), "2020-01-01T00:00:30.5Z", "2020-01-01T00:05:00Z", "2020-01-01T00:05:30.5Z"),
        (.every(60 * s, align: false), "2020-01-01T00:00:30.5Z", "2020-01-01T00:05:30.5Z", "2020-01-01T00:06:30.5Z"),
        // Aligned ticks fall on multiples of `every`.
        (.every(60 * s, align: true), "2020-01-01T00:00:00Z", "2020-01-01T00:00:30.5Z", "2020-01-01T00:01:00Z"),
        (.every(60 * s, align: true), "2020-01-01T00:00:00Z", "2020-01-01T00:01:00Z", "2020-01-01T00:02:00Z"),
        (.every(5400 * s, align: true), "2020-01-01T00:00:00Z", "2020-01-01T00:00:30Z", "2020-01-01T01:30:00Z"),
        (.every(10 * s, align: true), "2020-01-01T00:00:00Z", "2020-01-01T23:59:59.999Z", "2020-01-02T00:00:00Z"),
        // Go truncates from January 1 of year 1, a Monday: weekly ticks fall on Mondays.
        (.every(7 * 86_400 * s, align: true), "2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z", "2020-01-06T00:00:00Z"),
    ]

    @Test(arguments: every) func everyTicks(_ schedule: BatchSchedule, _ anchor: String, _ now: String, _ next: String) {
        #expect(schedule.next(after: utc(now), anchor: utc(anchor)) == utc(next))
    }

    static let cron: [(expression: String, after: String, next: String)] = [
        ("* * * * *", "2020-01-01T00:00:00Z", "2020-01-01T00:01:00Z"),
        ("*/5 * * * *", "2020-01-01T00:01:30Z", "2020-01-01T00:05:00Z"),
        ("0 9 * * 1-5", "2020-01-03T10:00:00Z", "2020-01-06T09:00:00Z"),
        ("30 2 * * *", "2020-01-01T02:30:00.5Z", "2020-01-02T02:30:00Z"),
        ("@hourly", "2020-01-01T00:00:00Z", "2020-01-01T01:00:00Z"),
        ("@daily", "2020-01-01T12:00:00Z", "2020-01-02T00:00:00Z"),
        ("@weekly", "2020-01-01T00:00:00Z", "2020-01-05T00:00:00Z"),
        ("@monthly", "2020-01-15T00:00:00Z", "2020-02-01T00:00:00Z"),
        ("@yearly", "2020-06-01T00:00:00Z", "2021-01-01T00:00:00Z"),
        ("@annually", "2020-06-01T00:00:00Z", "2021-01-01T00:00:00Z"),
        // Seven fields start with seconds; six end with the year.
        ("*/10 * * * * * *", "2020-01-01T00:00:05Z", "2020-01-01T00:00:10Z"),
        ("15,45 * * * * * *", "2020-01-01T00:00:45Z", "2020-01-01T00:01:15Z"),
        ("0 0 1 1 * 2022", "2020-03-01T00:00:00Z", "2022-01-01T00:00:00Z"),
        // Last day, last weekday, nth weekday, names, `?`.
        ("0 0 L * *", "2020-02-03T00:00:00Z", "2020-02-29T00:00:00Z"),
        ("0 0 * * 5L", "2020-01-01T00:00:00Z", "2020-01-31T00:00:00Z"),
        ("0 0 * * 1#2", "2020-01-01T00:00:00Z", "2020-01-13T00:00:00Z"),
        ("0 12 ? jan,feb mon", "2020-01-01T00:00:00Z", "2020-01-06T12:00:00Z"),
        ("0 0 * * 7", "2020-01-01T00:00:00Z", "2020-01-05T00:00:00Z"),
        // 2020-02-01 is a Saturday, 2020-02-29 too, 2020-03-01 a Sunday.
        ("0 0 1W * *", "2020-01-31T00:00:00Z", "2020-02-03T00:00:00Z"),
        ("0 0 LW * *", "2020-02-01T00:00:00Z", "2020-02-28T00:00:00Z"),
        ("0 0 15W * *", "2020-03-01T00:00:00Z", "2020-03-16T00:00:00Z"),
        // Both day fields restricted: either one fires.
        ("0 0 13 * 5", "2020-01-01T00:00:00Z", "2020-01-03T00:00:00Z"),
        ("0 0 31 * *", "2020-02-01T00:00:00Z", "2020-03-31T00:00:00Z"),
        ("0 0 29 2 *", "2020-03-01T00:00:00Z", "2024-02-29T00:00:00Z"),
        ("10-20/5 * * * *", "2020-01-01T00:15:00Z", "2020-01-01T00:20:00Z"),
    ]

    @Test(arguments: cron) func cronTicks(_ expression: String, _ after: String, _ next: String) throws {
        let schedule = BatchSchedule.cron(try CronExpression(expression), zone: TimeZone(identifier: "UTC")!)
        #expect(schedule.next(after: utc(after), anchor: 0) == utc(next))
    }

    @Test func cronReadsTheLocalTimeZone() throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        let expression = try CronExpression("0 9 * * *")
        #expect(expression.next(after: utc("2020-01-01T00:00:00Z"), in: zone) == utc("2020-01-01T14:00:00Z"))
        #expect(expression.next(after: utc("2020-07-01T00:00:00Z"), in: zone) == utc("2020-07-01T13:00:00Z"))
    }

    @Test func cronEndsAfterItsLastYear() throws {
        #expect(try CronExpression("0 0 1 1 * 2021").next(after: utc("2022-01-01T00:00:00Z"), in: TimeZone(identifier: "UTC")!) == nil)
    }

    static let cronErrors: [(String, String)] = [
        ("* * *", "missing field(s)"),
        ("61 * * * *", "syntax error in minute field: '61'"),
        ("*/0 * * * *", "invalid interval */0"),
        ("0 0 * * funday", "syntax error in day-of-week field: 'funday'"),
        ("0 0 x * *", "syntax error in day-of-month field: 'x'"),
        ("0 25 * * *", "syntax error in hour field: '25'"),
    ]

    @Test(arguments: cronErrors) func cronErrorsAreCronexprs(_ expression: String, _ message: String) {
        #expect(throws: EngineError.invalid(message)) { try CronExpression(expression) }
    }

    @Test func jitterDelaysTicksByAStablePartOfIt() throws {
        let graph = try TaskScript("batch|query('SELECT v FROM db.rp.cpu').every(1m).align()|httpOut('x')").graph
        let plans = try BatchScheduler.plans(of: graph, zone: TimeZone(identifier: "UTC")!)
        let start = utc("2020-01-01T00:00:30Z")
        let scheduler = BatchScheduler(plans: plans, start: start, jitter: 10 * s, taskID: "cpu_alert")
        let again = BatchScheduler(plans: plans, start: start, jitter: 10 * s, taskID: "cpu_alert")
        let other = BatchScheduler(plans: plans, start: start, jitter: 10 * s, taskID: "mem_alert")
        #expect(scheduler.delay == again.delay)
        #expect(scheduler.delay != other.delay)
        #expect((0..<10 * s).contains(scheduler.delay) && scheduler.delay > 0)
        let tick = utc("2020-01-01T00:01:00Z")
        #expect(scheduler.due(at: tick + scheduler.delay - 1).isEmpty)
        let due = scheduler.due(at: tick + scheduler.delay)
        // The query still covers the nominal range: only its run is delayed.
        #expect(due.map(\.stop) == [tick])
        scheduler.finished(0)
        #expect(scheduler.due(at: utc("2020-01-01T00:02:00Z") + scheduler.delay).map(\.stop) == [utc("2020-01-01T00:02:00Z")])
        #expect(BatchScheduler(plans: plans, start: start, jitter: 0, taskID: "cpu_alert").delay == 0)
    }

    @Test func aRunningQuerySkipsItsTick() throws {
        let graph = try TaskScript("batch|query('SELECT v FROM db.rp.cpu').every(10s).period(10s).offset(5s)|httpOut('x')").graph
        let plans = try BatchScheduler.plans(of: graph, zone: TimeZone(identifier: "UTC")!)
        let start = utc("2020-01-01T00:00:00Z")
        let scheduler = BatchScheduler(plans: plans, start: start, jitter: 0, taskID: "t")
        #expect(scheduler.due(at: start + 9 * s).isEmpty)
        let first = scheduler.due(at: start + 10 * s)
        #expect(first.map(\.text) == ["SELECT v FROM db.rp.cpu WHERE time >= '2019-12-31T23:59:55Z' AND time < '2020-01-01T00:00:05Z'"])
        #expect(scheduler.due(at: start + 20 * s).isEmpty)
        scheduler.finished(0)
        #expect(scheduler.due(at: start + 30 * s).map(\.stop) == [start + 25 * s])
    }

    static let planErrors: [(String, String)] = [
        ("batch|query('SELECT v FROM cpu').every(1m).cron('* * * * *')", "must not set both 'every' and 'cron' properties"),
        ("batch|query('SELECT v FROM cpu')", "must define one of 'every' or 'cron'"),
        ("batch|query('SELECT v FROM cpu').every(-1m)", "'every' duration must must non-negative"),
        ("batch|query('SELECT v FROM cpu').cron('* *')", "missing field(s)"),
        ("batch|query('SELECT 1').every(1m)", "failed to parse InfluxQL query: found EOF, expected FROM at line 1, char 9"),
        ("batch|query('SELECT v FROM cpu').every(1m).groupBy(time(1m), time(2m))", "groupBy cannot have more than one time dimension"),
    ]

    @Test(arguments: planErrors) func plansFailAsKapacitor(_ script: String, _ message: String) throws {
        let graph = try TaskScript(script + "|httpOut('x')").graph
        #expect(throws: EngineError.invalid(message)) { try BatchScheduler.plans(of: graph, zone: TimeZone(identifier: "UTC")!) }
    }
}
