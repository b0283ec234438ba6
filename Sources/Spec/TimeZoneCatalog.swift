import Foundation

/// The system's time zone database, as Foundation sees it.
enum TimeZoneCatalog {
    private static let identifiers: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers)

    /// Foundation's list lags the zone database (it has Asia/Calcutta, not Asia/Kolkata), so a
    /// region/city name the system can load counts too; bare abbreviations like `GMT+3` do not.
    static func isKnown(_ name: String) -> Bool {
        identifiers.contains(name) || name == "UTC" || (name.contains("/") && TimeZone(identifier: name) != nil)
    }

    /// Names in the same region, to suggest from.
    static func suggestions(near name: String) -> [String] {
        let region = name.split(separator: "/").first.map(String.init) ?? name
        let sameRegion = identifiers.filter { $0.hasPrefix(region + "/") }
        return Array(sameRegion.isEmpty ? identifiers : sameRegion)
    }
}
