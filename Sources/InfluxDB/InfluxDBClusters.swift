import Models

/// The enabled `[[influxdb]]` clusters by name, with the default one used when a task names none:
/// the one marked `default = true`, or the only enabled one, as Kapacitor chooses.
public final class InfluxDBClusters: InfluxDBAccess {
    /// The clients by cluster name.
    public let clients: [String: InfluxDBClient]
    /// The cluster an empty name means.
    public let defaultName: String

    /// Clients for the enabled sections of `configs`; fails with Kapacitor's message when a
    /// section is invalid, two share a name, or several are enabled and none is the default.
    public init(_ configs: [InfluxDBConfig]) throws(InfluxDBError) {
        var clients: [String: InfluxDBClient] = [:]
        var defaultName = ""
        let enabled = configs.filter(\.enabled)
        for config in enabled {
            if clients[config.name] != nil { throw InfluxDBError("duplicate name \"\(config.name)\" for [[influxdb]] sections") }
            clients[config.name] = try InfluxDBClient(config)
            if config.isDefault { defaultName = config.name }
        }
        if enabled.count == 1 { defaultName = enabled[0].name }
        if !enabled.isEmpty && defaultName.isEmpty { throw InfluxDBError("no default cluster found") }
        self.clients = clients
        self.defaultName = defaultName
    }

    /// The client of `cluster` (the default one when empty), or Kapacitor's error.
    public func client(_ cluster: String) throws(InfluxDBError) -> InfluxDBClient {
        let name = cluster.isEmpty ? defaultName : cluster
        guard let client = clients[name] else { throw InfluxDBError("no such InfluxDB config \(name)") }
        return client
    }

    public func query(cluster: String, _ influxql: String) async throws -> [QuerySeries] {
        try await client(cluster).query(influxql)
    }

    public func write(cluster: String, _ write: InfluxDBWrite) async throws {
        try await client(cluster).write(
            write.points, database: write.database, retentionPolicy: write.retentionPolicy, precision: write.precision,
            consistency: write.consistency)
    }

    public func clusterError(_ cluster: String) -> String? {
        do {
            _ = try client(cluster)
            return nil
        } catch {
            return "failed to get InfluxDB client: \(error.message)"
        }
    }

    /// The service test of `/kapacitor/v1/service-tests/influxdb`: pings the cluster named
    /// exactly `cluster` (as in Kapacitor, an empty name is no cluster), then runs `SHOW DATABASES`
    /// so that wrong credentials fail too; errors in Kapacitor's wording.
    public func test(cluster: String) async throws {
        guard let client = clients[cluster] else {
            throw InfluxDBError("cluster \"\(cluster)\" is not enabled or does not exist")
        }
        do {
            _ = try await client.ping()
            _ = try await client.query("SHOW DATABASES")
        } catch {
            throw InfluxDBError("failed to ping the influxdb cluster \"\(cluster)\": \(error.message)")
        }
    }
}
