import APIModels
import Client
@testable import CondenserCLI
import Foundation
import Testing

/// In `CLITests`, whose tests run one at a time, because every test sets the shared `Session.url`.
extension CLITests {
    @Test func defineTopicHandlerListShowDelete() async throws {
        try await withServer { url async throws in
            Session.url = url
            let yaml = try temporaryFile("""
                topic: cpu
                id: forward
                kind: publish
                match: changed() == TRUE
                options:
                  topics:
                    - ops

                """, suffix: ".yaml")
            let json = try temporaryFile(
                #"{"topic": "cpu", "id": "forward", "kind": "publish", "options": {"topics": ["ops", "pager/main"]}}"#,
                suffix: ".json")
            defer { for path in [yaml, json] { try? FileManager.default.removeItem(atPath: path) } }

            try await DefineTopicHandler.parse([yaml]).run()
            let client = KapacitorClient(baseURL: url)
            #expect(try await client.topicHandler("cpu", "forward").match == "changed() == TRUE")

            #expect(try await listTopics([]) == "ID  Level     Collected\ncpu OK                0\n")
            #expect(try await listTopics(["x*"]) == "ID Level     Collected\n")
            #expect(try await listTopicHandlers([]) == "Topic      ID         Kind       \ncpu        forward    publish    \n")
            #expect(try await listTopicHandlers(["cpu", "nope*"]) == "Topic      ID         Kind       \n")

            let topic = try await client.topic("cpu")
            let detail = TopicTable.detail(
                topic, events: try await client.listTopicEvents("cpu"), handlers: try await client.listTopicHandlers("cpu"))
            #expect(detail == "ID: cpu\nLevel: OK\nCollected: 0\nHandlers: [forward]\nEvents:\n"
                + "Event Level    Message Date                   \n")
            #expect(try TopicTable.handlerDetail(try await client.topicHandler("cpu", "forward"), topic: "cpu")
                == "ID: forward\nTopic: cpu\nKind: publish\nMatch: changed() == TRUE\nOptions: {\"topics\":[\"ops\"]}\n")

            try await DefineTopicHandler.parse([json]).run()
            let replaced = try await client.topicHandler("cpu", "forward")
            #expect(replaced.match == "")
            #expect(replaced.options["topics"] == .array([.string("ops"), .string("pager/main")]))

            try await Delete.parse(["topic-handlers", "cpu", "for*"]).run()
            #expect(try await client.listTopicHandlers("cpu").isEmpty)
            try await Delete.parse(["topics", "c*"]).run()
            #expect(try await client.listTopics().isEmpty)
        }
    }

    @Test func showTopicSortsEventsByTime() {
        let link = Link(href: "/")
        func event(_ id: String, _ time: String) -> TopicEventResponse {
            TopicEventResponse(
                link: link, id: id,
                state: EventStateResponse(message: "\(id) is high", details: "", time: time, duration: "0s", level: "CRITICAL"))
        }
        let topic = TopicResponse(link: link, id: "t", level: "CRITICAL", collected: 2, eventsLink: link, handlersLink: link)
        let detail = TopicTable.detail(
            topic, events: [event("late", "2026-03-03T12:28:11.5Z"), event("early", "2026-03-03T12:28:11.123456789Z")], handlers: [])
        #expect(detail.hasSuffix("""
            Handlers: []
            Events:
            Event Level    Message       Date                   
            early CRITICAL early is high 03 Mar 26 12:28 UTC    
            late  CRITICAL late is high  03 Mar 26 12:28 UTC    

            """))
        #expect(TopicTable.timeKey("2026-03-03T12:28:11Z") == "2026-03-03T12:28:11000000000")
    }

    @Test func topicHandlerFileErrors() async throws {
        let file = try temporaryFile("topic: cpu", suffix: ".txt")
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(throws: ClientError.self) { try readTopicHandlerFile(file) }
        #expect(throws: (any Error).self) { try Delete.parse(["topic-handlers", "cpu"]) }
        #expect(throws: (any Error).self) { try List.parse(["handlers"]) }
        #expect(try CondenserCommand.parseAsRoot(["show-topic", "cpu"]) is ShowTopic)
        #expect(try CondenserCommand.parseAsRoot(["show-topic-handler", "cpu", "forward"]) is ShowTopicHandler)
        #expect(try CondenserCommand.parseAsRoot(["define-topic-handler", file]) is DefineTopicHandler)
    }
}
