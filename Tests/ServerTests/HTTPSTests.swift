import Foundation
import HummingbirdTesting
import Server
import TestPeers
import Testing

@Suite struct HTTPSTests {
    @Test func servesTheAPIOverHTTPSWithTheConfiguredCertificate() async throws {
        let directory = TemporaryDirectory()
        let files = try SelfSignedCertificate(in: directory.path)
        let certificate = files.certificate, key = files.key
        let config = try testConfig(directory, extra: """
        [http]
          https-enabled = true
          https-certificate = "\(certificate)"
          https-private-key = "\(key)"
        """)
        let daemon = try Daemon(config: config, logger: quietLogger)
        defer { daemon.taskMaster.stop() }
        try await daemon.application().test(.ahc(.https)) { client async throws in
            let response = try await client.execute(uri: "/kapacitor/v1/ping", method: .get)
            #expect(response.status == .noContent)
        }
    }

    @Test func missingCertificateIsAClearError() throws {
        let directory = TemporaryDirectory()
        let config = try testConfig(directory, extra: "[http]\n  https-enabled = true\n  https-certificate = \"/nonexistent.pem\"\n")
        #expect(throws: ConfigError.self) { try Daemon(config: config, logger: quietLogger) }
    }
}
