import TICKscript

/// One property method of a node or handler (`.period(10s)`, `.align()`), or the arguments of the
/// chaining method that creates a node: its name, its argument shape for docs and messages, and
/// how it sets the value.
public struct Property<Target>: Sendable {
    /// The method name as written in TICKscript.
    public let name: String
    /// The argument shape, `duration` or `string...`, for docs and messages.
    public let signature: String
    /// What the property does.
    public let doc: String
    /// Sets the property; returns the index of a sub-object the call created (an alert handler),
    /// which later property calls address first.
    let apply: @Sendable (inout Target, Arguments) throws(PipelineError) -> Int?

    /// Creates a property from its setter.
    public init(
        _ name: String, _ signature: String, doc: String,
        apply: @escaping @Sendable (inout Target, Arguments) throws(PipelineError) -> Int?
    ) {
        self.name = name
        self.signature = signature
        self.doc = doc
        self.apply = apply
    }

    /// A property whose setter creates no sub-object.
    public static func custom(
        _ name: String, _ signature: String, doc: String,
        set: @escaping @Sendable (inout Target, Arguments) throws(PipelineError) -> Void
    ) -> Self {
        Self(name, signature, doc: doc) { (target: inout Target, arguments: Arguments) throws(PipelineError) -> Int? in
            try set(&target, arguments)
            return nil
        }
    }

    /// A property taking one value read by `read` and stored at `path`.
    static func single<Value>(
        _ name: String, _ signature: String, doc: String, _ path: WritableKeyPath<Target, Value> & Sendable,
        read: @escaping @Sendable (Arguments) throws(PipelineError) -> Value
    ) -> Self {
        custom(name, signature, doc: doc) { (target: inout Target, arguments: Arguments) throws(PipelineError) in
            try arguments.expect(1)
            target[keyPath: path] = try read(arguments)
        }
    }

    /// A duration property.
    public static func duration(_ name: String, _ path: WritableKeyPath<Target, Duration> & Sendable, doc: String) -> Self {
        single(name, "duration", doc: doc, path) { (arguments: Arguments) throws(PipelineError) in try arguments.duration(0) }
    }

    /// An integer property.
    public static func int(_ name: String, _ path: WritableKeyPath<Target, Int64> & Sendable, doc: String) -> Self {
        single(name, "int", doc: doc, path) { (arguments: Arguments) throws(PipelineError) in try arguments.int(0) }
    }

    /// A float property; an integer argument is promoted.
    public static func float(_ name: String, _ path: WritableKeyPath<Target, Double> & Sendable, doc: String) -> Self {
        single(name, "float", doc: doc, path) { (arguments: Arguments) throws(PipelineError) in try arguments.float(0) }
    }

    /// A string property.
    public static func string(_ name: String, _ path: WritableKeyPath<Target, String> & Sendable, doc: String) -> Self {
        single(name, "string", doc: doc, path) { (arguments: Arguments) throws(PipelineError) in try arguments.string(0) }
    }

    /// A boolean property set with an argument (`.retained(TRUE)`).
    public static func bool(_ name: String, _ path: WritableKeyPath<Target, Bool> & Sendable, doc: String) -> Self {
        single(name, "bool", doc: doc, path) { (arguments: Arguments) throws(PipelineError) in try arguments.bool(0) }
    }

    /// A lambda property.
    public static func lambda(_ name: String, _ path: WritableKeyPath<Target, Node?> & Sendable, doc: String) -> Self {
        single(name, "lambda", doc: doc, path) { (arguments: Arguments) throws(PipelineError) in try arguments.lambda(0) }
    }

    /// A flag: a property without arguments that turns something on (`.align()`).
    public static func flag(_ name: String, _ path: WritableKeyPath<Target, Bool> & Sendable, doc: String) -> Self {
        custom(name, "", doc: doc) { (target: inout Target, arguments: Arguments) throws(PipelineError) in
            try arguments.expect(0)
            target[keyPath: path] = true
        }
    }

    /// A property taking any number of strings, replacing the list.
    public static func strings(_ name: String, _ path: WritableKeyPath<Target, [String]> & Sendable, doc: String) -> Self {
        custom(name, "string...", doc: doc) { (target: inout Target, arguments: Arguments) throws(PipelineError) in
            target[keyPath: path] = try arguments.strings()
        }
    }

    /// A property taking one string, appended to a list each time it is called (`.field('x')`).
    public static func appending(_ name: String, _ path: WritableKeyPath<Target, [String]> & Sendable, doc: String) -> Self {
        custom(name, "string", doc: doc) { (target: inout Target, arguments: Arguments) throws(PipelineError) in
            try arguments.expect(1)
            target[keyPath: path].append(try arguments.string(0))
        }
    }

    /// A property taking a key and a string value, stored in a map (`.tag('k', 'v')`).
    public static func pair(_ name: String, _ path: WritableKeyPath<Target, [String: String]> & Sendable, doc: String) -> Self {
        custom(name, "string, string", doc: doc) { (target: inout Target, arguments: Arguments) throws(PipelineError) in
            try arguments.expect(2)
            target[keyPath: path][try arguments.string(0)] = try arguments.string(1)
        }
    }

    /// A property taking a key and a string, number or boolean value, stored in a map.
    public static func valuePair(
        _ name: String, _ path: WritableKeyPath<Target, [String: ScriptValue]> & Sendable, doc: String
    ) -> Self {
        custom(name, "string, value", doc: doc) { (target: inout Target, arguments: Arguments) throws(PipelineError) in
            try arguments.expect(2)
            target[keyPath: path][try arguments.string(0)] = try arguments.fieldValue(1)
        }
    }
}
