/// The kind names Kapacitor gives the nodes each chaining method creates (`window`, `http_out`,
/// `groupby`, ...): they name nodes in DOT (`window2`) and in node statistics.
enum NodeKinds {
    static func kind(of method: String) -> String {
        kinds[method] ?? method
    }

    /// Methods whose node kind differs from the method name; every other method (and every
    /// InfluxQL function) names its node after itself.
    static let kinds: [String: String] = [
        "groupBy": "groupby",
        "influxDBOut": "influxdb_out",
        "kapacitorLoopback": "kapacitor_loopback",
        "httpOut": "http_out",
        "httpPost": "http_post",
        "stateDuration": "state_duration",
        "stateCount": "state_count",
        "k8sAutoscale": "k8s_autoscale",
        "swarmAutoscale": "swarm_autoscale",
        "ec2Autoscale": "ec2_autoscale",
        "holtWintersWithFit": "holtWinters",
    ]
}
