import Alerting
import Models
@testable import Pipeline
import TICKscript
import Testing

@Suite struct AlertRuntimeTests {
    let levels = ".info(lambda: \"v\" > 4.0).warn(lambda: \"v\" > 6.0).crit(lambda: \"v\" > 8.0)"

    @Test func eventsForRaisedLevelsAndRecoveries() async throws {
        let harness = try AlertHarness(levels)
        for (second, value) in [(1, 1.0), (2, 5.0), (3, 7.0), (4, 9.0), (5, 9.5), (6, 3.0), (7, 2.0)] {
            harness.write(value, at: Int64(second))
        }
        let events = await harness.events()
        #expect(events.map(\.state.level) == [.info, .warning, .critical, .critical, .ok])
        #expect(events.map(\.state.time) == [2, 3, 4, 5, 6].map(seconds))
        #expect(events.map(\.state.duration) == [0, 1, 2, 3, 4].map(seconds))
        #expect(events[0].state.id == "cpu:nil")
        #expect(events[0].state.message == "cpu:nil is INFO")
        #expect(events[4].previousLevel == .critical)
        #expect(events[0].data.result == [Row(name: "cpu", tags: Tags(), columns: ["time", "v"], values: [[.time(seconds(2)), .field(.float(5))]])])
        #expect(harness.topics.summary("alerts") == TopicSummary(id: "alerts", level: .ok, collected: 5))
    }

    @Test func stateChangesOnly() async throws {
        let harness = try AlertHarness(levels + ".stateChangesOnly()")
        for (second, value) in [(1, 7.0), (2, 7.5), (3, 9.0), (4, 9.0), (5, 1.0), (6, 1.0)] { harness.write(value, at: Int64(second)) }
        #expect(await harness.levels() == [.warning, .critical, .ok])
    }

    @Test func stateChangesOnlyExpiresAfterMaxIntervalOfDataTime() async throws {
        let harness = try AlertHarness(levels + ".stateChangesOnly(10s)")
        for second in stride(from: 0, through: 25, by: 5) { harness.write(9, at: Int64(second)) }
        harness.write(1, at: 27)
        let events = await harness.events()
        #expect(events.map(\.state.time) == [0, 10, 20, 27].map(seconds))
        #expect(events.map(\.state.duration) == [0, 10, 20, 27].map(seconds))
    }

    @Test func noRecoveries() async throws {
        let harness = try AlertHarness(levels + ".noRecoveries()")
        for (second, value) in [(1, 9.0), (2, 1.0), (3, 9.0)] { harness.write(value, at: Int64(second)) }
        let events = await harness.events()
        #expect(events.map(\.state.level) == [.critical, .critical])
        #expect(events.map(\.state.duration) == [0, 0])
        #expect(events.allSatisfy { !$0.data.recoverable })
        #expect(harness.output.contains("\"v\"") && harness.output.contains("00:00:03Z"))
    }

    @Test func resetsHoldTheLevelUntilTheyPass() async throws {
        let harness = try AlertHarness(".warn(lambda: \"v\" > 60.0).warnReset(lambda: \"v\" < 20.0).crit(lambda: \"v\" > 80.0).critReset(lambda: \"v\" < 30.0)")
        for (second, value) in [(1, 90.0), (2, 50.0), (3, 25.0), (4, 65.0), (5, 40.0), (6, 10.0)] { harness.write(value, at: Int64(second)) }
        #expect(await harness.levels() == [.critical, .critical, .ok, .warning, .warning, .ok])
    }

    @Test func flappingSuppressesEventsUntilTheHistoryCalmsDown() async throws {
        let harness = try AlertHarness(".crit(lambda: \"v\" > 8.0).flapping(0.05, 0.1)")
        // Weighted changes: 0.081, 0.04, 0.14 (flapping from here), 0.157, 0.255.
        for (second, value) in [(1, 9.0), (2, 1.0), (3, 9.0), (4, 1.0), (5, 9.0)] { harness.write(value, at: Int64(second)) }
        #expect(await harness.levels() == [.critical, .ok])
        for second in 6...26 { harness.write(1, at: Int64(second)) }
        harness.write(9, at: 27)
        let events = await harness.events()
        #expect(events.map(\.state.level) == [.critical, .ok, .critical])
        #expect(events.last?.state.time == seconds(27))
    }

    @Test func flapThresholdsArePercentages() {
        #expect(throws: PipelineError.self) { try AlertHarness(".crit(lambda: \"v\" > 8.0).flapping(0.5, 1.5)") }
    }

