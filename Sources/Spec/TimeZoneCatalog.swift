import Foundation

/// The system's time zone database, as Foundation sees it.
enum TimeZoneCatalog {
    private static let identifiers: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers)

    static func isKnown(_ name: String) -> Bool {
        identifiers.contains(name) || name == "UTC"
    }

    /// Names in the same region, to suggest from.
    static func suggestions(near name: String) -> [String] {
        let region = name.split(separator: "/").first.map(String.init) ?? name
        let sameRegion = identifiers.filter { $0.hasPrefix(region + "/") }
        return Array(sameRegion.isEmpty ? identifiers : sameRegion)
    }
}
