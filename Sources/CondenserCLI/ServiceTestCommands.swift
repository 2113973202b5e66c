import APIModels
import ArgumentParser
import Client

/// `service-tests NAME_OR_PATTERN...`: runs each matching service's test with its default
/// options and prints Kapacitor's table of outcomes.
struct RunServiceTests: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "service-tests", abstract: "Test a service.")
    @Argument(help: "Service names or patterns.") var names: [String] = []

    func validate() throws {
        if names.isEmpty { throw ValidationError("must provide at least one service name or pattern.") }
    }

    func run() async throws {
        print(try await runServiceTests(names), terminator: "")
    }
}

/// Runs the tests matching `patterns` with their default options: the table of outcomes.
func runServiceTests(_ patterns: [String]) async throws -> String {
    let client = Session.client
    var tests: [ServiceTest] = []
    for pattern in patterns { tests += try await client.listServiceTests(pattern: pattern) }
    var rows: [(name: String, result: ServiceTestResult)] = []
    for test in tests { rows.append((test.name, try await client.runServiceTest(test.link))) }
    return ServiceTestTable.results(rows)
}

/// `list service-tests [PATTERN...]`: the names of the matching tests.
func listServiceTests(_ patterns: [String]) async throws -> String {
    var names: [String] = []
    for pattern in patterns.isEmpty ? [""] : patterns {
        names += try await Session.client.listServiceTests(pattern: pattern).map(\.name)
    }
    return ServiceTestTable.names(names)
}

/// The `kapacitor` CLI's layouts of service tests.
enum ServiceTestTable {
    /// `Service Name` and one name per line.
    static func names(_ names: [String]) -> String {
        (["Service Name"] + names).map { $0 + "\n" }.joined()
    }

    /// `%-20s%-10v%s` rows of service, success and message under their header.
    static func results(_ rows: [(name: String, result: ServiceTestResult)]) -> String {
        func row(_ name: String, _ success: String, _ message: String) -> String {
            pad(name, 20) + pad(success, 10) + message + "\n"
        }
        return row("Service", "Success", "Message")
            + rows.map { row($0.name, $0.result.success ? "true" : "false", $0.result.message) }.joined()
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
