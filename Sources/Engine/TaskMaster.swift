import Foundation
import Alerting
import Logging
import Models
import Pipeline
import Storage
import Synchronization

/// Owns the tasks: their definitions in the store, the running ones and the routing of written
/// points to them.
public final class TaskMaster: Sendable {
    /// The store tasks are kept in.
    public let store: Store
    /// Routes written points to running tasks.
    public let router: PointRouter
    /// Points received per database, retention policy and measurement.
    public let ingress: IngressStats
    let clock: any WallClock
    let logger: Logger
    /// Running tasks by ID; the lock also serialises every change of a task or template.
    let running = Mutex<[String: RunningTask]>([:])
    /// Why each task that should run could not start, as Kapacitor keeps a task's last error.
    let lastErrors = Mutex<[String: String]>([:])
    /// How many points a running task's queue holds before it drops new ones.
    public let queueCapacity: Int
    /// Where `httpPost` nodes send requests.
    let poster: any HTTPPoster
    /// The configured `[[httppost]]` endpoints, which tasks started later take as the config
    /// API changes them.
    let endpoints: Mutex<[String: HTTPPostEndpoint]>
    /// `[task] group-idle-expiry` in nanoseconds, nil when off.
    let groupIdleExpiry: Int64?
    /// The alert handler kinds the server offers (injected: the engine knows no handler).
    let handlerKinds: HandlerKinds
    /// What handlers are made with: configuration sections, HTTP, logging.
    public let handlerEnvironment: HandlerEnvironment
    /// The alert topics the tasks' alert nodes publish to.
    public let topics: Topics
    /// The inhibitors of the running alert nodes.
    public let inhibitors = InhibitorLookup()
    /// The topic handlers defined through the API and handler files.
    public let topicHandlers: TopicHandlerRegistry
    /// The services configured with `global = true`, as the configuration says now.
    var globalHandlers: GlobalHandlers { GlobalHandlers(sections: handlerEnvironment.sections) }
    /// The files `sideload` nodes read, shared by the tasks.
    public let sideload = SideloadLoader()
    /// Who this server is, as alert templates show it (`.ServerInfo`).
    let serverInfo: ServerInfo
    /// The configured InfluxDB clusters; nil when none is enabled.
    let influxDB: (any InfluxDBAccess)?
    /// `[task] batch-jitter` in nanoseconds: each batch task's queries run a stable part of it
    /// after their ticks, so that many tasks do not query at the same instant; 0 is off.
    let batchJitter: Int64
    /// Where batch queries' cron schedules are read (Kapacitor uses the local time zone).
    let timeZone: TimeZone

    /// Creates a task master over `store`.
    public init(
        store: Store, clock: any WallClock = SystemClock(), logger: Logger = Logger(label: "condenser.engine"),
        queueCapacity: Int = 100_000, topics: Topics = Topics(), poster: any HTTPPoster = AsyncHTTPPoster(),
        endpoints: [String: HTTPPostEndpoint] = [:], groupIdleExpiry: Int64 = 0,
        handlerKinds: HandlerKinds = HandlerKinds([]), handlerSections: [String: Data] = [:],
        influxDB: (any InfluxDBAccess)? = nil, serverInfo: ServerInfo = ServerInfo(), batchJitter: Int64 = 0,
        timeZone: TimeZone = .current
    ) {
        self.influxDB = influxDB
        self.serverInfo = serverInfo
        self.batchJitter = max(0, batchJitter)
        self.timeZone = timeZone
        self.groupIdleExpiry = groupIdleExpiry > 0 ? groupIdleExpiry : nil
        self.handlerKinds = handlerKinds
        handlerEnvironment = HandlerEnvironment(
            source: HandlerSections(handlerSections), poster: poster, logger: logger, clock: clock)
        self.store = store
        self.topics = topics
        self.queueCapacity = queueCapacity
        self.poster = poster
        self.endpoints = Mutex(endpoints)
        self.clock = clock
        self.logger = logger
        router = PointRouter()
        ingress = IngressStats()
        topicHandlers = TopicHandlerRegistry(
            store: store, topics: topics, kinds: handlerKinds, environment: handlerEnvironment, logger: logger)
    }

    /// Restores the topics' alert states and handlers, then starts every task stored as enabled; a task
    /// that cannot start is logged and left disabled.
    public func start() throws(EngineError) {
        try topicHandlers.restore()
        let records = try storage { () throws(StorageError) in try store.tasks.all() }
        running.withLock { running in
            for record in records where record.status == .enabled {
                do {
                    try launch(record, in: &running)
                } catch {
                    logger.error("failed to start enabled task", metadata: ["task": "\(record.id)", "error": "\(error)"])
                }
            }
        }
        logger.info("task master started", metadata: ["tasks": "\(records.count)", "enabled": "\(running.withLock { $0.count })"])
    }

