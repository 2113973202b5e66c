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
}
