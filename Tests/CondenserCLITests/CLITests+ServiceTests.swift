@testable import CondenserCLI
import Testing

extension CLITests {
    @Test func listAndRunServiceTests() async throws {
        try await withServer { url async throws in
            Session.url = url
            #expect(try await listServiceTests(["s*"]) == "Service Name\nsensu\nservicenow\nslack\nsmtp\nsnmptrap\n")
            #expect(try await listServiceTests(["nope"]) == "Service Name\n")
            #expect(try await runServiceTests(["snmptrap", "talk"]) == """
                Service             Success   Message
                snmptrap            false     service is not enabled
                talk                false     service is not enabled

                """)
        }
    }
}
