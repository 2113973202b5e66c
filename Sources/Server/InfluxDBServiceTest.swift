import Alerting
import Foundation
import InfluxDB

/// The `influxdb` service test of `/kapacitor/v1/service-tests`: options `{"cluster": ""}`,
/// and a run that pings the named cluster (see `InfluxDBClusters.test(cluster:)`).
enum InfluxDBServiceTest {
    private struct Options: Decodable {
        var cluster: String
    }

    /// The test over `clusters` (nil when no `[[influxdb]]` is enabled: every cluster is unknown).
    static func tester(_ clusters: InfluxDBClusters?) -> ServiceTester {
        ServiceTester(name: "influxdb", options: { Data(#"{"cluster":""}"#.utf8) }) { data in
            let options = try JSONDecoder().decode(Options.self, from: data)
            guard let clusters else { throw InfluxDBError("cluster \"\(options.cluster)\" is not enabled or does not exist") }
            try await clusters.test(cluster: options.cluster)
        }
    }
}
