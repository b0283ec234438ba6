import Dispatch
import Foundation
import Reconciler

/// Turns SIGINT and SIGTERM into a stop of the running apply: the changes in flight finish and are
/// recorded, nothing more starts. A second signal ends the process at once.
enum InterruptSignals {
    struct Forwarding {
        let sources: [any DispatchSourceSignal]
        func cancel() {
            for source in sources { source.cancel() }
        }
    }

    static func forward(to stop: StopSignal) -> Forwarding {
        // The handler runs outside the command's task, so it takes the command's format along.
        let json = Terminal.json
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if stop.stopped != nil { exit(130) }
                if !json { FileHandle.standardError.write(Data("\n".utf8)) }
                Terminal.note("stopping: the changes in flight finish, no more start", json: json)
                stop.stop(.cancelled)
            }
            source.resume()
            return source
        }
        return Forwarding(sources: sources)
    }
}
