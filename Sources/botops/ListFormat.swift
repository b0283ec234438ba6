import ArgumentParser

/// How a command that lists records prints them: for people, or as JSON (the daemon's API's shape).
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
