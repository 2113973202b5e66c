import TICKscript

/// A node of a pipeline, declared once: its spec drives TICKscript evaluation (creation, property
/// setters, edge checks), documentation and, later, the runtime.
public protocol PipelineNode: Sendable {
    /// The node's declaration.
    static var spec: NodeSpec<Self> { get }
    /// Checks that the properties set fit together, as Kapacitor does once the script is evaluated.
    func validate() throws(PipelineError)
    /// Sets property `name` of sub-object `index` (an alert handler); false when the sub-object
    /// has no such property.
    mutating func setSubProperty(_ index: Int, _ name: String, _ arguments: Arguments) throws(PipelineError) -> Bool
    /// The property names of sub-object `index`, for suggestions.
    func subPropertyNames(_ index: Int) -> [String]
    /// Sets property `name`; nil when the node has none of that name, else the index of a
    /// sub-object the property created, or -1. The default looks the name up in `spec`.
    mutating func setProperty(_ name: String, _ arguments: Arguments) throws(PipelineError) -> Int?
    /// Makes the node's running state for a task.
    func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime
    /// Makes the node's running state for a task, knowing the node's name (`alert3`); the default
    /// ignores the name.
    func makeRuntime(_ context: TaskContext, name: String) throws(PipelineError) -> any NodeRuntime
}

extension PipelineNode {
    public func validate() throws(PipelineError) {}
    public mutating func setSubProperty(_ index: Int, _ name: String, _ arguments: Arguments) throws(PipelineError) -> Bool { false }
    public func subPropertyNames(_ index: Int) -> [String] { [] }
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        throw PipelineError("the \(Self.spec.method) node cannot run yet")
    }
    public func makeRuntime(_ context: TaskContext, name: String) throws(PipelineError) -> any NodeRuntime {
        try makeRuntime(context)
    }

    public mutating func setProperty(_ name: String, _ arguments: Arguments) throws(PipelineError) -> Int? {
        guard let property = Self.spec.properties.first(where: { $0.name == name }) else { return nil }
        return try property.apply(&self, arguments) ?? -1
    }

    /// The names of the node's property methods.
    var propertyNames: [String] { Self.spec.properties.map(\.name) }
}

/// The declaration of a node type: the chaining method that creates it, the edges it wants and
/// provides, and its properties.
public struct NodeSpec<N: PipelineNode>: Sendable {
    /// The chaining method (`window`, `groupBy`, `mean`).
    public let method: String
    /// The name in DOT and statistics (`window`, `groupby`, `http_out`).
    public let kind: String
    /// What the node wants from its parent.
    public let wants: EdgeRule
    /// What the node provides to its children.
    public let provides: EdgeRule
    /// Whether the general chaining methods (`|window()`, `|eval()`, ...) may follow it.
    public let chainable: Bool
    /// The methods of the only nodes it may follow (`from` follows `stream` or `from`); nil for any.
    public let follows: [String]?
    /// What the node does.
    public let doc: String
    /// The chaining method's argument shape, for docs and messages.
    public let signature: String
    /// Makes the node from the chaining method's arguments.
    let create: @Sendable (Arguments) throws(PipelineError) -> N
    /// The property methods.
    public let properties: [Property<N>]

    /// Declares a node type.
    public init(
        _ method: String, kind: String? = nil, wants: EdgeRule = .input, provides: EdgeRule = .input,
        chainable: Bool = true, follows: [String]? = nil, doc: String, signature: String = "",
        create: @escaping @Sendable (Arguments) throws(PipelineError) -> N, properties: [Property<N>] = []
    ) {
        self.method = method
        self.kind = kind ?? method
        self.wants = wants
        self.provides = provides
        self.chainable = chainable
        self.follows = follows
        self.doc = doc
        self.signature = signature
        self.create = create
        self.properties = properties
    }

    /// The spec without its node type, for the catalogue.
    public var erased: AnyNodeSpec {
        AnyNodeSpec(
            method: method, kind: kind, wants: wants, provides: provides, chainable: chainable, follows: follows,
            doc: doc, signature: signature, propertyNames: properties.map(\.name)
        ) { (arguments: Arguments) throws(PipelineError) -> any PipelineNode in try create(arguments) }
    }
}

/// A node spec without its node type: what the evaluator needs to find and create nodes.
public struct AnyNodeSpec: Sendable {
    public let method: String
    public let kind: String
    public let wants: EdgeRule
    public let provides: EdgeRule
    public let chainable: Bool
    public let follows: [String]?
    public let doc: String
    public let signature: String
    /// The property method names.
    public let propertyNames: [String]
    /// Makes the node from the chaining method's arguments.
    public let create: @Sendable (Arguments) throws(PipelineError) -> any PipelineNode
}

extension NodeSpec {
    /// A spec whose chaining method takes no arguments and makes the node with `init()`.
    public init(
        _ method: String, kind: String? = nil, wants: EdgeRule = .input, provides: EdgeRule = .input,
        chainable: Bool = true, follows: [String]? = nil, doc: String, make: @escaping @Sendable () -> N,
        properties: [Property<N>] = []
    ) {
        self.init(
            method, kind: kind, wants: wants, provides: provides, chainable: chainable, follows: follows, doc: doc,
            create: { (arguments: Arguments) throws(PipelineError) -> N in
                try arguments.expect(0)
                return make()
            },
            properties: properties
        )
    }
}
