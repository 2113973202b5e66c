import Alerting
import Foundation
import Models
import Synchronization

/// What the nodes of a running task share with the world outside the task: its name, the wall
/// clock, where httpOut results and alert events go and where node errors are reported.
public final class TaskContext: Sendable {
    /// The task's ID.
    public let taskName: String
    /// The wall clock (`now()` in lambdas, barrier timers).
    public let clock: any WallClock
    /// The results of the task's httpOut nodes, by endpoint.
    public let httpOut = HTTPOutResults()
    /// The alert topics events are published to (the server's, or a replay's own).
    public let topics: Topics
    /// The inhibitors of the alert nodes of every task.
    public let inhibitors: InhibitorLookup
    /// The task master's ID, the first part of an alert node's anonymous topic (`main`).
    public let taskMasterID: String
    /// What alert templates see of the server.
    public let serverInfo: ServerInfo
    /// Called for each message a node fails to process: node name, message.
    let onError: @Sendable (String, String) -> Void
    /// Called by `log` nodes: level, line.
    let onLog: @Sendable (String, String) -> Void
    /// The seed of lambdas' `rand()`; nil seeds each generator at random.
    public let randomSeed: UInt64?
    /// Where `httpPost` nodes send their requests.
    public let poster: (any HTTPPoster)?
    /// The `[[httppost]]` endpoints of the configuration, by id.
    public let endpoints: [String: HTTPPostEndpoint]
    /// How long a group may see no data before its state is dropped everywhere downstream of the
    /// node that formed it (`from`, `groupBy`, a query), as `barrier().delete(TRUE)` would; nil keeps
    /// groups until the task stops, as Kapacitor does.
    public let groupIdleExpiry: Int64?
    /// Writes points into the server's stream (`kapacitorLoopback`); each carries its db and rp.
    public let loopback: (@Sendable ([Point]) -> Void)?
    /// The configured InfluxDB clusters (batch queries, `influxDBOut`); nil when none is enabled.
    public let influxDB: (any InfluxDBAccess)?
    /// Where `sideload` nodes read their files; nil when sideload is unavailable.
    public let sideload: (any SideloadSources)?

    /// Creates a context; without `topics` and `inhibitors` the task's alerts stay in its own.
    public init(
        taskName: String, clock: any WallClock = SystemClock(), topics: Topics = Topics(),
        inhibitors: InhibitorLookup = InhibitorLookup(), taskMasterID: String = "main", serverInfo: ServerInfo = ServerInfo(),
        onError: @escaping @Sendable (String, String) -> Void = { _, _ in },
        onLog: @escaping @Sendable (String, String) -> Void = { _, _ in },
        randomSeed: UInt64? = nil, poster: (any HTTPPoster)? = nil, endpoints: [String: HTTPPostEndpoint] = [:],
        loopback: (@Sendable ([Point]) -> Void)? = nil, groupIdleExpiry: Int64? = nil, influxDB: (any InfluxDBAccess)? = nil,
        sideload: (any SideloadSources)? = nil
    ) {
        self.sideload = sideload
        self.influxDB = influxDB
        self.groupIdleExpiry = groupIdleExpiry
        self.loopback = loopback
        self.randomSeed = randomSeed
        self.poster = poster
        self.endpoints = endpoints
        self.taskName = taskName
        self.clock = clock
        self.topics = topics
        self.inhibitors = inhibitors
        self.taskMasterID = taskMasterID
        self.serverInfo = serverInfo
        self.onError = onError
        self.onLog = onLog
    }
}

/// The latest results of a task's httpOut nodes, readable from any thread.
public final class HTTPOutResults: Sendable {
    private let results = Mutex<[String: HTTPOutTable]>([:])

    /// The JSON body GET `/kapacitor/v1/tasks/{task}/{endpoint}` returns, or nil without such an endpoint.
    public func json(_ endpoint: String) -> String? {
        results.withLock { $0[endpoint] }.map { $0.json() }
    }

    /// Whether the task has an httpOut node named `endpoint`.
    public func has(_ endpoint: String) -> Bool { results.withLock { $0[endpoint] != nil } }

    func update(_ endpoint: String, _ change: (inout HTTPOutTable) -> Void) {
        // In place: copying the table out and back would copy its arrays on every message.
        results.withLock { results in change(&results[endpoint, default: HTTPOutTable()]) }
    }
}

/// A `[[httppost]]` endpoint that `httpPost` nodes name instead of a URL: its URL (a template
/// executed with each row), headers, basic auth and `row-template` body.
public struct HTTPPostEndpoint: Sendable, Equatable {
    /// The URL, or a Go template of it (`{{ .Name }}`, `{{ index .Tags "host" }}`).
    public var url: String
    /// Headers sent with each POST.
    public var headers: [String: String]
    /// `basic-auth` user name; credentials are sent when both it and `password` are set.
    public var username: String
    /// `basic-auth` password.
    public var password: String
    /// The Go template rendering each row as the body instead of JSON (`row-template`, or the
    /// contents of `row-template-file`); empty for JSON.
    public var rowTemplate: String

    /// The `Authorization` header of its basic auth, when both user name and password are set.
    public var basicAuthorization: String? {
        guard !username.isEmpty, !password.isEmpty else { return nil }
        return "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
    }

    /// Creates an endpoint.
    public init(url: String, headers: [String: String] = [:], username: String = "", password: String = "", rowTemplate: String = "") {
        self.url = url
        self.headers = headers
        self.username = username
        self.password = password
        self.rowTemplate = rowTemplate
    }
}
