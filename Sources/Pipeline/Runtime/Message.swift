import Models

/// What travels along an edge of a running pipeline, as Kapacitor's edge messages.
public enum Message: Sendable {
    /// One point with its group.
    case point(PointMessage)
    /// A complete batch.
    case batch(Batch)
    /// No more data older than `time` will arrive for `group`.
    case barrier(group: GroupID, time: Timestamp)
    /// The group is gone: nodes drop its state.
    case deleteGroup(GroupID)
}

/// A point flowing through a stream edge: the point, its group and what the group is made of.
public struct PointMessage: Sendable, Equatable {
    /// The measurement name.
    public var name: String
    public var database: String
    public var retentionPolicy: String
    /// The full tag set.
    public var tags: Tags
    public var fields: Fields
    public var time: Timestamp
    /// The group the point belongs to.
    public var group: GroupID
    /// What the group is made of.
    public var dimensions: Dimensions

    /// A message for `point` with its group computed from `dimensions`.
    public init(_ point: Point, dimensions: Dimensions = .none) {
        self.init(point, dimensions: dimensions, group: dimensions.groupID(name: point.measurement, tags: point.tags))
    }

    /// A message for `point` in `group`, which `dimensions` make of it.
    public init(_ point: Point, dimensions: Dimensions, group: GroupID) {
        name = point.measurement
        database = point.database
        retentionPolicy = point.retentionPolicy
        tags = point.tags
        fields = point.fields
        time = point.time
        self.dimensions = dimensions
        self.group = group
    }

    /// Regroups the message by `dimensions`.
    public mutating func regroup(_ dimensions: Dimensions) {
        self.dimensions = dimensions
        group = dimensions.groupID(name: name, tags: tags)
    }

    /// The tags of the group.
    public var groupTags: Tags { dimensions.groupTags(tags) }
}
