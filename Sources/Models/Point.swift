/// One data point as it flows through Condenser: a measurement, tags, fields and a time.
public struct Point: Sendable, Hashable {
    /// The database the point was written to.
    public var database: String
    /// The retention policy the point was written to.
    public var retentionPolicy: String
    /// The measurement name.
    public var measurement: String
    /// The tag set, sorted by key.
    public var tags: Tags
    /// The fields in the order they were written.
    public var fields: Fields
    /// Nanoseconds since the Unix epoch.
    public var time: Timestamp

    /// Creates a point.
    @inlinable
    public init(
        database: String = "", retentionPolicy: String = "", measurement: String,
        tags: Tags = Tags(), fields: Fields, time: Timestamp
    ) {
        self.database = database
        self.retentionPolicy = retentionPolicy
        self.measurement = measurement
        self.tags = tags
        self.fields = fields
        self.time = time
    }
}

/// A field: a key and its typed value.
public struct Field: Sendable, Hashable {
    /// The field key.
    public var key: String
    /// The field value.
    public var value: FieldValue

    /// Creates a field.
    @inlinable
    public init(_ key: String, _ value: FieldValue) {
        self.key = key
        self.value = value
    }
}

/// The fields of a point in written order; a key appears once.
public struct Fields: Sendable, Hashable, RandomAccessCollection {
    /// The fields.
    public private(set) var storage: [Field]

    /// Creates fields from an array whose keys are distinct.
    public init(_ fields: [Field] = []) { storage = fields }

    /// Makes room for `count` fields.
    public mutating func reserveCapacity(_ count: Int) { storage.reserveCapacity(count) }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { storage.count }
    @inlinable public subscript(position: Int) -> Field { storage[position] }

    /// The value of the field `key`, or nil; setting nil removes it, setting a new key appends it.
    public subscript(key: String) -> FieldValue? {
        get {
            for field in storage where field.key == key { return field.value }
            return nil
        }
        set {
            if let index = storage.firstIndex(where: { $0.key == key }) {
                if let newValue { storage[index].value = newValue } else { storage.remove(at: index) }
            } else if let newValue {
                storage.append(Field(key, newValue))
            }
        }
    }
}
