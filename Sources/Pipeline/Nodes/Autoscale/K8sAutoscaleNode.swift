import TICKscript

/// Scales a Kubernetes deployment, replica set or replication controller to a lambda's replica count.
public struct K8sAutoscaleNode: PipelineNode {
    public var cluster = ""
    public var namespace = ""
    public var kind = "deployments"
    public var resourceName = ""
    public var resourceNameTag = ""
    public var currentField = ""
    public var max: Int64 = 0
    public var min: Int64 = 1
    public var replicas: Node?
    public var increaseCooldown: Duration = .zero
    public var decreaseCooldown: Duration = .zero
    public var namespaceTag = "namespace"
    public var kindTag = "kind"
    public var resourceTag = "resource"

    public static let spec = NodeSpec<Self>(
        "k8sAutoscale", kind: "k8s_autoscale", provides: .stream, doc: "Autoscales a Kubernetes resource.", make: { Self() },
        properties: [
            .string("cluster", \.cluster, doc: "The `[[kubernetes]]` id."),
            .string("namespace", \.namespace, doc: "The namespace of the resource."),
            .string("kind", \.kind, doc: "deployments, replicasets or replicationcontrollers."),
            .string("resourceName", \.resourceName, doc: "The resource to scale."),
            .string("resourceNameTag", \.resourceNameTag, doc: "The tag holding the resource to scale."),
            .string("currentField", \.currentField, doc: "Stores the current replica count in this field."),
            .int("max", \.max, doc: "The most replicas; 0 for no limit."),
            .int("min", \.min, doc: "The fewest replicas."),
            .lambda("replicas", \.replicas, doc: "The desired replica count."),
            .duration("increaseCooldown", \.increaseCooldown, doc: "The least time between two increases."),
            .duration("decreaseCooldown", \.decreaseCooldown, doc: "The least time between two decreases."),
            .string("namespaceTag", \.namespaceTag, doc: "The output tag for the namespace."),
            .string("kindTag", \.kindTag, doc: "The output tag for the kind."),
            .string("resourceTag", \.resourceTag, doc: "The output tag for the resource."),
        ]
    )

    public func validate() throws(PipelineError) {
        if resourceName.isEmpty == resourceNameTag.isEmpty {
            throw PipelineError("must specify exactly one of ResourceName or ResourceNameTag")
        }
        if !["deployments", "replicasets", "replicationcontrollers"].contains(kind) {
            throw PipelineError("invalid Kind, must be 'deployments', 'replicasets' or 'replicationcontrollers', got \(kind)")
        }
        try Autoscale.validate(min: min, replicas: replicas)
    }
}
