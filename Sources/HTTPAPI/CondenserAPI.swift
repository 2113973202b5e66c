import Alerting
import Engine
import Hummingbird
import Models

/// The `/kapacitor/v1` API over a task master.
public struct CondenserAPI: Sendable {
    /// Owns the tasks and takes written points.
    public let taskMaster: TaskMaster
    /// What `/debug/vars` reports about this daemon.
    public let identity: ServerIdentity
    /// The retention policy of a `/write` that names none.
    public let defaultRetentionPolicy: String
    /// Stamps points written without a timestamp.
    public let clock: any WallClock
    /// The largest request body accepted, after decompression.
    public let maxBodySize: Int
    /// The service tests of `/kapacitor/v1/service-tests`.
    public let serviceTesters: ServiceTesters
    /// What `/kapacitor/v1/config` shows and changes.
    public let config: any ConfigOverrideService
    /// Links the InfluxDB clusters' subscriptions, for POST `/kapacitor/v1/subscriptions`.
    public let linkSubscriptions: @Sendable () async throws -> Void
    /// The daemon's services' statistics for `/kapacitor/v1/debug/vars` (its UDP listeners).
    public let serviceStatistics: @Sendable () -> [ServiceStatistic]
    /// Sets the daemon's log level, for POST `/kapacitor/v1/loglevel`.
    public let logLevel: @Sendable (LogLevelName) -> Void
    /// The clients following the log (`/kapacitor/v1preview/logs`).
    public let logSessions: LogSessions
    /// Who may call the API, and the users API's users.
    public let authenticator: Authenticator
    /// How many InfluxDB subscriptions point at the daemon, for `/debug/vars`.
    public let subscriptionCount: @Sendable () -> Int
    /// The recordings and replays of `/kapacitor/v1/recordings` and `/replays`; nil serves none.
    public let recordings: Recordings?

    /// Creates the API.
    public init(
        taskMaster: TaskMaster, identity: ServerIdentity, defaultRetentionPolicy: String = "",
        clock: any WallClock = SystemClock(), maxBodySize: Int = 256 << 20, serviceTesters: ServiceTesters = ServiceTesters(),
        config: any ConfigOverrideService, linkSubscriptions: @escaping @Sendable () async throws -> Void = {},
        serviceStatistics: @escaping @Sendable () -> [ServiceStatistic] = { [] },
        logLevel: @escaping @Sendable (LogLevelName) -> Void = { _ in }, logSessions: LogSessions = LogSessions(),
        authenticator: Authenticator = Authenticator(required: false, users: nil, sharedSecret: ""),
        subscriptionCount: @escaping @Sendable () -> Int = { 0 }, recordings: Recordings? = nil
    ) {
        self.recordings = recordings
        self.subscriptionCount = subscriptionCount
        self.logLevel = logLevel
        self.logSessions = logSessions
        self.authenticator = authenticator
        self.serviceStatistics = serviceStatistics
        self.config = config
        self.serviceTesters = serviceTesters
        self.linkSubscriptions = linkSubscriptions
        self.taskMaster = taskMaster
        self.identity = identity
        self.defaultRetentionPolicy = defaultRetentionPolicy
        self.clock = clock
        self.maxBodySize = maxBodySize
    }

    /// The responder serving every route, wrapped in Kapacitor's headers and error bodies;
    /// `logRequests` logs each request as `[http] log-enabled` asks.
    public func responder<Context: RequestContext>(
        context: Context.Type = BasicRequestContext.self, logRequests: Bool = false
    ) -> some HTTPResponder<Context> {
        let router = Router(context: Context.self)
        router.add(middleware: ErrorBodyMiddleware())
        if logRequests { router.add(middleware: LogRequestsMiddleware(.info)) }
        var routes = RouteTable(router: router)
        let ping: @Sendable (Request, Context) async throws -> Response = { _, _ in Response(status: .noContent) }
        routes.on("/kapacitor/v1/ping", .get, ping)
        routes.on("/kapacitor/v1/ping", .head, ping)
        let write: @Sendable (Request, Context) async throws -> Response = { request, _ in try await self.write(request) }
        routes.on("/write", .post, write)
        routes.on("/kapacitor/v1/write", .post, write)
        routes.on("/kapacitor/v1/tasks", .get) { request, _ in try self.listTasks(request) }
        routes.on("/kapacitor/v1/tasks", .post) { request, _ in try await self.createTask(request) }
        routes.on("/kapacitor/v1/tasks/:id", .get) { request, context in
            try self.getTask(request, id: context.parameters.require("id"))
        }
        routes.on("/kapacitor/v1/tasks/:id", .patch) { request, context in
            try await self.updateTask(request, id: context.parameters.require("id"))
        }
        routes.on("/kapacitor/v1/tasks/:id", .delete) { _, context in
            try self.deleteTask(id: context.parameters.require("id"))
        }
        routes.on("/kapacitor/v1/tasks/:id/:endpoint", .get) { _, context in
            try self.httpOut(task: context.parameters.require("id"), endpoint: context.parameters.require("endpoint"))
        }
        routes.on("/kapacitor/v1/templates", .get) { request, _ in try self.listTemplates(request) }
        routes.on("/kapacitor/v1/templates", .post) { request, _ in try await self.createTemplate(request) }
        routes.on("/kapacitor/v1/templates/:id", .get) { request, context in
            try self.getTemplate(request, id: context.parameters.require("id"))
        }
        routes.on("/kapacitor/v1/templates/:id", .patch) { request, context in
            try await self.updateTemplate(request, id: context.parameters.require("id"))
        }
        routes.on("/kapacitor/v1/templates/:id", .delete) { _, context in
            try self.deleteTemplate(id: context.parameters.require("id"))
        }
        routes.on("/kapacitor/v1/debug/vars", .get) { _, _ in try self.debugVars() }
        routes.on("/kapacitor/v1/sideload/reload", .post) { _, _ in try self.reloadSideload() }
        routes.on("/kapacitor/v1/subscriptions", .post) { _, _ in try await self.refreshSubscriptions() }
        routes.on("/kapacitor/v1/loglevel", .post) { request, _ in try await self.setLogLevel(request) }
        routes.on("/kapacitor/v1/logs", .get) { request, _ in try self.followLogs(request) }
        routes.on("/kapacitor/v1/storage/backup", .get) { _, _ in try self.backup() }
        addTopicRoutes(&routes)
        addConfigRoutes(&routes)
        addUserRoutes(&routes)
        addServiceTestRoutes(&routes)
        if let recordings { addReplayRoutes(&routes, recordings) }
        routes.finish()
        return KapacitorResponder(next: router.buildResponder(), authenticator: authenticator)
    }
}
