import Foundation
import Testing

@Suite struct ConfigAPITests {
    let extra = """
    [smtp]
      enabled = true
      host = "mail.example.com"
      password = "secret"
    [[slack]]
      workspace = "ops"
      default = true
      url = "https://hooks.slack.com/services/x"
      channel = "#alerts"
    """

    @Test func sectionsAndElementsWithSecretsRedacted() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory, extra: extra)) { client, _ async throws in
            let (status, all) = try await client.json(.get, "/kapacitor/v1/config")
            #expect(status == .ok)
            #expect((all["link"] as? [String: String])?["href"] == "/kapacitor/v1/config")
            let sections = try #require(all["sections"] as? [String: Any])
            #expect(sections["influxdb"] != nil && sections["kafka"] != nil && sections["http"] == nil)

            let (_, smtp) = try await client.json(.get, "/kapacitor/v1/config/smtp")
            #expect((smtp["link"] as? [String: String])?["href"] == "/kapacitor/v1/config/smtp")
            let element = try #require((smtp["elements"] as? [[String: Any]])?.first)
            #expect((element["link"] as? [String: String])?["href"] == "/kapacitor/v1/config/smtp/")
            let options = try #require(element["options"] as? [String: Any])
            #expect(options["password"] as? Bool == true)
            #expect(options["username"] as? String == "")
            #expect(options["host"] as? String == "mail.example.com")
            #expect(element["redacted"] as? [String] == ["password"])

            let (unnamedStatus, unnamed) = try await client.json(.get, "/kapacitor/v1/config/smtp/")
            #expect(unnamedStatus == .ok)
            #expect((unnamed["options"] as? [String: Any])?["port"] as? Int == 25)

            let (_, slack) = try await client.json(.get, "/kapacitor/v1/config/slack/ops")
            #expect((slack["link"] as? [String: String])?["href"] == "/kapacitor/v1/config/slack/ops")
            #expect((slack["options"] as? [String: Any])?["url"] as? Bool == true)
            #expect((slack["options"] as? [String: Any])?["channel"] as? String == "#alerts")

            let (missing, error) = try await client.json(.get, "/kapacitor/v1/config/nope")
            #expect(missing == .notFound && error["error"] as? String == "unknown section: nope")
            let (missingElement, _) = try await client.json(.get, "/kapacitor/v1/config/slack/dev")
            #expect(missingElement == .notFound)
        }
    }
}
