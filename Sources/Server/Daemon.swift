import AlertHandlers
import Alerting
import CMallocTuning
import Engine
import HTTPAPI
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import InfluxDB
import Logging
import NIOSSL
import Models
import ServiceLifecycle
import Storage
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The composition root: the store, the task master and the HTTP API built from a configuration.
public final class Daemon: Sendable {
    /// The configuration the daemon runs on.
    public let config: Config
    /// The embedded database.
    public let store: Store
    /// Owns the tasks.
    public let taskMaster: TaskMaster
    /// The HTTP API.
    public let api: CondenserAPI
    /// The enabled `[[influxdb]]` clusters (batch queries, influxDBOut, the service test); nil
    /// when none is enabled.
    public let influxDB: InfluxDBClusters?
    /// Keeps the clusters' subscriptions pointing at this daemon.
    public let subscriptions: SubscriptionLinker
    /// The `[[udp]]` line-protocol listeners.
    public let udpInputs: UDPInputs
    /// The recordings and replays of the task master's tasks.
    public let recordings: Recordings
    /// This daemon's alert handler kinds and the broker connections they hold.
    public let handlers = BuiltInHandlers()
    let logger: Logger
    let server: HTTPServerBuilder

    /// Opens the store under the configured data directory and starts the enabled tasks.
    public init(config fileConfig: Config, logger baseLogger: Logger, clock: any WallClock = SystemClock()) throws {
        let logSessions = LogSessions()
        let logger = logSessions.tee(baseLogger)
        self.logger = logger
        _ = condenser_tune_malloc()
        let directory = fileConfig.dataDirectory
        guard !directory.isEmpty else { throw ConfigError("must configure valid data dir") }
        try Self.makeDirectory(directory)
        store = try Store(path: fileConfig.databasePath)
        let config = try ConfigOverrides.startingConfig(fileConfig, repository: store.configOverrides, logger: logger)
        self.config = config
        server = try Self.serverBuilder(config)
        influxDB = try config.influxDBClusters()
        let identity = ServerIdentity(
            clusterID: try store.meta("cluster_id") { UUID().uuidString.lowercased() },
            serverID: try store.meta("server_id") { UUID().uuidString.lowercased() },
            hostname: config.hostname)
        let endpoints = try config.httpPostEndpoints
        taskMaster = TaskMaster(
            store: store, clock: clock, logger: logger, queueCapacity: Int(max(1, config.int("task", "queue-size", or: 100_000))),
            endpoints: endpoints, groupIdleExpiry: config.duration("task", "group-idle-expiry"),
            handlerKinds: handlers.kinds, handlerSections: config.sectionsJSON, influxDB: influxDB,
            serverInfo: ServerInfo(hostname: identity.hostname, clusterID: identity.clusterID, serverID: identity.serverID),
            batchJitter: config.duration("task", "batch-jitter"))
        try taskMaster.start()
        if config.bool("load", "enabled") {
            try LoadDirectory(path: config.string("load", "dir")).loadHandlers(into: taskMaster.topicHandlers)
        }
        let write: @Sendable ([Point], DBRP) -> Void = { [taskMaster] points, dbrp in taskMaster.write(points, dbrp: dbrp) }
        let authenticator = Authenticator(
            required: config.bool("http", "auth-enabled"), users: config.bool("auth", "enabled") ? store.users : nil,
            sharedSecret: config.string("http", "shared-secret"), bcryptCost: Int(config.int("auth", "bcrypt-cost")),
            pprofEnabled: config.bool("http", "pprof-enabled"), clock: clock)
        let subscriptions = SubscriptionLinker(
            clusters: influxDB, identity: identity, httpPort: config.listenAddress.port, clock: clock, logger: logger,
            authenticator: authenticator, write: write)
        udpInputs = UDPInputs(try config.udpInputs, clock: clock, logger: logger, write: write)
        self.subscriptions = subscriptions
        recordings = Recordings(taskMaster: taskMaster, directory: config.replayDirectory, logger: logger)
        try recordings.open()
        let serviceTesters = ServiceTesters(handlers.serviceTests(environment: taskMaster.handlerEnvironment))
        try serviceTesters.register(InfluxDBServiceTest.tester(influxDB))
        api = CondenserAPI(
            taskMaster: taskMaster, identity: identity, defaultRetentionPolicy: config.defaultRetentionPolicy,
            clock: clock, serviceTesters: serviceTesters,
            config: ConfigOverrides(base: fileConfig, repository: store.configOverrides) { [taskMaster, logger, handlers] config in
                let changed = try taskMaster.reconfigure(sections: config.sectionsJSON, endpoints: try config.httpPostEndpoints)
                let later = changed.subtracting(Self.sections(of: handlers.kinds)).sorted()
                if !later.isEmpty {
                    logger.warning("configuration overrides take effect at the next start", metadata: ["sections": "\(later)"])
                }
            },
            linkSubscriptions: { try await subscriptions.linkAll() },
            serviceStatistics: { [udpInputs] in
                (udpInputs.listeners + subscriptions.links.flatMap { $0.listeners.map { Array($0.running.values) } ?? [] }).map(\.statistic)
            },
            logLevel: { LogSetup.control.set($0) }, logSessions: logSessions,
            authenticator: authenticator, subscriptionCount: { subscriptions.subscriptionCount },
            recordings: recordings)
        logger.info("opened storage", metadata: ["path": "\(config.databasePath)"])
    }

