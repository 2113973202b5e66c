import Foundation
import InfluxDB

extension Config {
    /// The `[[influxdb]]` sections, decoded with Kapacitor's defaults.
    public var influxDBConfigs: [InfluxDBConfig] {
        get throws {
            guard let data = sectionsJSON["influxdb"] else { return [] }
            do {
                return try JSONDecoder().decode([InfluxDBConfig].self, from: data)
            } catch {
                throw ConfigError("invalid [[influxdb]] section: \(error)")
            }
        }
    }

    /// The clients of the enabled `[[influxdb]]` clusters, or nil when none is enabled (tasks
    /// that need one then fail to start with Kapacitor's message; stream tasks run).
    public func influxDBClusters() throws -> InfluxDBClusters? {
        let configs = try influxDBConfigs
        guard configs.contains(where: \.enabled) else { return nil }
        do {
            return try InfluxDBClusters(configs)
        } catch {
            throw ConfigError("invalid [[influxdb]] configuration: \(error.message)")
        }
    }

    /// The `influxdb` elements of GET `/kapacitor/v1/config`, as Kapacitor redacts them: the
    /// options with `password` and `token` replaced by whether they are set, and their names in
    /// `redacted`.
    public var influxDBConfigElements: [(options: [String: Any], redacted: [String])] {
        guard case .list(let sections)? = value("influxdb") else { return [] }
        let secrets = ["password", "token"]
        return sections.map { section in
            var options = Self.json(section) as? [String: Any] ?? [:]
            for key in secrets {
                let value = options[key] as? String ?? ""
                options[key] = !value.isEmpty
            }
            return (options, secrets)
        }
    }
}
