import Alerting
import Foundation
import Pipeline

extension TaskMaster {
    /// Replaces the configuration sections handlers are made from, as the config API does when it
    /// overrides a section. Every handler of a kind made from a changed section — the running
    /// tasks' and the topic handlers — is made again and takes over from the old one, whose queue
    /// first delivers what it holds; a handler that cannot be made from the new sections is
    /// logged and keeps running as it was. Tasks started later see the new `global` services and
    /// `endpoints` (the `[[httppost]]` ones of `httpPost` nodes and sideload). Returns the names of
    /// the sections that changed.
    @discardableResult
    public func reconfigure(sections: [String: Data], endpoints: [String: HTTPPostEndpoint]) -> Set<String> {
        self.endpoints.withLock { $0 = endpoints }
        let changed = handlerEnvironment.source.replace(with: sections)
        guard !changed.isEmpty else { return changed }
        let kinds = handlerKinds
        let affected: @Sendable (String) -> Bool = { kind in
            kinds.kind(kind)?.configSections.contains(where: changed.contains) ?? false
        }
        running.withLock { running in
            for handler in running.values.flatMap(\.handlers) where affected(handler.kind) {
                do {
                    guard let kind = kinds.kind(handler.kind) else { continue }
                    let made = try kind.makeHandler(options: handler.options, environment: handlerEnvironment)
                    topics.register(made, id: handler.id, topic: handler.topic)
                } catch {
                    logger.error("failed to make handler from the new configuration; it keeps the old one", metadata: [
                        "topic": "\(handler.topic)", "handler": "\(handler.id)", "error": "\(error)",
                    ])
                }
            }
        }
        topicHandlers.remake(where: affected)
        logger.info("configuration changed", metadata: ["sections": "\(changed.sorted().joined(separator: ","))"])
        return changed
    }
}
