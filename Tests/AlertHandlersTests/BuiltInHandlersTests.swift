@testable import AlertHandlers
import Testing

@Suite("built-in handler kinds")
struct BuiltInHandlersTests {
    @Test func eachSetHoldsItsOwnBrokerClientsAndShutsDownOnlyThose() async throws {
        let environment = HandlerFixtures.environment(["mqtt": #"[{"enabled":true,"name":"local","url":"tcp://127.0.0.1:1"}]"#])
        let stopping = BuiltInHandlers(), running = BuiltInHandlers()
        let stoppingClient = try stopping.mqtt.client("local", environment: environment).get()
        let runningClient = try running.mqtt.client("local", environment: environment).get()
        #expect(stoppingClient !== runningClient)
        #expect(try stopping.mqtt.client("local", environment: environment).get() === stoppingClient)

        await stopping.shutdown()
        #expect(try stopping.mqtt.client("local", environment: environment).get() !== stoppingClient)
        #expect(try running.mqtt.client("local", environment: environment).get() === runningClient)
    }
}
