import Alerting
import Foundation
import Pipeline

extension TaskMaster {
    /// Replaces the configuration sections handlers are made from, as the config API does when it
    /// overrides a section. Every handler of a kind made from a changed section — the running
    /// tasks' and the topic handlers — is first made from the new sections, and if one cannot
    /// be, nothing changes and the error says which; else each is made again and takes over
    /// from the old one, whose queue first delivers what it holds. Tasks started later see the
    /// new `global` services and `endpoints` (the `[[httppost]]` ones of `httpPost` nodes and
    /// sideload). Returns the names of the sections that changed.
    @discardableResult
    public func reconfigure(sections: [String: Data], endpoints: [String: HTTPPostEndpoint]) throws(EngineError) -> Set<String> {
        let current = handlerEnvironment.sections
        let changed = Set(current.keys).union(sections.keys).filter { current[$0] != sections[$0] }
        let kinds = handlerKinds
        let affected: @Sendable (String) -> Bool = { kind in
            kinds.kind(kind)?.configSections.contains(where: changed.contains) ?? false
        }
        try running.withLock { (running) throws(EngineError) in
            let handlers = running.values.flatMap(\.handlers).filter { affected($0.kind) }
            let trial = HandlerEnvironment(
                source: HandlerSections(sections), poster: handlerEnvironment.poster, logger: logger, clock: clock)
            for handler in handlers {
                try make(handler.kind, options: handler.options, environment: trial, naming: "handler \(handler.id) of topic \(handler.topic)")
            }
            try topicHandlers.check(where: affected) { (kind, options, name) throws(EngineError) in
                try make(kind, options: options, environment: trial, naming: name)
            }
            self.endpoints.withLock { $0 = endpoints }
            handlerEnvironment.source.replace(with: sections)
            for handler in handlers {
                if let made = try? make(handler.kind, options: handler.options, environment: handlerEnvironment, naming: handler.id) {
                    topics.register(made, id: handler.id, topic: handler.topic)
                }
            }
        }
        guard !changed.isEmpty else { return changed }
        topicHandlers.remake(where: affected)
        logger.info("configuration changed", metadata: ["sections": "\(changed.sorted().joined(separator: ","))"])
        return changed
    }

    /// A handler of `kind`; fails naming the handler.
    @discardableResult
    private func make(_ kind: String, options: Data, environment: HandlerEnvironment, naming name: String) throws(EngineError) -> any AlertHandler {
        guard let handlerKind = handlerKinds.kind(kind) else { throw .invalid("\(name): the \(kind) alert handler is not available") }
        do {
            return try handlerKind.makeHandler(options: options, environment: environment)
        } catch {
            throw .invalid("\(name): \(error)")
        }
    }
}
