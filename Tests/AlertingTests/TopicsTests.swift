import Alerting
import Models
import Synchronization
import Testing

@Suite struct TopicsTests {
    @Test func collectKeepsLatestStatePerAlertAndMaxLevel() {
        let topics = Topics()
        topics.collect(event("a", level: .warning, time: 1))
        topics.collect(event("b", level: .critical, time: 2))
        topics.collect(event("b", level: .ok, time: 3))
        #expect(topics.summary("t") == TopicSummary(id: "t", level: .warning, collected: 3))
        #expect(topics.eventState(topic: "t", id: "b")?.time == 3)
        #expect(topics.eventStates(topic: "t")?.map(\.id) == ["a", "b"])
        #expect(topics.eventStates(topic: "t", minLevel: .warning)?.map(\.id) == ["a"])
        #expect(topics.eventStates(topic: "missing") == nil)
    }

    @Test func eventsOrderedBySeverityThenID() {
        let topics = Topics()
        for (id, level) in [("c", AlertLevel.info), ("a", .info), ("b", .critical), ("d", .ok)] {
            topics.collect(event(id, level: level))
        }
        #expect(topics.eventStates(topic: "t")?.map(\.id) == ["b", "a", "c", "d"])
    }

    @Test func summariesFilterByLevelAndPattern() {
        let topics = Topics()
        topics.collect(event("a", topic: "ops", level: .critical))
        topics.collect(event("a", topic: "dev", level: .info))
        topics.ensure("empty")
        #expect(topics.summaries().map(\.id) == ["dev", "empty", "ops"])
        #expect(topics.summaries(minLevel: .warning).map(\.id) == ["ops"])
        #expect(topics.summaries { $0.hasPrefix("d") }.map(\.id) == ["dev"])
        #expect(topics.summary("empty") == TopicSummary(id: "empty", level: .ok, collected: 0))
    }

    @Test func handlersReceiveEventsWithTheirPreviousState() async {
        let topics = Topics()
        let handler = PreviousLevels()
        topics.register(handler, id: "h", topic: "t")
        topics.collect(event("a", level: .warning))
        topics.collect(event("a", level: .critical))
        await topics.handlerQueue(id: "h", topic: "t")?.waitUntilIdle()
        #expect(handler.levels == [.ok, .warning])
    }

    @Test func fullHandlerQueueIsReportedAndOthersStillReceive() async {
        let gate = Gate()
        let slow = RecordingHandler(gate: gate)
        let fast = RecordingHandler()
        let topics = Topics(bufferSize: 1000)
        topics.register(slow, id: "slow", topic: "t")
        topics.register(fast, id: "fast", topic: "t")
        topics.collect(event("0"))
        await slow.started.wait()
        for index in 1...1000 {
            #expect(topics.collect(event("\(index)")).isEmpty)
            await topics.handlerQueue(id: "fast", topic: "t")?.waitUntilIdle()
        }
        #expect(topics.collect(event("1001")) == ["slow"])
        await topics.handlerQueue(id: "fast", topic: "t")?.waitUntilIdle()
        #expect(fast.ids.count == 1002)
        gate.open()
        await topics.handlerQueue(id: "slow", topic: "t")?.waitUntilIdle()
        #expect(slow.ids.count == 1001)
        #expect(topics.handlerQueue(id: "slow", topic: "t")?.counters.dropped == 1)
    }

    @Test func deregisterAndDelete() {
        let topics = Topics()
        topics.register(RecordingHandler(), id: "h", topic: "t")
        #expect(topics.summary("t") != nil)
        topics.deregister(id: "h", topic: "t")
        #expect(topics.handlerQueue(id: "h", topic: "t") == nil)
        topics.collect(event("a"))
        topics.delete("t")
        #expect(topics.summary("t") == nil)
        #expect(topics.eventState(topic: "t", id: "a") == nil)
    }
}

@Suite struct InhibitorTests {
    @Test func inhibitsMatchingCategoryAndTagsWhileActive() {
        let lookup = InhibitorLookup()
        let inhibitor = Inhibitor(category: "system", tags: Tags(["host": "a"]))
        lookup.add(inhibitor)
        #expect(!lookup.isInhibited(category: "system", tags: Tags(["host": "a"])))
        inhibitor.set(true)
        #expect(lookup.isInhibited(category: "system", tags: Tags(["host": "a", "cpu": "1"])))
        #expect(!lookup.isInhibited(category: "system", tags: Tags(["host": "b"])))
        #expect(!lookup.isInhibited(category: "other", tags: Tags(["host": "a"])))
        lookup.remove(inhibitor)
        #expect(!lookup.isInhibited(category: "system", tags: Tags(["host": "a"])))
    }

    @Test func missingEqualTagMatchesEmptyValue() {
        let inhibitor = Inhibitor(category: "c", tags: Tags(["dc": ""]))
        inhibitor.set(true)
        #expect(inhibitor.inhibits(category: "c", tags: Tags()))
    }
}

/// Records the previous level of each event.
final class PreviousLevels: AlertHandler {
    private let recorded = Mutex<[AlertLevel]>([])
    func handle(_ event: Event) async throws { recorded.withLock { $0.append(event.previousLevel) } }
    var levels: [AlertLevel] { recorded.withLock { $0 } }
}
