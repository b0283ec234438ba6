import ArgumentParser
import Foundation
import Reconciler
import Spec

extension Terminal {
    /// Runs `body`; a failure is printed (a ``SessionError`` with its diagnostics) and ends the
    /// command with exit status 1.
    static func reporting<R>(_ body: () async throws -> R) async throws -> R {
        do {
            return try await body()
        } catch let error as SessionError {
            failure(error)
            throw ExitCode(1)
        } catch let error as ExitCode {
            throw error
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(1)
        }
    }

    /// Prints why a run could not plan: the configuration's diagnostics, or the error. With `github`,
    /// also as GitHub Actions annotations on standard output, where the runner reads them.
    static func failure(_ error: SessionError, github: Bool = false, pathPrefix: String = "") {
        if github {
            var out = error.diagnostics?.github() ?? ""
            out += GitHubAnnotation(.error, title: "botops \(error.code.rawValue)", message: error.message).command + "\n"
            Terminal.write(out)
        } else if let report = error.diagnostics {
            diagnostics(report)
        }
        Terminal.error(error.message)
    }

    /// A configuration's diagnostics on standard error: the text report, or with `--log-format json`
    /// one object per diagnostic (`level`, `message`, `file`, `line`, `column`, `code`).
    static func diagnostics(_ report: DiagnosticReport) {
        guard json else {
            FileHandle.standardError.write(Data(report.text().utf8))
            return
        }
        for diagnostic in report.diagnostics {
            JSONLogHandler.write(level: diagnostic.severity.rawValue, label: "botops", message: diagnostic.message, fields: [
                "file": report.pathPrefix + diagnostic.location.file, "line": String(diagnostic.location.line),
                "column": String(diagnostic.location.column), "code": diagnostic.code.rawValue])
        }
    }

    /// Prints each resource that could not be read, at its YAML location; an unreachable system once.
    static func unknown(_ plan: Plan, pathPrefix: String) {
        guard plan.isPartial else { return }
        for item in UnknownListing(plan.unknown).items {
            switch item {
            case let .resource(error):
                let place = error.location.map { "\(pathPrefix)\($0): " } ?? ""
                Terminal.error("\(place)\(error.address): \(error.message)")
            case let .endpoint(_, first, addresses):
                Terminal.error("\(first.message) (\(addresses.count) resource\(addresses.count == 1 ? "" : "s") not read)")
            }
        }
    }
}
