import Foundation
import Hummingbird
import Reconciler
import Spec

extension EventQuery {
    /// A query parameter that does not say what it must.
    struct Problem: Error {
        let message: String
    }

    /// `?bot=NAME&resource=Kind/name&since=ISO-8601&until=ISO-8601&limit=N` of `GET /api/v1/events`; a value that does not
    /// parse is refused, never ignored (a mistyped filter would show every event as if it matched), and so is an empty
    /// one (`?until=`, a script's unset variable) and a limit past the most, never quietly cut.
    static func parse(_ parameters: [String: String]) -> Result<EventQuery, Problem> {
        var query = EventQuery()
        for name in ["bot", "resource", "since", "until", "limit"] where parameters[name]?.isEmpty == true {
            return .failure(Problem(message: "'\(name)' is empty; leave it out, or give it a value"))
        }
        if let bot = parameters["bot"] { query.bot = bot }
        if let text = parameters["resource"] {
            guard let address = ResourceAddress(parsing: text) else {
                return .failure(Problem(message: "'resource' must be Kind/name, such as Webhook/alpha, not '\(text)'"))
            }
            query.resource = address
        }
        for name in ["since", "until"] {
            guard let text = parameters[name] else { continue }
            guard let date = time(text) else {
                return .failure(Problem(message: "'\(name)' must be an ISO 8601 time such as 2026-12-05T10:00:00Z, not '\(text)'"))
            }
            if name == "since" { query.since = date } else { query.until = date }
        }
        if let text = parameters["limit"] {
            guard let limit = Int(text), (1...maximumLimit).contains(limit) else {
                return .failure(Problem(message: "'limit' must be a whole number from 1 to \(maximumLimit), not '\(text)'"))
            }
            query.limit = limit
        }
        return .success(query)
    }

    /// An ISO 8601 time, with or without fractions of a second (an event's `at` as the API gives it).
    static func time(_ text: String) -> Date? {
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return ISO8601DateFormatter().date(from: text) ?? fractional.date(from: text)
    }

    static func parse(_ parameters: Parameters) -> Result<EventQuery, Problem> {
        var plain: [String: String] = [:]
        for (key, value) in parameters { plain[String(key)] = String(value) }
        return parse(plain)
    }
}
