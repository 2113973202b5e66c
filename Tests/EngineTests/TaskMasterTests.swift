import Engine
import Models
import Storage
import Synchronization
import Testing

/// A sink that keeps what it receives.
final class RecordingSink: PointSink {
    private let received = Mutex<[Point]>([])
    var points: [Point] { received.withLock { $0 } }
    func accept(_ points: [Point]) { received.withLock { $0.append(contentsOf: points) } }
}

func point(_ measurement: String, _ value: Double, db: String = "db", rp: String = "rp") -> Point {
    Point(database: db, retentionPolicy: rp, measurement: measurement, fields: Fields([Field("v", .float(value))]), time: 0)
}

@Suite struct PointRouterTests {
    @Test func fansOutByDBRPAndMeasurement() {
        let router = PointRouter()
        let all = RecordingSink(), cpuOnly = RecordingSink(), other = RecordingSink()
        let dbrp = DBRP(db: "db", rp: "rp")
        _ = router.subscribe(all, dbrps: [dbrp])
        _ = router.subscribe(cpuOnly, dbrps: [dbrp], measurements: ["cpu"])
        _ = router.subscribe(other, dbrps: [DBRP(db: "db", rp: "other")])
        router.route([point("cpu", 1), point("mem", 2), point("cpu", 3)], dbrp: dbrp)
        #expect(all.points.map(\.measurement) == ["cpu", "mem", "cpu"])
        #expect(cpuOnly.points.compactMap { $0.fields["v"]?.numeric } == [1, 3])
        #expect(other.points.isEmpty)
    }

    @Test func sinksOfTheSameMeasurementsShareTheSelection() {
        let router = PointRouter()
        let first = RecordingSink(), second = RecordingSink(), none = RecordingSink()
        let dbrp = DBRP(db: "db", rp: "rp")
        _ = router.subscribe(first, dbrps: [dbrp], measurements: ["cpu", "mem"])
        _ = router.subscribe(second, dbrps: [dbrp], measurements: ["mem", "cpu"])
        _ = router.subscribe(none, dbrps: [dbrp], measurements: [])
        router.route([point("cpu", 1), point("disk", 2), point("mem", 3)], dbrp: dbrp)
        router.route([point("cpu", 4), point("mem", 5)], dbrp: dbrp)
        #expect(first.points.compactMap { $0.fields["v"]?.numeric } == [1, 3, 4, 5])
        #expect(second.points.compactMap { $0.fields["v"]?.numeric } == [1, 3, 4, 5])
        #expect(none.points.isEmpty)
    }

    @Test func unsubscribeStopsDelivery() {
        let router = PointRouter()
        let sink = RecordingSink()
        let dbrp = DBRP(db: "db", rp: "rp")
        let token = router.subscribe(sink, dbrps: [dbrp, dbrp])
        #expect(router.subscriberCount(dbrp) == 1)
        router.unsubscribe(token)
        router.route([point("cpu", 1)], dbrp: dbrp)
        #expect(sink.points.isEmpty)
        #expect(router.subscriberCount(dbrp) == 0)
    }
}

@Suite struct TaskMasterTests {
    let dbrp = DBRP(db: "telegraf", rp: "autogen")

    func request(_ id: String, status: TaskStatus = .enabled) -> TaskRequest {
        TaskRequest(id: id, type: .stream, dbrps: [dbrp], script: "stream|from()", status: status)
    }

    @Test func enabledTasksReceiveWrittenPoints() throws {
        let master = TaskMaster(store: try Store.inMemory(), clock: ManualClock(1_000))
        _ = try master.create(request("on"))
        _ = try master.create(request("off", status: .disabled))
        master.write([point("cpu", 1, db: "telegraf", rp: "autogen"), point("mem", 2, db: "telegraf", rp: "autogen")], dbrp: dbrp)
        master.write([point("cpu", 1)], dbrp: DBRP(db: "db", rp: "rp"))
        #expect(try master.task("on").pointsReceived == 2)
        #expect(try master.task("on").executing)
        #expect(try master.task("off").pointsReceived == nil)
        let counts = master.ingress.snapshot()
        #expect(counts[IngressStats.Key(database: "telegraf", retentionPolicy: "autogen", measurement: "cpu")] == 1)
        #expect(counts[IngressStats.Key(database: "db", retentionPolicy: "rp", measurement: "cpu")] == 1)
        #expect(master.ingress.total == 3)
    }

