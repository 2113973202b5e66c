import Foundation
import Testing
import TestPeers

@Suite struct GlobalHandlerTests {
    @Test func aGlobalSlackGetsEveryAlertAndItsStateChangesOnly() async throws {
        let receiver = HTTPRecorder()
        try await receiver.serving { url async throws in
            let directory = TemporaryDirectory()
            let config = try testConfig(directory, extra: """
            [[slack]]
              enabled = true
              default = true
              global = true
              state-changes-only = true
              url = "\(url)/slack"
              channel = "#alerts"
            """)
            let task = """
            {"id":"cpu","type":"stream","dbrps":[{"db":"telegraf","rp":"autogen"}],"status":"enabled",
             "script":"stream|from().measurement('cpu')|alert().id('cpu').message('{{ .Level }}').crit(lambda: \\"v\\" > 90)"}
            """
            try await withDaemon(config) { client, _ async throws in
                #expect(try await client.call(.post, "/kapacitor/v1/tasks", task).status == .ok)
                let points = "cpu v=95 1000000000\ncpu v=96 2000000000\ncpu v=97 3000000000\ncpu v=10 4000000000\n"
                #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen", points).status == .noContent)
                let bodies = try await eventually { () async throws -> [String]? in
                    let bodies = receiver.bodies
                    // The handler's queue delivers in order: once the OK is in, everything before it is.
                    return bodies.last?.contains(#""text":"OK""#) == true ? bodies : nil
                }
                #expect(bodies?.count == 2)
                #expect(bodies?.first?.contains(##""channel":"#alerts""##) == true)
                #expect(bodies?.first?.contains(#""text":"CRITICAL""#) == true)
                #expect(bodies?.last?.contains(#""text":"OK""#) == true)
            }
        }
    }
}