    /// Stops every running task, keeping their stored state, and stores the alert states still queued.
    public func stop() {
        running.withLock { running in
            for id in Array(running.keys) { halt(id, in: &running) }
        }
        topicHandlers.flushStates()
    }

    /// Defines a new task.
    public func create(_ request: TaskRequest) throws(EngineError) -> TaskInfo {
        try running.withLock { (running) throws(EngineError) -> TaskInfo in
            let id = request.id ?? ""
            try TaskRequest.validate(id: id)
            if try storage({ () throws(StorageError) in try store.tasks.find(id) }) != nil {
                throw .conflict("task \(id) already exists")
            }
            var script = request.script ?? ""
            let templateID = request.templateID ?? ""
            if !templateID.isEmpty {
                script = try template(templateID, unknown: templateID).script
            } else if script.isEmpty {
                throw .invalid("must provide TICKscript")
            }
            let vars = try request.varsJSON.map(TaskVars.decode) ?? [:]
            let analysis = try TaskScript(script, vars: vars)
            let type = analysis.type
            guard type != .invalid else { throw .invalid("invalid task type: invalid") }
            let dbrps = try TaskScript.dbrps(
                script: analysis.dbrps, requested: request.dbrps,
                both: "cannot specify dbrp in both implicitly and explicitly")
            let now = clock.now()
            let status = request.status ?? .disabled
            let record = TaskRecord(
                id: id, type: type, dbrps: dbrps, script: script, status: status,
                templateID: templateID, vars: TaskVars.encode(vars),
                created: now, modified: now, lastEnabled: status == .enabled ? now : 0)
            try storage { () throws(StorageError) in try store.tasks.save(record) }
            if status == .enabled { try launch(record, in: &running) }
            return info(record, running[id])
        }
    }

    /// Changes the fields `request` carries of task `id`; absent fields are kept.
    public func update(_ id: String, _ request: TaskRequest) throws(EngineError) -> TaskInfo {
        try running.withLock { (running) throws(EngineError) -> TaskInfo in
            var record = try storedTask(id)
            let oldID = record.id
            if let newID = request.id, newID != oldID {
                try TaskRequest.validate(id: newID)
                if try storage({ () throws(StorageError) in try store.tasks.find(newID) }) != nil {
                    throw .conflict("failed to create new task during ID change: task already exists")
                }
                record.id = newID
            }
            let templateID = request.templateID.flatMap { $0.isEmpty ? nil : $0 } ?? record.templateID
            if !templateID.isEmpty {
                record.script = try template(templateID, unknown: request.templateID ?? "").script
                record.templateID = templateID
            } else if let script = request.script {
                guard !script.isEmpty else { throw .invalid("must provide TICKscript") }
                record.script = script
            }
            if let varsJSON = request.varsJSON { record.vars = TaskVars.encode(try TaskVars.decode(varsJSON)) }
            let analysis = try TaskScript(record.script, vars: TaskVars.stored(record.vars))
            guard analysis.type != .invalid else { throw .invalid("invalid task type: invalid") }
            record.type = analysis.type
            let requested = request.dbrps.flatMap { $0.isEmpty ? nil : $0 }
            if !analysis.dbrps.isEmpty || requested != nil || request.script != nil {
                record.dbrps = try TaskScript.dbrps(
                    script: analysis.dbrps, requested: requested ?? (analysis.dbrps.isEmpty ? record.dbrps : nil),
                    both: "cannot specify dbrp in implicitly and explicitly")
            }
            let now = clock.now()
            record.modified = now
            if let status = request.status {
                if status == .enabled && record.status != .enabled { record.lastEnabled = now }
                record.status = status
            }
            try storage { () throws(StorageError) in try store.tasks.replace(oldID, with: record) }
            halt(oldID, in: &running)
            if oldID != record.id { lastErrors.withLock { $0[oldID] = nil } }
            if record.status == .enabled { try launch(record, in: &running) } else { lastErrors.withLock { $0[record.id] = nil } }
            return info(record, running[record.id])
        }
    }

    /// Deletes task `id`; deleting a missing task is not an error, as in Kapacitor.
    public func delete(_ id: String) throws(EngineError) {
        try running.withLock { (running) throws(EngineError) in
            halt(id, in: &running)
            lastErrors.withLock { $0[id] = nil }
            _ = try storage { () throws(StorageError) in try store.tasks.delete(id) }
            deleteAnonymousTopics(of: id)
        }
    }

    /// The task `id`.
    public func task(_ id: String) throws(EngineError) -> TaskInfo {
        info(try storedTask(id), running.withLock { $0[id] })
    }

