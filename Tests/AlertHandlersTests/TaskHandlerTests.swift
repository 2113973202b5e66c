import Alerting
import AlertHandlers
import Engine
import Foundation
import Logging
import Models
import Storage
import Testing

/// Alert nodes whose TICKscript names the mqtt and snmptrap handlers, run by a task master.
@Suite("mqtt and snmptrap from TICKscript")
struct TaskHandlerTests {
    @Test(.enabled(if: (Mosquitto.installed && SNMPTrapd.binary != nil) || peersRequired, "mosquitto or snmptrapd is not installed"))
    func anAlertPublishesToMQTTAndSendsATrap() async throws {
        let broker = try await Mosquitto()
        defer { broker.stop() }
        let receiver = try await SNMPTrapd()
        defer { receiver.stop() }
        var logger = Logger(label: "tasks")
        logger.logLevel = .critical
        let master = TaskMaster(
            store: try Store.inMemory(), clock: ManualClock(0), logger: logger, handlerKinds: BuiltInHandlers().kinds,
            handlerSections: [
                "mqtt": Data(#"[{"enabled":true,"name":"local","url":"tcp://127.0.0.1:\#(broker.port)"}]"#.utf8),
                "snmptrap": Data(#"{"enabled":true,"addr":"127.0.0.1:\#(receiver.port)"}"#.utf8),
            ])
        defer { master.stop() }
        let script = """
            stream
                |from()
                    .measurement('cpu')
                |alert()
                    .id('cpu')
                    .message('{{ .ID }} is {{ .Level }}')
                    .crit(lambda: "value" > 90)
                    .mqtt('alerts/{{ .TaskName }}')
                        .brokerName('local')
                        .qos(1)
                        .retained(TRUE)
                    .snmpTrap('1.3.6.1.4.1.1')
                        .data('1.3.6.1.2.1.1.7', 'i', '{{ index .Fields "value" }}')
            """
        let dbrp = DBRP(db: "telegraf", rp: "autogen")
        _ = try master.create(TaskRequest(id: "cpu_alert", type: .stream, dbrps: [dbrp], script: script, status: .enabled))
        let live = try await broker.subscribe("alerts/#", count: 1)
        master.write([Point(
            database: "telegraf", retentionPolicy: "autogen", measurement: "cpu",
            fields: Fields([Field("value", .int(97))]), time: 1_000_000_000)], dbrp: dbrp)
        #expect(try await live.messages() == ["alerts/cpu_alert|1|0|cpu is CRITICAL"])
        let later = try await broker.subscribe("alerts/#", count: 1)
        #expect(try await later.messages() == ["alerts/cpu_alert|1|1|cpu is CRITICAL"])
        let traps = try await receiver.traps(count: 1)
        #expect(traps.first?.bindings.last == ".1.3.6.1.2.1.1.7 = INTEGER: 97")
    }
}
