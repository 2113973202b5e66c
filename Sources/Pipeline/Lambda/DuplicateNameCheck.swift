import Models

/// Kapacitor's rule that a name a lambda references may not be both a field and a tag of the point:
/// its `fillScope` fails with `cannot have field and tags with same name` before evaluating anything,
/// whichever branch the expression would take.
///
/// Whether the rule holds depends only on the point's field keys and tag keys, and the points of a
/// series share their tag set and usually their field keys, so the check remembers the last keys
/// that passed and scans again only when they change. The remembered arrays keep their buffers
/// alive, so a point sharing the same buffer has the same keys without comparing them.
final class DuplicateNameCheck {
    /// The referenced names, `"time"` left out.
    private let names: [String]
    private var passed = false
    private var passedFields: [Field] = []
    private var passedTags: [Tag] = []
    /// Whether a referenced name is one of `passedTags`: if none is, the field keys do not matter.
    private var tagged = false

    /// A check of `names`; nil when there is nothing to check.
    init?(_ names: [String]) {
        let names = names.filter { $0 != "time" }
        if names.isEmpty { return nil }
        self.names = names
    }

    /// Fails if a referenced name is both one of `fields` and one of `tags`.
    @inline(__always)
    func verify(_ fields: [Field], _ tags: [Tag]) throws(LambdaError) {
        if passed, Self.sameKeys(tags, passedTags), !tagged || Self.sameKeys(fields, passedFields) { return }
        try verifyAgain(fields, tags)
    }

    @inline(never)
    private func verifyAgain(_ fields: [Field], _ tags: [Tag]) throws(LambdaError) {
        passed = false
        var tagged = false
        for name in names where tags.contains(where: { $0.key == name }) {
            if fields.contains(where: { $0.key == name }) {
                throw LambdaError("cannot have field and tags with same name \"\(name)\"")
            }
            tagged = true
        }
        self.tagged = tagged
        passedFields = fields
        passedTags = tags
        passed = true
    }

    /// Whether `a` and `b` hold the same keys in the same order.
    @inline(__always)
    private static func sameKeys<Element: Keyed>(_ a: [Element], _ b: [Element]) -> Bool {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                if a.baseAddress == b.baseAddress { return true }
                guard a.count == b.count else { return false }
                for index in a.indices where a[index].key != b[index].key { return false }
                return true
            }
        }
    }
}

/// A field or a tag: what has a key.
protocol Keyed {
    var key: String { get }
}

extension Field: Keyed {}
extension Tag: Keyed {}
