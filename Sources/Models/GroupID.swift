/// The identity of a group of data, as Kapacitor builds it: the measurement (when grouping by
/// it) followed by a newline, then `tag=value` pairs of the group's tags, comma-separated.
public struct GroupID: Sendable, Hashable, CustomStringConvertible {
    /// The ID text.
    public var rawValue: String

    /// Wraps an ID text.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The group of ungrouped data.
    public static let none = GroupID("")

    public var description: String { rawValue }
}

/// What data is grouped by: the measurement and a sorted list of tag names.
public struct Dimensions: Sendable, Hashable {
    /// Whether the measurement is part of the group.
    public var byName: Bool
    /// The tag names, sorted.
    public var tagNames: [String]

    /// Dimensions of tags (sorted here) and optionally the measurement.
    public init(byName: Bool = false, tagNames: [String] = []) {
        self.byName = byName
        self.tagNames = tagNames.sorted()
    }

    /// No grouping.
    public static let none = Dimensions()

    /// The group of data with measurement `name` and `tags`.
    public func groupID(name: String, tags: Tags) -> GroupID {
        if tagNames.isEmpty { return byName ? GroupID(name) : .none }
        var text = byName ? name + "\n" : ""
        for (index, tag) in tagNames.enumerated() {
            if index > 0 { text += "," }
            text += tag
            text += "="
            text += tags[tag] ?? ""
        }
        return GroupID(text)
    }

    /// The tags of `tags` that are dimensions: a group's tags.
    public func groupTags(_ tags: Tags) -> Tags {
        Tags(sorted: tags.storage.filter { tagNames.contains($0.key) })
    }
}
