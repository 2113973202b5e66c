import APIModels
import NIOCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension KapacitorClient {
    /// The server's `/debug/vars` object as it sent it.
    public func debugVarsText() async throws -> String {
        String(buffer: try await send(.GET, "/kapacitor/v1/debug/vars", expect: [200]).body)
    }

    /// The server's `/debug/vars`, decoded.
    public func debugVars() async throws -> DebugVars {
        try decode(try await send(.GET, "/kapacitor/v1/debug/vars", expect: [200]))
    }

    /// Sets the server's log level (`debug`, `info` or `error`).
    public func setLogLevel(_ level: String) async throws {
        struct Options: Encodable { var level: String }
        _ = try await send(.POST, "/kapacitor/v1/loglevel", body: Options(level: level), expect: [204])
    }

    /// A backup of the server's database: the file's bytes.
    public func backup() async throws -> [UInt8] {
        let reply = try await send(.GET, "/kapacitor/v1/storage/backup", expect: [200])
        let bytes = Array(reply.body.readableBytesView)
        if let length = reply.headers.first(name: "Content-Length").flatMap(Int.init), length != bytes.count {
            throw ClientError("failed to download entire backup, only wrote \(bytes.count) bytes out of a total \(length) bytes.")
        }
        return bytes
    }
}

/// What `kapacitor stats` reads of `/debug/vars`.
public struct DebugVars: Decodable, Sendable {
    /// One statistic: its name, tags and values.
    public struct Statistic: Decodable, Sendable {
        /// The statistic's name (`ingress`, `nodes`, `udp`).
        public var name: String
        /// Its tags.
        public var tags: [String: String]
        /// Its values.
        public var values: [String: JSONValue]
    }

    /// The cluster ID.
    public var clusterID: String
    /// The server ID.
    public var serverID: String
    /// The host name.
    public var host: String
    /// The number of tasks.
    public var numTasks: Int
    /// The number of enabled tasks.
    public var numEnabledTasks: Int
    /// The number of InfluxDB subscriptions.
    public var numSubscriptions: Int
    /// `OSS`.
    public var platform: String
    /// The server's version.
    public var version: String
    /// The statistics by key.
    public var stats: [String: Statistic]

    enum CodingKeys: String, CodingKey {
        case clusterID = "cluster_id", serverID = "server_id", host, numTasks = "num_tasks"
        case numEnabledTasks = "num_enabled_tasks", numSubscriptions = "num_subscriptions", platform, version
        case stats = "kapacitor"
    }
}
