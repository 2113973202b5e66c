import APIModels
import Engine
import Hummingbird
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension CondenserAPI {
    /// GET `/kapacitor/v1/alerts/topics/{topic}/handlers` with `pattern`; the link echoes the request.
    func listTopicHandlers(_ request: Request, topic: String) throws -> Response {
        let pattern = try Self.pattern(request.uri.queryParameters["pattern"].map(String.init) ?? "")
        let specs = try engine { () throws(EngineError) in
            try taskMaster.topicHandlers.specs(topic: topic) { pattern.isEmpty || Glob.matches(pattern, $0) }
        }
        let body = TopicHandlersResponse(
            link: Link(href: Self.requestLink(request)), topic: topic, handlers: specs.map(Self.handlerResponse))
        return JSONBody.response(.ok, body)
    }

    /// POST `/kapacitor/v1/alerts/topics/{topic}/handlers`: creates the handler (and the topic); 200.
    func createTopicHandler(_ request: Request, topic: String) async throws -> Response {
        let options = try await Self.handlerOptions(request, failure: "invalid handler json")
        let spec = Self.spec(options, topic: topic)
        try engine { () throws(EngineError) in try taskMaster.topicHandlers.create(spec) }
        return JSONBody.response(.ok, Self.handlerResponse(spec))
    }

    /// GET `/kapacitor/v1/alerts/topics/{topic}/handlers/{id}`.
    func getTopicHandler(topic: String, id: String) throws -> Response {
        let spec = try engine { () throws(EngineError) in try taskMaster.topicHandlers.spec(topic: topic, id: id) }
        return JSONBody.response(.ok, Self.handlerResponse(spec))
    }

    /// PUT `/kapacitor/v1/alerts/topics/{topic}/handlers/{id}`: replaces the whole handler.
    func replaceTopicHandler(_ request: Request, topic: String, id: String) async throws -> Response {
        _ = try engine { () throws(EngineError) in try taskMaster.topicHandlers.spec(topic: topic, id: id) }
        let spec = Self.spec(try await Self.handlerOptions(request, failure: "failed to unmarshal JSON"), topic: topic)
        try engine { () throws(EngineError) in try taskMaster.topicHandlers.replace(id, with: spec) }
        return JSONBody.response(.ok, Self.handlerResponse(spec))
    }

    /// PATCH `/kapacitor/v1/alerts/topics/{topic}/handlers/{id}`: an RFC 6902 JSON Patch of the spec
    /// `{id, topic, kind, options, match}`.
    func patchTopicHandler(_ request: Request, topic: String, id: String) async throws -> Response {
        let old = try engine { () throws(EngineError) in try taskMaster.topicHandlers.spec(topic: topic, id: id) }
        var request = request
        let body = try await request.collectBody(upTo: 16 << 20)
        let patch: JSONPatch
        do {
            patch = try JSONPatch(data: Data(body.readableBytesView))
        } catch {
            throw APIError(.badRequest, "invalid patch json: \(error.description)")
        }
        let document: JSONValue = .object([
            "id": .string(old.id), "topic": .string(old.topic), "kind": .string(old.kind),
            "options": .object(Self.options(old.options)), "match": .string(old.match),
        ])
        let patched: JSONValue
        do {
            patched = try patch.apply(to: document)
        } catch {
            throw APIError(.badRequest, "failed to apply patch: \(error.description)")
        }
        guard let data = try? JSONEncoder().encode(patched),
              let options = try? JSONDecoder().decode(TopicHandlerOptions.self, from: data)
        else {
            throw APIError(.internalServerError, "failed to unmarshal patched json: invalid handler spec")
        }
        let spec = Self.spec(options, topic: options.topic)
        guard spec.topic == topic else {
            throw APIError(.internalServerError, "failed to update handler: cannot change topic in update")
        }
        try engine { () throws(EngineError) in try taskMaster.topicHandlers.replace(id, with: spec) }
        return JSONBody.response(.ok, Self.handlerResponse(spec))
    }

    /// DELETE `/kapacitor/v1/alerts/topics/{topic}/handlers/{id}`: 204 even when missing.
    func deleteTopicHandler(topic: String, id: String) throws -> Response {
        do {
            try taskMaster.topicHandlers.delete(topic: topic, id: id)
        } catch {
            throw APIError(.internalServerError, "failed to delete handler: \(error.description)")
        }
        return Response(status: .noContent)
    }

    // MARK: Conversions

    static func handlerOptions(_ request: Request, failure: String) async throws -> TopicHandlerOptions {
        var request = request
        let body = try await request.collectBody(upTo: 16 << 20)
        do {
            return try JSONDecoder().decode(TopicHandlerOptions.self, from: Data(body.readableBytesView))
        } catch {
            throw APIError(.badRequest, "\(failure): \(describe(error, decoding: "HandlerSpec"))")
        }
    }

    /// A JSON decoding error in Go's words, naming the field of the Go struct `goStruct` at fault.
    static func describe(_ error: any Error, decoding goStruct: String) -> String {
        switch error as? DecodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "json: cannot unmarshal value into Go struct field \(goStruct).\(field)"
        default:
            return "invalid character looking for beginning of value"
        }
    }

    static func spec(_ options: TopicHandlerOptions, topic: String) -> TopicHandlerSpec {
        TopicHandlerSpec(
            topic: topic, id: options.id, kind: options.kind, options: JSONBody.text(options.options), match: options.match)
    }

    static func handlerResponse(_ spec: TopicHandlerSpec) -> TopicHandlerResponse {
        TopicHandlerResponse(
            link: Link(href: "\(topicsPath)/\(spec.topic)/handlers/\(spec.id)"), id: spec.id, kind: spec.kind,
            options: options(spec.options), match: spec.match)
    }

    static func options(_ text: String) -> [String: JSONValue] {
        JSONBody.value([String: JSONValue].self, from: text) ?? [:]
    }
}