    /// Every task, sorted by ID.
    public func tasks() throws(EngineError) -> [TaskInfo] {
        let records = try storage { () throws(StorageError) in try store.tasks.all() }
        let running = running.withLock { $0 }
        return records.map { info($0, running[$0.id]) }
    }

    /// How many tasks are stored and how many run.
    public func counts() throws(EngineError) -> (tasks: Int, enabled: Int) {
        let records = try storage { () throws(StorageError) in try store.tasks.all() }
        return (records.count, records.filter { $0.status == .enabled }.count)
    }

    /// Takes points written to `dbrp`: counts them and routes them to the running tasks.
    public func write(_ points: [Point], dbrp: DBRP) {
        ingress.record(points, dbrp: dbrp)
        router.route(points, dbrp: dbrp)
    }

    /// Starts `record`'s graph behind its own queue; a task that cannot run keeps the error,
    /// as Kapacitor answers 500 and shows it in the task's `error`.
    func launch(_ record: TaskRecord, in running: inout [String: RunningTask]) throws(EngineError) {
        do {
            let analysis = try TaskScript(record.script, vars: TaskVars.stored(record.vars))
            let graph = globalHandlers.apply(to: analysis.graph)
            let executor = try TaskExecutor(
                graph: graph, capacity: queueCapacity,
                context: context(task: record.id, loopback: { [weak self] points in self?.loop(points) }))
            let batch = try batchScheduler(for: graph, task: record.id)
            let handlers = try registerHandlers(of: graph, task: record.id)
            let token = router.subscribe(executor, dbrps: record.dbrps, measurements: graph.streamMeasurements)
            executor.start()
            running[record.id] = RunningTask(token: token, executor: executor, type: record.type, handlers: handlers, batch: batch)
            lastErrors.withLock { $0[record.id] = nil }
            logger.info("started task", metadata: ["task": "\(record.id)"])
        } catch {
            lastErrors.withLock { $0[record.id] = error.description }
            throw .failed(error.description)
        }
    }

    /// What task `task`'s nodes share with this server, in task master `master` (`main`, or a
    /// replay's ID): its node errors and `log` lines go to the server's log.
    func context(
        task: String, master: String = "main", clock: (any WallClock)? = nil, loopback: @escaping @Sendable ([Point]) -> Void
    ) -> TaskContext {
        let logger = logger
        var metadata: Logger.Metadata = ["task": "\(task)"]
        if master != "main" { metadata["task_master"] = "\(master)" }
        return TaskContext(
            taskName: task, clock: clock ?? self.clock, topics: topics, inhibitors: inhibitors, taskMasterID: master,
            serverInfo: serverInfo,
            onError: { [metadata] node, message in
                logger.error("\(message)", metadata: metadata.merging(["node": "\(node)"]) { $1 })
            },
            onLog: { [metadata] level, line in logger.log(level: Logger.Level(kapacitor: level), "\(line)", metadata: metadata) },
            poster: poster, endpoints: endpoints.withLock { $0 }, loopback: loopback, groupIdleExpiry: groupIdleExpiry,
            influxDB: influxDB, sideload: sideload)
    }

    /// The schedule of the graph's query nodes; nil when it has none. Fails with Kapacitor's
    /// messages for a query that does not parse, a wrong schedule, or no InfluxDB configured.
    func batchScheduler(for graph: PipelineGraph, task: String) throws(EngineError) -> BatchScheduler? {
        let plans = try BatchScheduler.plans(of: graph, zone: timeZone)
        guard !plans.isEmpty else { return nil }
        guard influxDB != nil else { throw .invalid("InfluxDB not configured, cannot query InfluxDB for batch query") }
        return BatchScheduler(plans: plans, start: clock.now(), jitter: batchJitter, taskID: task)
    }

    /// Makes the handlers the task's alert nodes declare and registers each on its node's anonymous
    /// topic (`<master>:<task>:<node>`); returns what was registered. Nothing stays registered
    /// when one fails.
    func registerHandlers(
        of graph: PipelineGraph, task: String, master: String = "main"
    ) throws(EngineError) -> [RegisteredHandler] {
        var registered: [RegisteredHandler] = []
        for (node, index, call) in graph.alertHandlers {
            do {
                guard let kind = handlerKinds.kind(call.kind) else {
                    throw EngineError.invalid("\(node): the \(call.kind) alert handler is not available")
                }
                let handler: any AlertHandler
                do {
                    handler = try kind.makeHandler(options: call.optionsJSON, environment: handlerEnvironment)
                } catch {
                    throw EngineError.invalid("\(node): failed to create \(call.kind) handler: \(error)")
                }
                let entry = RegisteredHandler(
                    id: "\(node)-\(call.kind)-\(index)", topic: "\(master):\(task):\(node)", kind: call.kind,
                    options: call.optionsJSON)
                topics.register(handler, id: entry.id, topic: entry.topic)
                registered.append(entry)
            } catch {
                for entry in registered { topics.deregister(id: entry.id, topic: entry.topic) }
                throw error as? EngineError ?? .invalid("\(error)")
            }
        }
        return registered
    }

