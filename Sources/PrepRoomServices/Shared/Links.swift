import Foundation
import PrepRoomCore

/// Absolute links for messages the service sends (a run's facts and calendar file:
/// `Links+Run.swift`).
package struct Links {
    package let base: String

    package init(base: String) { self.base = base }

    /// The page's address as a link in an email: the public URL, then the path.
    package func absolute(_ url: SiteURL) -> String { base + url.path }
}
