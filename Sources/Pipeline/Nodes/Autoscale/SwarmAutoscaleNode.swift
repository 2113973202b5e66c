import TICKscript

/// Scales a Docker Swarm service to a lambda's replica count.
public struct SwarmAutoscaleNode: PipelineNode {
    public var cluster = ""
    public var serviceName = ""
    public var serviceNameTag = ""
    public var outputServiceNameTag = ""
    public var currentField = ""
    public var max: Int64 = 0
    public var min: Int64 = 1
    public var replicas: Node?
    public var increaseCooldown: Duration = .zero
    public var decreaseCooldown: Duration = .zero

    public static let spec = NodeSpec<Self>(
        "swarmAutoscale", kind: "swarm_autoscale", provides: .stream, doc: "Autoscales a Docker Swarm service.",
        make: { Self() },
        properties: [
            .string("cluster", \.cluster, doc: "The `[[swarm]]` id."),
            .string("serviceName", \.serviceName, doc: "The service to scale."),
            .string("serviceNameTag", \.serviceNameTag, doc: "The tag holding the service to scale."),
            .string("outputServiceNameTag", \.outputServiceNameTag, doc: "The output tag for the service name."),
            .string("currentField", \.currentField, doc: "Stores the current replica count in this field."),
            .int("max", \.max, doc: "The most replicas; 0 for no limit."),
            .int("min", \.min, doc: "The fewest replicas."),
            .lambda("replicas", \.replicas, doc: "The desired replica count."),
            .duration("increaseCooldown", \.increaseCooldown, doc: "The least time between two increases."),
            .duration("decreaseCooldown", \.decreaseCooldown, doc: "The least time between two decreases."),
        ]
    )

    public func validate() throws(PipelineError) {
        if serviceName.isEmpty == serviceNameTag.isEmpty {
            throw PipelineError("must specify exactly one of ServiceName or ServiceNameTag")
        }
        try Autoscale.validate(min: min, replicas: replicas)
    }
}