    /// Points a task writes back into the stream, grouped by their db and rp.
    func loop(_ points: [Point]) {
        var byDBRP: [DBRP: [Point]] = [:]
        for point in points { byDBRP[DBRP(db: point.database, rp: point.retentionPolicy), default: []].append(point) }
        for (dbrp, points) in byDBRP { write(points, dbrp: dbrp) }
    }

    /// Stops task `id` if it runs.
    func halt(_ id: String, in running: inout [String: RunningTask]) {
        guard let task = running.removeValue(forKey: id) else { return }
        router.unsubscribe(task.token)
        task.executor.stop()
        for entry in task.handlers { topics.deregister(id: entry.id, topic: entry.topic) }
    }

    func info(_ record: TaskRecord, _ task: RunningTask?) -> TaskInfo {
        var info = TaskInfo(record: record, executing: task != nil, pointsReceived: task?.executor.counts.received)
        info.error = lastErrors.withLock { $0[record.id] } ?? ""
        if let task {
            let stats = task.executor.stats
            info.execution = ExecutionStats(
                graph: task.executor.graph, nodes: stats.nodes, cardinalities: stats.cardinalities,
                throughput: task.executor.throughput, dropped: task.executor.counts.dropped, type: record.type,
                extra: stats.extra)
        }
        return info
    }

    /// The statistics of every running task, by task ID.
    public func executionStats() -> [(task: String, stats: ExecutionStats)] {
        running.withLock { $0 }.sorted { $0.key < $1.key }.map { id, task in
            let stats = task.executor.stats
            return (id, ExecutionStats(
                graph: task.executor.graph, nodes: stats.nodes, cardinalities: stats.cardinalities,
                throughput: task.executor.throughput, dropped: task.executor.counts.dropped, type: task.type))
        }
    }

    /// Passes the wall clock's reading to every running task's timers (stats and deadman
    /// intervals, barrier idle times); the daemon calls it every second, tests with a manual clock.
    /// Batch tasks' query nodes whose ticks are due run their queries here too.
    public func tick() {
        let now = clock.now()
        for task in running.withLock({ Array($0.values) }) {
            task.executor.tick(now)
            guard let batch = task.batch, let influxDB else { continue }
            for due in batch.due(at: now) {
                logger.debug("starting batch query", metadata: ["task": "\(task.executor.context.taskName)", "query": "\(due.text)"])
                Task { [executor = task.executor] in
                    await BatchScheduler.run(due, on: influxDB, into: executor)
                    batch.finished(due.plan.index)
                }
            }
        }
    }

    /// Deletes the topics of task `id`'s alert handlers (`main:<id>:<node>`), as Kapacitor's delete hook.
    func deleteAnonymousTopics(of id: String) {
        let prefix = "main:\(id):"
        for topic in topics.summaries(matching: { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains(":") }) {
            topics.delete(topic.id)
        }
    }

    /// The JSON an httpOut node of running task `id` serves, or nil.
    public func httpOut(task id: String, endpoint: String) -> String? {
        running.withLock { $0[id] }?.executor.context.httpOut.json(endpoint)
    }

    func storage<T>(_ body: () throws(StorageError) -> T) throws(EngineError) -> T {
        do {
            return try body()
        } catch {
            throw .storage(error.description)
        }
    }
}

/// A task that runs: its router subscription and its executor.
struct RunningTask: Sendable {
    let token: Int
    let executor: TaskExecutor
    let type: TaskType
    /// The alert handlers registered for the task's alert nodes.
    let handlers: [RegisteredHandler]
    /// The schedule of a batch task's queries.
    let batch: BatchScheduler?
}

/// An alert node's handler registered on the node's topic, with what it was made from.
struct RegisteredHandler: Sendable {
    /// `<node>-<kind>-<index>`.
    let id: String
    /// `<master>:<task>:<node>`.
    let topic: String
    /// The handler kind.
    let kind: String
    /// The handler's JSON options.
    let options: Data
}

extension Logger.Level {
    /// A `log` node's level name.
    init(kapacitor name: String) {
        switch name {
        case "DEBUG": self = .debug
        case "WARN": self = .warning
        case "ERROR": self = .error
        default: self = .info
        }
    }
}
