/// A set of points of one group over a time range, as windows and queries emit them.
public struct Batch: Sendable, Equatable {
    /// The measurement name.
    public var name: String
    /// The group the points belong to.
    public var group: GroupID
    /// The group's tags.
    public var tags: Tags
    /// What the data is grouped by.
    public var dimensions: Dimensions
    /// The batch's time: the end of its window or query range.
    public var tmax: Timestamp
    /// The points, oldest first.
    public var points: [BatchPoint]

    /// Creates a batch.
    public init(
        name: String, group: GroupID = .none, tags: Tags = Tags(), dimensions: Dimensions = .none, tmax: Timestamp,
        points: [BatchPoint] = []
    ) {
        self.name = name
        self.group = group
        self.tags = tags
        self.dimensions = dimensions
        self.tmax = tmax
        self.points = points
    }
}

/// One point of a batch: its time, fields and full tag set.
public struct BatchPoint: Sendable, Equatable {
    public var time: Timestamp
    public var fields: Fields
    public var tags: Tags

    /// Creates a batch point.
    public init(time: Timestamp, fields: Fields, tags: Tags = Tags()) {
        self.time = time
        self.fields = fields
        self.tags = tags
    }
}
