import APIModels
import ArgumentParser
import Client
import Yams
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `define-topic-handler <path to handler spec file>`: creates the handler the YAML or JSON file
/// describes (`topic`, `id`, `kind`, `match`, `options`), or replaces it when it exists.
struct DefineTopicHandler: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "define-topic-handler", abstract: "Create/update an alert handler for a topic.")
    @Argument(help: "Path to a YAML (.yaml, .yml) or JSON (.json) handler file.") var file: String

    func run() async throws {
        let options = try readTopicHandlerFile(file)
        let client = Session.client
        if (try? await client.topicHandler(options.topic, options.id)) != nil {
            _ = try await client.replaceTopicHandler(options)
        } else {
            _ = try await client.createTopicHandler(options)
        }
    }
}

/// Decodes a handler file by its extension, as `kapacitor define-topic-handler` does.
func readTopicHandlerFile(_ path: String) throws -> TopicHandlerOptions {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ClientError("failed to open handler spec file \"\(path)\"")
    }
    if path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
        do {
            return try YAMLDecoder().decode(TopicHandlerOptions.self, from: data)
        } catch {
            throw ClientError("failed to unmarshal yaml handler file \"\(path)\": \(error)")
        }
    }
    guard path.hasSuffix(".json") else { throw ClientError("bad file extension. Must be YAML or JSON") }
    do {
        return try JSONDecoder().decode(TopicHandlerOptions.self, from: data)
    } catch {
        throw ClientError("failed to unmarshal json handler file \"\(path)\": \(error)")
    }
}

/// `show-topic <topic ID>`: the topic's level, handlers and events.
struct ShowTopic: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show-topic", abstract: "Display detailed information about an alert topic.")
    @Argument(help: "The topic ID.") var topic: String

    func run() async throws {
        let client = Session.client
        let summary = try await client.topic(topic)
        let events = try await client.listTopicEvents(topic)
        let handlers = try await client.listTopicHandlers(topic)
        print(TopicTable.detail(summary, events: events, handlers: handlers), terminator: "")
    }
}

/// `show-topic-handler <topic ID> <handler ID>`.
struct ShowTopicHandler: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show-topic-handler", abstract: "Display detailed information about an alert handler for a topic.")
    @Argument(help: "The topic ID.") var topic: String
    @Argument(help: "The handler ID.") var id: String

    func run() async throws {
        print(try TopicTable.handlerDetail(try await Session.client.topicHandler(topic, id), topic: topic), terminator: "")
    }
}

/// `list topics [PATTERN...]`: the topics matching any of the patterns.
func listTopics(_ patterns: [String]) async throws -> String {
    var topics: [TopicResponse] = []
    for pattern in patterns.isEmpty ? [""] : patterns { topics += try await Session.client.listTopics(pattern: pattern) }
    return TopicTable.render(topics)
}

/// `list topic-handlers [TOPIC_PATTERN [HANDLER_PATTERN...]]`: the handlers of every matching topic.
func listTopicHandlers(_ patterns: [String]) async throws -> String {
    let client = Session.client
    var rows: [(topic: String, handler: TopicHandlerResponse)] = []
    for topic in try await client.listTopics(pattern: patterns.first ?? "") {
        for pattern in patterns.count > 1 ? Array(patterns.dropFirst()) : [""] {
            rows += try await client.listTopicHandlers(topic.id, pattern: pattern).map { (topic.id, $0) }
        }
    }
    return TopicTable.renderHandlers(rows)
}

/// `delete topics PATTERN...`: every matching topic, with its events and handlers.
func deleteTopics(_ patterns: [String]) async throws {
    let client = Session.client
    for pattern in patterns {
        for topic in try await client.listTopics(pattern: pattern) { try await client.deleteTopic(topic.id) }
    }
}

/// `delete topic-handlers TOPIC PATTERN...`: the topic's matching handlers.
func deleteTopicHandlers(topic: String, _ patterns: [String]) async throws {
    let client = Session.client
    for pattern in patterns {
        for handler in try await client.listTopicHandlers(topic, pattern: pattern) {
            try await client.deleteTopicHandler(topic, handler.id)
        }
    }
}
