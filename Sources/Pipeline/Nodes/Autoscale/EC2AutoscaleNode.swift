import TICKscript

/// Scales an AWS EC2 auto scaling group to a lambda's capacity.
public struct EC2AutoscaleNode: PipelineNode {
    public var cluster = ""
    public var groupName = ""
    public var groupNameTag = ""
    public var outputGroupNameTag = ""
    public var currentField = ""
    public var max: Int64 = 0
    public var min: Int64 = 1
    public var replicas: Node?
    public var increaseCooldown: Duration = .zero
    public var decreaseCooldown: Duration = .zero

    public static let spec = NodeSpec<Self>(
        "ec2Autoscale", kind: "ec2_autoscale", provides: .stream, doc: "Autoscales an EC2 auto scaling group.",
        make: { Self() },
        properties: [
            .string("cluster", \.cluster, doc: "The `[[ec2]]` id."),
            .string("groupName", \.groupName, doc: "The auto scaling group to scale."),
            .string("groupNameTag", \.groupNameTag, doc: "The tag holding the group to scale."),
            .string("outputGroupNameTag", \.outputGroupNameTag, doc: "The output tag for the group name."),
            .string("currentField", \.currentField, doc: "Stores the current capacity in this field."),
            .int("max", \.max, doc: "The largest capacity; 0 for no limit."),
            .int("min", \.min, doc: "The smallest capacity."),
            .lambda("replicas", \.replicas, doc: "The desired capacity."),
            .duration("increaseCooldown", \.increaseCooldown, doc: "The least time between two increases."),
            .duration("decreaseCooldown", \.decreaseCooldown, doc: "The least time between two decreases."),
        ]
    )

    public func validate() throws(PipelineError) {
        if groupName.isEmpty == groupNameTag.isEmpty { throw PipelineError("must specify exactly one of GroupName or GroupNameTag") }
        try Autoscale.validate(min: min, replicas: replicas)
    }
}
