import Alerting
import APIModels
import Engine
import Hummingbird
import Models

extension CondenserAPI {
    static let topicsPath = "/kapacitor/v1/alerts/topics"

    /// GET `/kapacitor/v1/alerts/topics` with `pattern` and `min-level`; the link echoes the request.
    func listTopics(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        let pattern = try Self.pattern(query["pattern"].map(String.init) ?? "")
        let minLevel = try Self.level(query["min-level"].map(String.init) ?? "")
        let topics = taskMaster.topics.summaries(minLevel: minLevel) { pattern.isEmpty || Glob.matches(pattern, $0) }
        let body = TopicsResponse(link: Link(href: Self.requestLink(request)), topics: topics.map(Self.topicResponse))
        return JSONBody.response(.ok, body)
    }

    /// GET `/kapacitor/v1/alerts/topics/{topic}`.
    func getTopic(_ topic: String) throws -> Response {
        guard let summary = taskMaster.topics.summary(topic) else {
            throw APIError(.notFound, "unknown topic: \"\(topic)\"")
        }
        return JSONBody.response(.ok, Self.topicResponse(summary))
    }

    /// DELETE `/kapacitor/v1/alerts/topics/{topic}`: its states and handlers; 204 even when missing.
    func deleteTopic(_ topic: String) throws -> Response {
        do {
            try taskMaster.topicHandlers.deleteTopic(topic)
        } catch {
            throw APIError(.internalServerError, "failed to delete topic \"\(topic)\": \(error.description)")
        }
        return Response(status: .noContent)
    }

    /// GET `/kapacitor/v1/alerts/topics/{topic}/events` with `min-level`; an unknown topic is a 500, as in Kapacitor.
    func listTopicEvents(_ request: Request, topic: String) throws -> Response {
        let minLevel = try Self.level(request.uri.queryParameters["min-level"].map(String.init) ?? "")
        guard let states = taskMaster.topics.eventStates(topic: topic, minLevel: minLevel) else {
            throw APIError(.internalServerError, "failed to get topic events: unknown topic \"\(topic)\"")
        }
        let body = TopicEventsResponse(
            link: Link(href: "\(Self.topicsPath)/\(topic)/events"), topic: topic,
            events: states.map { Self.eventResponse($0, topic: topic) })
        return JSONBody.response(.ok, body)
    }

    /// GET `/kapacitor/v1/alerts/topics/{topic}/events/{id}`.
    func getTopicEvent(topic: String, id: String) throws -> Response {
        guard let state = taskMaster.topics.eventState(topic: topic, id: id) else {
            throw APIError(.notFound, "unknown event \"\(id)\" in topic \"\(topic)\"")
        }
        return JSONBody.response(.ok, Self.eventResponse(state, topic: topic))
    }

    // MARK: Conversions

    static func topicResponse(_ summary: TopicSummary) -> TopicResponse {
        let path = "\(topicsPath)/\(summary.id)"
        return TopicResponse(
            link: Link(href: path), id: summary.id, level: summary.level.description, collected: summary.collected,
            eventsLink: Link(rel: "events", href: path + "/events"),
            handlersLink: Link(rel: "handlers", href: path + "/handlers"))
    }

    static func eventResponse(_ state: EventState, topic: String) -> TopicEventResponse {
        TopicEventResponse(
            link: Link(href: "\(topicsPath)/\(topic)/events/\(state.id)"), id: state.id,
            state: EventStateResponse(
                message: state.message, details: state.details, time: state.time.rfc3339Nano,
                duration: GoDuration.format(state.duration), level: state.level.description))
    }

    /// The request's path with its query, as Go's `r.URL.String()` gives it for list links.
    static func requestLink(_ request: Request) -> String {
        let path = request.uri.path
        guard let query = request.uri.query, !query.isEmpty else { return path }
        return path + "?" + query
    }

    /// `pattern`, or Kapacitor's 400 `invalid pattern: syntax error in pattern`.
    static func pattern(_ pattern: String) throws(APIError) -> String {
        guard Glob.isValid(pattern) else { throw APIError(.badRequest, "invalid pattern: syntax error in pattern") }
        return pattern
    }

    /// A `min-level` as Kapacitor's `alert.ParseLevel` reads it: empty is OK, and any upper-cased text
    /// found at the start of a level name in `OKINFOWARNINGCRITICAL` is that level (`CRIT`, `warn`).
    static func level(_ text: String) throws(APIError) -> AlertLevel {
        let upper = text.uppercased()
        let names = "OKINFOWARNINGCRITICAL"
        let offsets: [Int: AlertLevel] = [0: .ok, 2: .info, 6: .warning, 13: .critical]
        if upper.isEmpty { return .ok }
        if let range = names.range(of: upper),
           let level = offsets[names.distance(from: names.startIndex, to: range.lowerBound)] {
            return level
        }
        throw APIError(.badRequest, "unknown alert level '\(upper)'")
    }
}
