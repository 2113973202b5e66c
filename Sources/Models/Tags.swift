/// A tag: a key and its value, both strings.
public struct Tag: Sendable, Hashable {
    /// The tag key.
    public var key: String
    /// The tag value.
    public var value: String

    /// Creates a tag.
    @inlinable
    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// The tag set of a point, kept sorted by key as InfluxDB keeps it; a key appears once.
public struct Tags: Sendable, Hashable, RandomAccessCollection {
    /// The tags, sorted by key.
    public private(set) var storage: [Tag]

    /// An empty tag set.
    public init() { storage = [] }

    /// Creates a tag set from tags in any order; for a repeated key the last value wins.
    public init(_ tags: [Tag]) {
        storage = []
        storage.reserveCapacity(tags.count)
        for tag in tags { self[tag.key] = tag.value }
    }

    /// Creates a tag set from a dictionary.
    public init(_ dictionary: [String: String]) {
        storage = dictionary.map { Tag($0.key, $0.value) }.sorted { $0.key < $1.key }
    }

    /// Wraps tags that are already sorted by key with no repeated key.
    public init(sorted: [Tag]) { storage = sorted }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { storage.count }
    @inlinable public subscript(position: Int) -> Tag { storage[position] }

    /// The value of the tag `key`, or nil; setting nil removes the tag.
    public subscript(key: String) -> String? {
        get {
            for tag in storage where tag.key == key { return tag.value }
            return nil
        }
        set {
            var low = 0, high = storage.count
            while low < high {
                let mid = (low + high) / 2
                if storage[mid].key < key { low = mid + 1 } else { high = mid }
            }
            let found = low < storage.count && storage[low].key == key
            switch (newValue, found) {
            case let (value?, true): storage[low].value = value
            case let (value?, false): storage.insert(Tag(key, value), at: low)
            case (nil, true): storage.remove(at: low)
            case (nil, false): break
            }
        }
    }
}
