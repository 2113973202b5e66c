import Alerting
import Foundation

/// The `exec` handler: runs a program with each event's JSON (and Go's trailing newline) on its
/// standard input; a failure to start or a non-zero exit is an error carrying the program's output.
struct ExecHandler: AlertHandler {
    /// The options of Kapacitor's `ExecHandlerConfig`: the program (found on `PATH` unless it has a
    /// slash) and its arguments.
    struct Options: Decodable {
        var prog: String
        var args: [String]?
    }

    /// The program's path.
    let executable: URL
    /// Its arguments.
    let arguments: [String]

    func handle(_ event: Event) async throws {
        let input = Data((AlertBody.json(event) + "\n").utf8)
        let executable = executable, arguments = arguments
        let result: Result<Void, HandlerError> = await withCheckedContinuation { continuation in
            // Writing stdin and reading the output block, so they get a thread of their own.
            let thread = Thread { continuation.resume(returning: Self.run(executable, arguments, input: input)) }
            thread.start()
        }
        try result.get()
    }

    /// Runs the program to its end, feeding it `input`.
    private static func run(_ executable: URL, _ arguments: [String], input: Data) -> Result<Void, HandlerError> {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdin = Pipe(), output = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            return .failure(HandlerError("exec command failed: \(error)"))
        }
        try? stdin.fileHandleForWriting.write(contentsOf: input)
        try? stdin.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exit status" : "signal"
            return .failure(HandlerError("exec command failed: \(how) \(process.terminationStatus), output: \(text)"))
        }
        return .success(())
    }
}

/// The `exec` kind.
struct ExecHandlerKind: HandlerKind {
    let kind = "exec"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        let options = try JSONDecoder().decode(ExecHandler.Options.self, from: options)
        guard let executable = Self.locate(options.prog) else {
            throw HandlerError("exec: \"\(options.prog)\": executable file not found in $PATH")
        }
        return ExecHandler(executable: executable, arguments: options.args ?? [])
    }

    /// The program's path: `prog` itself when it has a slash, else the first executable of that
    /// name on `PATH`.
    static func locate(_ prog: String) -> URL? {
        guard !prog.isEmpty else { return nil }
        if prog.contains("/") { return URL(fileURLWithPath: prog) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(prog)"
            if access(candidate, X_OK) == 0 { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }
}
