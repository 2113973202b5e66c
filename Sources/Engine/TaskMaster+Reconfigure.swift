import Alerting
import Foundation
import Pipeline

extension TaskMaster {
    /// Replaces the configuration sections handlers are made from, as the config API does when it
    /// overrides a section. Every handler of a kind made from a changed section — the running
    /// tasks' and the topic handlers — is made from the new sections; if one cannot be, nothing
    /// changes and the error says which, else each takes over from the old one, whose queue
    /// first delivers what it holds. Tasks started later see the
    /// new `global` services and `endpoints` (the `[[httppost]]` ones of `httpPost` nodes and
    /// sideload). Returns the names of the sections that changed.
    @discardableResult
    public func reconfigure(sections: [String: Data], endpoints: [String: HTTPPostEndpoint]) throws(EngineError) -> Set<String> {
        let changed = handlerEnvironment.source.changes(to: sections)
        let kinds = handlerKinds
        let affected: (String) -> Bool = { kind in
            kinds.kind(kind)?.configSections.contains(where: changed.contains) ?? false
        }
        // The handlers are made once, from the new sections, before anything changes.
        let trial = HandlerEnvironment(source: HandlerSections(sections), poster: handlerEnvironment.poster, logger: logger, clock: clock)
        try running.withLock { (running) throws(EngineError) in
            var made: [(entry: RegisteredHandler, handler: any AlertHandler)] = []
            for entry in running.values.flatMap(\.handlers) where affected(entry.kind) {
                made.append((entry, try make(entry.kind, options: entry.options, environment: trial, naming: "handler \(entry.id) of topic \(entry.topic)")))
            }
            try topicHandlers.remake(where: affected, from: trial) {
                self.endpoints.withLock { $0 = endpoints }
                handlerEnvironment.source.replace(with: sections)
                for task in made { topics.register(task.handler, id: task.entry.id, topic: task.entry.topic) }
            }
        }
        if !changed.isEmpty {
            logger.info("configuration changed", metadata: ["sections": "\(changed.sorted().joined(separator: ","))"])
        }
        return changed
    }

    /// A handler of `kind`; fails naming the handler.
    private func make(_ kind: String, options: Data, environment: HandlerEnvironment, naming name: String) throws(EngineError) -> any AlertHandler {
        guard let handlerKind = handlerKinds.kind(kind) else { throw .invalid("\(name): the \(kind) alert handler is not available") }
        do {
            return try handlerKind.makeHandler(options: options, environment: environment)
        } catch {
            throw .invalid("\(name): \(error)")
        }
    }
}