    @Test func percentChangeWeighsNewerChangesMore() {
        var state = AlertState(history: 3, flapLow: nil, flapHigh: 0, maxInterval: 0, inhibitors: [])
        var changes: [Double] = []
        for level in [AlertLevel.critical, .ok, .ok] {
            state.add(level, at: 0)
            changes.append(state.percentChange)
        }
        #expect(zip(changes, [0.9, 0.4, 0.5]).allSatisfy { abs($0 - $1) < 1e-12 })
        var long = AlertState(history: 21, flapLow: nil, flapHigh: 0, maxInterval: 0, inhibitors: [])
        for level in [AlertLevel.critical, .ok, .critical, .ok] { long.add(level, at: 0) }
        #expect(abs(long.percentChange - 0.157) < 1e-12)
        #expect(AlertState(history: 0, flapLow: nil, flapHigh: 0, maxInterval: 0, inhibitors: []).history.count == 2)
    }

    @Test func augmentsPointsWithTheEventState() async throws {
        let harness = try AlertHarness(
            levels + ".id('{{ .Name }}/{{ index .Tags \"host\" }}').levelTag('level').idTag('id').levelField('lf').idField('if').messageField('msg').durationField('d')",
            before: ".groupBy('host')")
        harness.write(9, at: 1, tags: ["host": "a"])
        harness.write(9, at: 3, tags: ["host": "a"])
        #expect(harness.output == """
        {"series":[{"name":"cpu","tags":{"host":"a","id":"cpu/a","level":"CRITICAL"},"columns":["time","d","if","lf","msg","v"],\
        "values":[["1970-01-01T00:00:03Z",2000000000,"cpu/a","CRITICAL","cpu/a is CRITICAL",9]]}]}
        """)
        #expect(await harness.events().first?.data.group == "host=a")
    }

    @Test func theIDFollowsTagsThatChangeWithinAGroup() async throws {
        let harness = try AlertHarness(levels + ".id('{{ .Name }}/{{ index .Tags \"host\" }}')")
        harness.write(9, at: 1, tags: ["host": "a"])
        harness.write(9, at: 2, tags: ["host": "a"])
        harness.write(9, at: 3, tags: ["host": "b"])
        harness.write(9, at: 4, tags: ["host": "a"])
        #expect(await harness.events().map(\.state.id) == ["cpu/a", "cpu/a", "cpu/b", "cpu/a"])
    }

    @Test func groupsKeepTheirOwnState() async throws {
        let harness = try AlertHarness(levels + ".stateChangesOnly()", before: ".groupBy('host')")
        harness.write(9, at: 1, tags: ["host": "a"])
        harness.write(9, at: 2, tags: ["host": "b"])
        harness.write(9, at: 3, tags: ["host": "a"])
        harness.write(1, at: 4, tags: ["host": "b"])
        let events = await harness.events()
        #expect(events.map(\.state.id) == ["cpu:host=a", "cpu:host=b", "cpu:host=b"])
        #expect(events.map(\.state.level) == [.critical, .critical, .ok])
        #expect(harness.runner.cardinality(of: 2) == 2)
    }

    @Test func batchTakesTheHighestLevelOrWithAllTheLowest() async throws {
        let highest = try AlertHarness(levels, batch: true)
        highest.feed([9, 5, 7], tmax: 10)
        highest.feed([1, 2], tmax: 20)
        let events = await highest.events()
        #expect(events.map(\.state.level) == [.critical, .ok])
        // The highest point's time, and the batch's time for OK.
        #expect(events.map(\.state.time) == [1, 20].map(seconds))
        #expect(events[0].data.fields[ "v"] == .float(9))

        let all = try AlertHarness(levels + ".all()", batch: true)
        all.feed([9, 5, 7], tmax: 10)
        all.feed([9, 7], tmax: 20)
        all.feed([9, 9], tmax: 30)
        let allEvents = await all.events()
        #expect(allEvents.map(\.state.level) == [.info, .warning, .critical])
        #expect(allEvents.map(\.state.time) == [10, 20, 30].map(seconds))
    }

    @Test func batchAugmentsEveryPointAndTheGroupTags() throws {
        let harness = try AlertHarness(levels + ".levelTag('level').levelField('lf')", batch: true)
        harness.feed([9, 1], tmax: 10)
        #expect(harness.output == """
        {"series":[{"name":"cpu","tags":{"level":"CRITICAL"},"columns":["time","lf","v"],\
        "values":[["1970-01-01T00:00:01Z","CRITICAL",9],["1970-01-01T00:00:02Z","CRITICAL",1]]}]}
        """)
    }

    @Test func emptyBatchSendsNothing() async throws {
        let harness = try AlertHarness(levels, batch: true)
        harness.feed([], tmax: 10)
        #expect(await harness.events().isEmpty)
        #expect(harness.output == #"{"series":null}"#)
    }

    @Test func evaluationErrorsAreReportedAndCountAsFalse() async throws {
        let harness = try AlertHarness(".warn(lambda: \"v\" > 6.0).crit(lambda: \"missing\" > 8.0)")
        harness.write(7, at: 1)
        #expect(await harness.levels() == [.warning])
        #expect(harness.errors.count == 1)
        #expect(harness.errors.first?.hasPrefix("alert2: error evaluating expression for level CRITICAL:") == true)
    }

    @Test func inhibitedWhileTheInhibitingAlertIsRaised() async throws {
        let inhibitors = InhibitorLookup()
        let owner = try AlertHarness(
            ".crit(lambda: \"v\" > 8.0).inhibit('app', 'host')", before: ".groupBy('host')", inhibitors: inhibitors)
        let app = try AlertHarness(".category('app').crit(lambda: \"v\" > 8.0)", before: ".groupBy('host')", inhibitors: inhibitors)
        owner.write(9, at: 1, tags: ["host": "a"])
        app.write(9, at: 2, tags: ["host": "a"])
        app.write(9, at: 3, tags: ["host": "b"])
        #expect(await app.events().map(\.state.id) == ["cpu:host=b"])
        owner.write(1, at: 4, tags: ["host": "a"])
        app.write(9, at: 5, tags: ["host": "a"])
        #expect(await app.events().map(\.state.id) == ["cpu:host=b", "cpu:host=a"])
        // The inhibited point still goes on.
        #expect(app.runner.stats[3].processed == 3)
    }

    @Test func anonymousTopicWhenTheNodeHasHandlers() async throws {
        let harness = try AlertHarness(levels + ".log('/tmp/alerts.log')")
        harness.write(9, at: 1)
        #expect(harness.topics.summary("main:task:alert2")?.collected == 1)
        #expect(harness.topics.summary("alerts")?.level == .critical)
    }

    @Test func restoresTheLevelKeptInTheTopic() async throws {
        let topics = Topics()
        topics.updateEvent(topic: "alerts", EventState(id: "cpu:nil", time: seconds(1), level: .critical))
        let harness = try AlertHarness(levels + ".stateChangesOnly()", topics: topics)
        harness.write(9, at: 5)
        harness.write(1, at: 6)
        let events = await harness.events()
        #expect(events.map(\.state.level) == [.ok])
        #expect(events.first?.state.duration == seconds(5))
    }
}

@Suite struct AlertStatisticsTests {
    @Test func eventsNoTopicTakesAreCountedAndAugmentThePoints() throws {
        // No topic and no message field: the events are counted, their templates never rendered.
        let script = """
        stream|from().measurement('cpu')|alert().warn(lambda: "v" > 6.0).crit(lambda: "v" > 8.0).levelTag('level').idField('id')|httpOut('out')
        """
        let runner = try GraphRunner(graph: PipelineGraph.build(try Parser.parse(script)), context: TaskContext(taskName: "t"))
        for (second, value) in [(1, 7.0), (2, 9.0), (3, 1.0), (4, 1.0)] {
            runner.write(point("cpu", ["host": "a"], [("v", .float(value))], at: Int64(second)))
        }
        let statistics = runner.statistics(of: 2)
        #expect(statistics["alerts_triggered"] == 3)
        #expect(statistics["warns_triggered"] == 1)
        #expect(statistics["crits_triggered"] == 1)
        #expect(statistics["oks_triggered"] == 1)
        #expect(runner.context.httpOut.json("out") == """
        {"series":[{"name":"cpu","tags":{"host":"a","level":"OK"},"columns":["time","id","v"],"values":[["1970-01-01T00:00:03Z","cpu:nil",1]]}]}
        """)
    }

    @Test func countsEventsByLevelAndInhibited() async throws {
        let harness = try AlertHarness(".warn(lambda: \"v\" > 6.0).crit(lambda: \"v\" > 8.0)")
        for (second, value) in [(1, 7.0), (2, 9.0), (3, 9.0), (4, 1.0)] { harness.write(value, at: Int64(second)) }
        let statistics = harness.runner.statistics(of: 2)
        #expect(statistics["alerts_triggered"] == 4)
        #expect(statistics["warns_triggered"] == 1)
        #expect(statistics["crits_triggered"] == 2)
        #expect(statistics["oks_triggered"] == 1)
        #expect(statistics["alerts_inhibited"] == 0)
    }
}
