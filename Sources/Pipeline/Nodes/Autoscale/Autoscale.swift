import TICKscript

/// Checks the autoscale nodes share.
enum Autoscale {
    static func validate(min: Int64, replicas: Node?) throws(PipelineError) {
        if min < 1 { throw PipelineError("min must be >= 1, got \(min)") }
        if replicas == nil { throw PipelineError("must provide a replicas lambda expression") }
    }
}
