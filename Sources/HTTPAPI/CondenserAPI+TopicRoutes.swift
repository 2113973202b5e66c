import Hummingbird
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension CondenserAPI {
    /// Serves `/kapacitor/v1/alerts/topics`: topics, their events and their handlers.
    func addTopicRoutes<Context: RequestContext>(_ routes: inout RouteTable<Context>) {
        let base = Self.topicsPath
        routes.on(base, .get) { request, _ in try self.listTopics(request) }
        routes.on(base + "/:topic", .get) { _, context in try self.getTopic(Self.parameter(context, "topic")) }
        routes.on(base + "/:topic", .delete) { _, context in try self.deleteTopic(Self.parameter(context, "topic")) }
        routes.on(base + "/:topic/events", .get) { request, context in
            try self.listTopicEvents(request, topic: Self.parameter(context, "topic"))
        }
        routes.on(base + "/:topic/events/:id", .get) { _, context in
            try self.getTopicEvent(topic: Self.parameter(context, "topic"), id: Self.parameter(context, "id"))
        }
        routes.on(base + "/:topic/handlers", .get) { request, context in
            try self.listTopicHandlers(request, topic: Self.parameter(context, "topic"))
        }
        routes.on(base + "/:topic/handlers", .post) { request, context in
            try await self.createTopicHandler(request, topic: Self.parameter(context, "topic"))
        }
        routes.on(base + "/:topic/handlers/:id", .get) { _, context in
            try self.getTopicHandler(topic: Self.parameter(context, "topic"), id: Self.parameter(context, "id"))
        }
        routes.on(base + "/:topic/handlers/:id", .put) { request, context in
            try await self.replaceTopicHandler(
                request, topic: Self.parameter(context, "topic"), id: Self.parameter(context, "id"))
        }
        routes.on(base + "/:topic/handlers/:id", .patch) { request, context in
            try await self.patchTopicHandler(
                request, topic: Self.parameter(context, "topic"), id: Self.parameter(context, "id"))
        }
        routes.on(base + "/:topic/handlers/:id", .delete) { _, context in
            try self.deleteTopicHandler(topic: Self.parameter(context, "topic"), id: Self.parameter(context, "id"))
        }
    }

    /// Path parameter `name`, percent-decoded.
    static func parameter(_ context: some RequestContext, _ name: String) throws -> String {
        let raw = try context.parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }
}
