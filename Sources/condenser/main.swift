import CondenserCLI
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

await CondenserCommand.run(
    arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
