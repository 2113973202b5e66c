import Pipeline

extension PipelineGraph {
    /// The measurements the task's `stream` sources take, as Kapacitor forks written points by
    /// database, retention policy and measurement: those named by the `from` nodes they feed; nil
    /// (every measurement) when one of them names none or is not a `from`.
    var streamMeasurements: Set<String>? {
        var measurements: Set<String> = []
        for source in sources where vertices[source].method == "stream" {
            for child in vertices[source].children {
                guard let from = vertices[child].node as? FromNode, !from.measurement.isEmpty else { return nil }
                measurements.insert(from.measurement)
            }
        }
        return measurements
    }
}