    @Test func tasksReceiveOnlyTheMeasurementsTheirFromNodesName() throws {
        let master = TaskMaster(store: try Store.inMemory(), clock: ManualClock(1_000))
        func create(_ id: String, _ script: String) throws {
            _ = try master.create(TaskRequest(id: id, type: .stream, dbrps: [dbrp], script: script, status: .enabled))
        }
        try create("cpu", "stream|from().measurement('cpu')")
        try create("both", "var c = stream|from().measurement('cpu')\nvar m = stream|from().measurement('mem')\nc|join(m).as('c', 'm')")
        try create("any", "var c = stream|from().measurement('cpu')\nvar all = stream|from()\nc|join(all).as('c', 'a')")
        try create("none", "stream|from().measurement('disk')")
        let points = ["cpu", "mem", "cpu", "net"].map { point($0, 1, db: "telegraf", rp: "autogen") }
        master.write(points, dbrp: dbrp)
        // As Kapacitor forks written points by database, retention policy and measurement.
        #expect(try master.task("cpu").pointsReceived == 2)
        #expect(try master.task("both").pointsReceived == 3)
        #expect(try master.task("any").pointsReceived == 4)
        #expect(try master.task("none").pointsReceived == 0)
    }

    @Test func lifecycleTimesAndStatus() throws {
        let clock = ManualClock(1_000)
        let master = TaskMaster(store: try Store.inMemory(), clock: clock)
        let created = try master.create(request("t", status: .disabled))
        #expect(created.record.created == 1_000 && created.record.lastEnabled == 0 && !created.executing)
        clock.advance(by: 5)
        let enabled = try master.update("t", TaskRequest(status: .enabled))
        #expect(enabled.record.lastEnabled == 1_005 && enabled.record.modified == 1_005 && enabled.executing)
        #expect(enabled.record.script == "stream|from()")
        clock.advance(by: 5)
        let renamed = try master.update("t", TaskRequest(id: "u"))
        #expect(renamed.record.id == "u" && renamed.executing && renamed.record.lastEnabled == 1_005)
        #expect(throws: EngineError.notFound("no task exists")) { try master.task("t") }
        #expect(try master.counts() == (1, 1))
    }

    @Test func validationMessages() throws {
        let master = TaskMaster(store: try Store.inMemory())
        _ = try master.create(request("a"))
        #expect(throws: EngineError.conflict("task a already exists")) { try master.create(request("a")) }
        #expect(throws: EngineError.invalid("task ID must contain only letters, numbers, '-', '.' and '_'. \"a b\"")) {
            try master.create(request("a b"))
        }
        #expect(throws: EngineError.invalid("must specify dbrp")) {
            try master.create(TaskRequest(id: "b", type: .stream, script: "stream"))
        }
        #expect(throws: EngineError.invalid("must provide TICKscript")) {
            try master.create(TaskRequest(id: "b", type: .stream, dbrps: [dbrp]))
        }
        #expect(throws: EngineError.notFound("no task exists")) { try master.update("zz", TaskRequest(status: .enabled)) }
        try master.delete("never-existed")
    }

    @Test func restartReenablesEnabledTasks() throws {
        let store = try Store.inMemory()
        let first = TaskMaster(store: store)
        _ = try first.create(request("on"))
        _ = try first.create(request("off", status: .disabled))
        first.stop()
        let second = TaskMaster(store: store)
        try second.start()
        #expect(try second.task("on").executing)
        #expect(try !second.task("off").executing)
    }
}
