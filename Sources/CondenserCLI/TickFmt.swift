import ArgumentParser
import Client
import TICKscript
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `tickfmt [-w] FILE...`: prints each TICKscript in Kapacitor's canonical format, or rewrites it.
struct TickFmt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickfmt", abstract: "Format TICKscripts as Kapacitor's tickfmt does.")

    @Flag(name: .customShort("w"), help: "Write the result back to each file instead of printing it.")
    var write = false

    @Argument(help: "TICKscript files.") var files: [String]

    func run() throws {
        for file in files {
            let text = try readText(file)
            let formatted: String
            do {
                formatted = try Formatter.format(text)
            } catch {
                throw ClientError(Parser.diagnose(text).map { "\(file): \($0.message)" }.joined(separator: "\n"))
            }
            if write {
                do {
                    try Data(formatted.utf8).write(to: URL(fileURLWithPath: file))
                } catch {
                    throw ClientError("cannot write \(file): \(error)")
                }
            } else {
                print(formatted, terminator: "")
            }
        }
    }
}
