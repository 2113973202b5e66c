import Models

/// What a lambda sees of one point: its fields, tags and time.
///
/// The fields and tags are borrowed buffers, valid only during one evaluation (see
/// ``Lambda/evaluateBool(fields:tags:time:)``), so reading them costs no reference counting. A
/// referenced name is never both a field and a tag here: ``DuplicateNameCheck`` ran first.
struct LambdaScope {
    let fields: UnsafeBufferPointer<Field>
    let tags: UnsafeBufferPointer<Tag>
    let time: Timestamp

    /// Runs a boolean node on the scope of a point, after the check that no referenced name is both a
    /// field and a tag.
    @inline(__always)
    static func evaluate(
        _ fields: Fields, _ tags: Tags, _ time: Timestamp, _ check: DuplicateNameCheck?, _ node: BoolNode
    ) throws(LambdaError) -> Bool {
        try check?.verify(fields.storage, tags.storage)
        return try fields.storage.withUnsafeBufferPointer { (fields) throws(LambdaError) -> Bool in
            try tags.storage.withUnsafeBufferPointer { (tags) throws(LambdaError) -> Bool in
                try node.evaluate(LambdaScope(fields: fields, tags: tags, time: time))
            }
        }
    }

    /// Runs an evaluator on the scope of a point, after the check that no referenced name is both a
    /// field and a tag.
    @inline(__always)
    static func evaluate(
        _ fields: Fields, _ tags: Tags, _ time: Timestamp, _ check: DuplicateNameCheck?, _ body: ValueEvaluator
    ) throws(LambdaError) -> LambdaValue {
        try check?.verify(fields.storage, tags.storage)
        return try fields.storage.withUnsafeBufferPointer { (fields) throws(LambdaError) -> LambdaValue in
            try tags.storage.withUnsafeBufferPointer { (tags) throws(LambdaError) -> LambdaValue in
                try body(LambdaScope(fields: fields, tags: tags, time: time))
            }
        }
    }

    /// The index of the field `name`, if the point has one: a scan, kept out of line because the
    /// comparisons call it only when the index the previous point had misses.
    @inline(never)
    func fieldIndex(_ name: String) -> Int? {
        let length = name.utf8.count
        for index in fields.indices where fields[index].key.utf8.count == length && fields[index].key == name {
            return index
        }
        return nil
    }

    /// The index of the tag `name`, if the point has one: a scan, kept out of line like
    /// ``fieldIndex(_:)``.
    @inline(never)
    func tagIndex(_ name: String) -> Int? {
        let length = name.utf8.count
        for index in tags.indices where tags[index].key.utf8.count == length && tags[index].key == name {
            return index
        }
        return nil
    }

    /// The value a reference names: the field, else the tag, else `.missing`. (A name that is both
    /// failed ``DuplicateNameCheck`` before the evaluation.)
    func value(of name: String) throws(LambdaError) -> LambdaValue {
        if let index = fieldIndex(name) { return try LambdaValue(field: fields[index].value, named: name) }
        if let index = tagIndex(name) { return .string(tags[index].value) }
        return .missing
    }
}
