import Alerting
@testable import Engine
import Storage
import Testing

@Suite struct TopicStateWriterTests {
    private func state(_ id: String, _ message: String) -> EventState {
        EventState(id: id, message: message, time: 1, level: .critical)
    }

    @Test func keepsTheLatestStateOfEachAlertAndTheDeletionsInOrder() {
        let changes: [TopicChange] = [
            .state(topic: "t", state("a", "1")), .state(topic: "t", state("b", "1")), .state(topic: "t", state("a", "2")),
            .deleted(topic: "u"), .state(topic: "u", state("a", "3")), .state(topic: "v", state("a", "4")),
            .deleted(topic: "v"),
        ]
        let kept = TopicStateWriter.latest(changes).map { change -> String in
            switch change {
            case .save(let record): "\(record.topic)/\(record.id)=\(record.message)"
            case .deleteAll(let topic): "-\(topic)"
            }
        }
        #expect(kept == ["t/b=1", "t/a=2", "-u", "u/a=3", "-v"])
    }

    @Test func storesWhatTheTopicsCollectedOnceFlushed() throws {
        let store = try Store.inMemory()
        let topics = Topics()
        let master = TaskMaster(store: store, topics: topics)
        try master.start()
        for message in ["first", "second"] {
            topics.collect(Event(
                topic: "main:cpu:alert", state: state("cpu:host=a", message), data: EventData(name: "cpu", taskName: "cpu")))
        }
        master.stop()
        let stored = try store.topicEvents.all()
        #expect(stored.map(\.message) == ["second"])
        #expect(stored.map(\.topic) == ["main:cpu:alert"])
    }
}
