import Alerting
import Foundation
import Testing

@Suite("exec handler")
struct ExecHandlerTests {
    @Test func runsTheProgramWithTheAlertJSONOnStdin() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("exec-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let handler = try HandlerFixtures.handler("exec", #"{"prog":"sh","args":["-c","cat > \"$0\"","\#(file)"]}"#)
        try await handler.handle(HandlerFixtures.event())
        #expect(try String(contentsOfFile: file, encoding: .utf8) == HandlerFixtures.body + "\n")
    }

    @Test func aNonZeroExitIsAnErrorWithTheOutput() async throws {
        let handler = try HandlerFixtures.handler("exec", #"{"prog":"/bin/sh","args":["-c","echo nope >&2; exit 3"]}"#)
        await #expect { try await handler.handle(HandlerFixtures.event()) } throws: {
            "\($0)" == "exec command failed: exit status 3, output: nope\n"
        }
    }

    @Test func anUnknownProgramIsAnOptionError() {
        #expect(throws: (any Error).self) { try HandlerFixtures.handler("exec", #"{"prog":"no-such-program-here"}"#) }
    }
}
