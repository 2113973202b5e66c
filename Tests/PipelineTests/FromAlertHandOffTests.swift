import Alerting
import Models
import Pipeline
import TICKscript
import Testing

/// A `from` whose only child is an alert node hands it each selected point without a message:
/// the events, what the alert emits, every node's statistics, the alert's own statistics and
/// groups equal those of the same `from` with a second child, which makes a message of each point
/// for both.
@Suite struct FromAlertHandOffTests {
    private static let froms = [
        "from().measurement('m')",
        "from().measurement('m').groupBy('host')",
        "from().groupBy(*).truncate(2s)",
        "from().measurement('m').where(lambda: \"v\" > 1.0).groupBy('host', 'dc')",
    ]
    private static let levels = ".info(lambda: \"v\" > 10).warn(lambda: \"v\" > 20).crit(lambda: \"v\" > 30)"
    private static let alerts = [
        "alert().id('{{ .Name }}_{{ .TaskName }}')\(levels)",
        "alert().id('{{ .Name }}_{{ .TaskName }}')\(levels).topic('alerts')",
        "alert().id('{{ index .Tags \"host\" }}:{{ .Group }}')\(levels).topic('alerts').message('{{ .ID }} {{ .Level }} {{ index .Fields \"v\" }}')",
        "alert()\(levels).stateChangesOnly().topic('alerts')",
        "alert()\(levels).stateChangesOnly(3s)",
        "alert()\(levels).flapping(0.25, 0.5).history(5).topic('alerts')",
        "alert()\(levels).levelTag('level').idTag('idt').levelField('lf').idField('id').durationField('d')",
        "alert()\(levels).messageField('msg').durationField('d')",
        "alert()\(levels).noRecoveries().topic('alerts')",
        "alert().info(lambda: \"v\" > 10).infoReset(lambda: \"v\" < 5).crit(lambda: \"v\" > 30).critReset(lambda: \"v\" < 25).topic('alerts')",
        "alert().warn(lambda: sigma(\"v\") > 1.0).crit(lambda: \"missing\" > 1).topic('alerts')",
        "alert().category('c').inhibit('c', 'host')\(levels)",
    ]

    /// Hosts a and b in turn, each with its own shared tag set as the parser's series cache makes
    /// them, a copy of a's tags made apart, points without the field, of another measurement, and
    /// float and int values rising and falling through every level.
    private static func points() -> [Point] {
        let a = Tags(["host": "a", "dc": "x"]), b = Tags(["host": "b", "dc": "x"])
        var points: [Point] = []
        for second in Int64(0)..<120 {
            let tags = second % 7 == 3 ? Tags(["host": "a", "dc": "x"]) : second % 2 == 0 ? a : b
            let level = (second * 13 + second / 5) % 41
            let value: FieldValue = second % 5 == 4 ? .int(level) : .float(Double(level) + 0.5)
            let fields = second % 11 == 6 ? Fields([Field("w", .float(1))]) : Fields([Field("v", value)])
            points.append(Point(database: "db", retentionPolicy: "rp", measurement: "m", tags: tags, fields: fields, time: second * 1_000_000_000 + 400_000_000))
            if second % 9 == 0 {
                points.append(Point(database: "db", retentionPolicy: "rp", measurement: "n", tags: b, fields: Fields([Field("v", .float(35))]), time: second * 1_000_000_000))
            }
        }
        return points
    }

    /// A runner of `script` recording the events of topic `alerts`.
    private struct Run {
        let harness: InfluxQLHarness
        let recorder = EventRecorder()

        init(_ script: String) throws {
            harness = try InfluxQLHarness(script: script)
            harness.context.topics.register(recorder, id: "recorder", topic: "alerts")
        }

        func events() async -> [Event] {
            await harness.context.topics.handlerQueue(id: "recorder", topic: "alerts")?.waitUntilIdle()
            return recorder.events
        }
    }

    private func compare(_ from: String, _ alert: String, tail: String) async throws {
        let alone = try Run("stream|\(from)|\(alert)\(tail)")
        let shared = try Run("var f = stream|\(from)\nf|\(alert)\(tail)\nf|httpOut('other')")
        var outputs: [(String, String)] = []
        for point in Self.points() {
            alone.harness.runner.write(point)
            shared.harness.runner.write(point)
            outputs.append((alone.harness.context.httpOut.json("out") ?? "", shared.harness.context.httpOut.json("out") ?? ""))
        }
        for (index, (mine, theirs)) in outputs.enumerated() { #expect(mine == theirs, "after point \(index)") }
        let runner = alone.harness.runner, other = shared.harness.runner
        let nodes = runner.graph.vertices.count
        #expect(Array(runner.stats.map { [$0.processed, $0.emitted, $0.errors] }) == Array(other.stats.prefix(nodes).map { [$0.processed, $0.emitted, $0.errors] }))
        #expect(runner.statistics(of: 2) == other.statistics(of: 2))
        #expect(runner.statistics(of: 2)["alerts_triggered", default: 0] > 0)
        #expect(runner.cardinality(of: 2) == other.cardinality(of: 2))
        #expect(alone.harness.errors == shared.harness.errors)
        let events = await alone.events()
        #expect(events == (await shared.events()))
        if alert.contains(".topic(") { #expect(!events.isEmpty) }
    }

    @Test(arguments: froms, alerts)
    func eventsAndEmissionsAreWhatMessagesMake(from: String, alert: String) async throws {
        try await compare(from, alert, tail: "|httpOut('out')")
    }

    @Test(arguments: froms, alerts)
    func anAlertWithoutChildrenCountsWhatMessagesMake(from: String, alert: String) async throws {
        try await compare(from, alert, tail: "")
    }
}