    /// The HTTP application on the configured address, or on `port` when given (0 picks a free one).
    public func application(port: Int? = nil) -> some ApplicationProtocol {
        let address = config.listenAddress
        return Application(
            responder: api.responder(context: BasicRequestContext.self, logRequests: config.httpLogEnabled),
            server: server,
            configuration: ApplicationConfiguration(address: .hostname(address.host, port: port ?? address.port), serverName: nil),
            logger: logger)
    }

    /// Serves (and keeps the subscriptions linked) until SIGINT or SIGTERM — or, without
    /// `handlingSignals`, until cancelled —, then stops the tasks.
    public func run(handlingSignals: Bool = true) async throws {
        for warning in config.warnings { logger.warning("\(warning)") }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: application()), .init(service: TaskTicker(taskMaster: taskMaster)), .init(service: subscriptions),
                    .init(service: udpInputs), .init(service: LogSessionCloser(sessions: api.logSessions)),
                ],
                gracefulShutdownSignals: handlingSignals ? [.sigterm, .sigint] : [], logger: logger))
        logger.info("listening", metadata: ["address": "\(config.bindAddress)"])
        try await group.run()
        await stop()
        logger.info("stopped")
    }

    /// Stops the tasks, then closes the alert handlers' broker connections.
    public func stop() async {
        taskMaster.stop()
        await handlers.shutdown()
    }

    /// The sections alert handlers of `kinds` are made from, which a config override changes at once.
    static func sections(of kinds: HandlerKinds) -> Set<String> {
        Set(kinds.names.compactMap(kinds.kind).flatMap(\.configSections))
    }

    /// Plain HTTP/1, or HTTPS with `[http] https-certificate` (a PEM holding the chain, and the key
    /// unless `https-private-key` names another file) when `https-enabled` is set.
    static func serverBuilder(_ config: Config) throws -> HTTPServerBuilder {
        guard config.bool("http", "https-enabled") else { return .http1() }
        let certificatePath = config.string("http", "https-certificate")
        let keyPath = config.string("http", "https-private-key").isEmpty ? certificatePath : config.string("http", "https-private-key")
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificatePath).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
            return try .tls(.http1(), tlsConfiguration: .makeServerConfiguration(certificateChain: chain, privateKey: NIOSSLPrivateKeySource.privateKey(key)))
        } catch {
            throw ConfigError("cannot load https certificate \(certificatePath) and key \(keyPath): \(error)")
        }
    }

    static func makeDirectory(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component + "/"
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw ConfigError("cannot create data dir \(path): \(String(cString: strerror(errno)))")
            }
        }
    }
}

/// Ends the log sessions when the daemon begins to shut down: listed after the HTTP server, it
/// stops first, so the server's graceful shutdown does not wait on clients following the log.
struct LogSessionCloser: Service {
    let sessions: LogSessions

    func run() async throws {
        try? await gracefulShutdown()
        sessions.closeAll()
    }
}
