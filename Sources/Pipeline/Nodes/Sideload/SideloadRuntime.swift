import GoTemplate
import Models

/// Sets fields and tags of each point to the values found in the files its tags select, or to
/// their defaults, as Kapacitor's sideload node does.
final class SideloadRuntime: NodeRuntime {
    let source: any SideloadSource
    /// The `order` templates, rendered with each point's tags.
    let order: [(raw: String, template: Template)]
    /// Fields to load with their defaults, by name.
    let fields: [(String, FieldValue)]
    /// Tags to load with their defaults, by name.
    let tags: [(String, String)]
    /// The paths of the last tag set seen.
    var last: (tags: Tags, paths: [String])?

    init(_ node: SideloadNode, context: TaskContext) throws(PipelineError) {
        guard let sources = context.sideload else { throw PipelineError("sideload sources are not available") }
        // A source without a scheme names a `[[httppost]]` endpoint, as in Kapacitor.
        if let colon = node.source.firstIndex(of: ":"), colon != node.source.startIndex,
           node.source[..<colon].allSatisfy(\.isLetter)
        {
            source = try sources.source(node.source, endpoint: nil)
        } else {
            guard let endpoint = context.endpoints[node.source] else {
                throw PipelineError("specified endpoint does not exist: \(node.source)")
            }
            source = try sources.source(endpoint.url, endpoint: endpoint)
        }
        var order: [(String, Template)] = []
        for raw in node.order {
            do {
                order.append((raw, try Template(parsing: raw, name: "order")))
            } catch {
                throw PipelineError("\(error)")
            }
        }
        self.order = order
        var fields: [(String, FieldValue)] = []
        for (name, value) in node.fields.sorted(by: { $0.key < $1.key }) {
            guard let field = value.fieldValue else {
                throw PipelineError("unsupported type \(value.typeName) for field \"\(name)\"")
            }
            fields.append((name, field))
        }
        self.fields = fields
        tags = node.tags.sorted { $0.key < $1.key }
    }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(var point):
            guard let paths = paths(point.tags, output) else { return output.emit(message) }
            point.fields = loaded(point.fields, paths, output)
            if !tags.isEmpty {
                point.tags = loaded(point.tags, paths, output)
                point.regroup(point.dimensions)
            }
            output.emit(.point(point))
        case .batch(var batch):
            for index in batch.points.indices {
                guard let paths = paths(batch.points[index].tags, output) else { continue }
                batch.points[index].fields = loaded(batch.points[index].fields, paths, output)
                batch.points[index].tags = loaded(batch.points[index].tags, paths, output)
            }
            output.emit(.batch(batch))
        case .barrier, .deleteGroup:
            output.emit(message)
        }
    }

    /// The order paths for a point's tags; nil (the point passes unchanged) when a template fails.
    /// The points of a series share their tags, so the last tag set's paths are kept.
    func paths(_ tags: Tags, _ output: NodeOutput) -> [String]? {
        if let last, last.tags == tags { return last.paths }
        let data = TemplateValue.map(TemplateMap(strings: Dictionary(tags.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })))
        var paths: [String] = []
        paths.reserveCapacity(order.count)
        for (raw, template) in order {
            do {
                paths.append(try template.render(data))
            } catch {
                output.report("failed to evaluate order template \(raw): \(error)")
                return nil
            }
        }
        last = (tags, paths)
        return paths
    }

    func loaded(_ fields: Fields, _ paths: [String], _ output: NodeOutput) -> Fields {
        guard !self.fields.isEmpty else { return fields }
        var result = fields
        for (name, fallback) in self.fields {
            result[name] = value(name, paths, default: fallback, output)
        }
        return result
    }

    func loaded(_ tags: Tags, _ paths: [String], _ output: NodeOutput) -> Tags {
        guard !self.tags.isEmpty else { return tags }
        var result = tags
        for (name, fallback) in self.tags {
            guard case .string(let text) = value(name, paths, default: .string(fallback), output) else { continue }
            result[name] = text
        }
        return result
    }

    /// The value of `key` converted to the type of its default, or the default when it is
    /// missing or cannot be converted (reported, as Kapacitor logs it).
    func value(_ key: String, _ paths: [String], default fallback: FieldValue, _ output: NodeOutput) -> FieldValue {
        guard let found = source.lookup(paths, key: key) else { return fallback }
        if let converted = Self.convert(found, like: fallback) { return converted }
        output.report("failed to load key \(key): cannot convert value of type \(found.goTypeName) to type \(fallback.typeName)")
        return fallback
    }

    /// Kapacitor's `convertType`: the value as the default's type, when it converts exactly.
    static func convert(_ value: SideloadValue, like fallback: FieldValue) -> FieldValue? {
        switch (fallback, value) {
        case (.int, .number(let number)):
            guard let int = Int64(exactly: number) else { return nil }
            return .int(int)
        case (.int, .string(let text)):
            return Int64(text).map(FieldValue.int)
        case (.float, .number(let number)):
            return .float(number)
        case (.float, .string(let text)):
            return Double(text).map(FieldValue.float)
        case (.bool, .bool(let flag)):
            return .bool(flag)
        case (.bool, .string(let text)):
            return GoFormat.parseBool(text).map(FieldValue.bool)
        case (.string, .string(let text)):
            return .string(text)
        case (.string, .bool(let flag)):
            return .string(flag ? "true" : "false")
        case (.string, .number(let number)):
            return .string(GoFormat.fixed(number))
        default:
            return nil
        }
    }
}

extension SideloadValue {
    /// The Go type Kapacitor names in its conversion error.
    var goTypeName: String {
        switch self {
        case .number: "float64"
        case .string: "string"
        case .bool: "bool"
        case .other(let name): name
        }
    }
}

extension SideloadNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        try SideloadRuntime(self, context: context)
    }
}
