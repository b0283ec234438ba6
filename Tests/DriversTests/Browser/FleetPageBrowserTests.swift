import Foundation
import NIOHTTP1
import Testing

/// The fleet page in a real headless Chromium, against a daemon on the sandbox and podman: what a person
/// signed in sees, what they may do with which key, and what never reaches the page.
/// One browser at a time: a Chromium is heavy on two cores, next to the rest of the suite.
@Suite("The fleet page in a browser", .timeLimit(.minutes(5)), .serialized, .enabled(if: Browser.available && TestEngine.available))
struct FleetPageBrowserTests {
    static let readKey = "read-key-of-the-page-test"

    /// A bot whose texts hold markup, its webhook with a secret, a container that cannot start (its image is
    /// not there) and one that runs.
    static func fleet() async throws -> (TelegramFleetHarness, String) {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        let engine = try #require(TestEngine.podman)
        let prefix = "pg" + UUID().uuidString.lowercased().prefix(8)
        try fleet.write("botops.yaml", """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: \(prefix)}
            spec:
              telegram: {apiURL: "\(fleet.sandbox.baseURL)"}
              docker:
                engines:
                  default: {host: "\(engine.host)"}
            """)
        try fleet.write("bots/alpha.yaml", """
            apiVersion: botops/v1
            kind: Bot
            metadata: {name: alpha}
            spec:
              token: {fromEnv: ALPHA_TOKEN}
              profile:
                name: "Alpha <b>bold</b>"
                description: "Orders & <script>alert('x')</script> returns"
            """)
        try fleet.write("webhooks/alpha.yaml", TelegramFleetHarness.webhookYAML("alpha"))
        let image = try #require(TestEngine.image)
        try fleet.write("containers/workers.yaml", """
            apiVersion: botops/v1
            kind: Container
            metadata: {name: \(prefix)-broken, dependsOn: [Bot/alpha]}
            spec: {image: "localhost/botops-not-built:1", pullPolicy: Never, network: none}
            ---
            apiVersion: botops/v1
            kind: Container
            metadata: {name: \(prefix)-worker, dependsOn: [Bot/alpha]}
            spec: {image: "\(image)", command: [sleep, "3600"], network: none, stopTimeout: 0, pullPolicy: Never}
            """)
        return (fleet, prefix)
    }

    static func removeContainers(_ prefix: String) async {
        guard let engine = TestEngine.podman else { return }
        for name in ["\(prefix)-broken", "\(prefix)-worker"] {
            do {
                // 404 is fine: the container was never made, or a test removed it already.
                _ = try await DockerHarness.callEngine(engine, .DELETE, "/containers/\(name)?force=1")
            } catch {
                // scripts/services removes every labelled leftover at its next start; say which one stays until then.
                FileHandle.standardError.write(Data("browser tests: could not remove container \(name): \(error)\n".utf8))
            }
        }
    }

    static func signIn(_ browser: Browser, _ daemon: RunningDaemon, key: String) async throws {
        try await browser.open(daemon.base + "/")
        try await browser.type("#key", key)
        try await browser.click("form[action='/sign-in'] button")
        #expect(try await browser.eventually { try await browser.source.contains("<h1>Overview</h1>") })
    }

    /// Closes the browser and the fleet, awaited: a close left to a task in a `defer` never ran before the test
    /// process exited, and every run left its chromedriver, its chromium and its containers behind.
    static func tearDown(_ browser: Browser, _ fleet: TelegramFleetHarness, _ prefix: String) async {
        await browser.close()
        await fleet.shutdown()
        await removeContainers(prefix)
    }

    @Test func aReaderSeesTheWholeFleetAndNothingItShouldNot() async throws {
        let (fleet, prefix) = try await Self.fleet()
        let daemon = try await RunningDaemon.start(fleet, arguments: ["--api-key", "read=env:READ_KEY"], environment: ["READ_KEY": Self.readKey])
        defer { daemon.terminateIfRunning() }
        let browser = try await Browser(width: 390, height: 844)
        do {

            // Without a session: the sign-in form and nothing of the fleet, on every page.
            for path in ["/", "/resources", "/bots/alpha", "/resources/Bot/alpha"] {
                try await browser.open(daemon.base + path)
                let page = try await browser.source
                #expect(page.contains("name=\"key\"") && !page.contains("alpha") && !page.contains(prefix), "\(path) shows the fleet")
            }
            try await Self.signIn(browser, daemon, key: Self.readKey)
            try await browser.screenshot("overview-390")
            #expect(try await browser.source.contains("Reconcile now") == false, "a read key cannot act")
            // The roll of replicas sharing the state: this daemon alone, leading.
            let roll = try await browser.text(".replicas")
            #expect(roll.hasPrefix("leader") && roll.contains("(this one)") && roll.contains("last seen"), "\(roll)")

            // Every resource is listed with its state; the broken container has failed, its change one click away.
            try await browser.open(daemon.base + "/resources")
            let list = try await browser.source
            for (address, state) in [("Bot/alpha", "synced"), ("Webhook/alpha", "synced"), ("Container/\(prefix)-worker", "synced"),
                                     ("Container/\(prefix)-broken", "failed")] {
                let row = try await browser.run("""
                    var link = document.querySelector('a[href="/resources/' + arguments[0] + '"]');
                    return link ? link.closest('tr').querySelector('.state').textContent : 'missing';
                    """, [.string(address)]).stringValue
                #expect(row == state, "\(address): \(row ?? "nil") in \(list.count) bytes")
            }
            try await browser.click("a[href='/resources/Container/\(prefix)-broken']")
            #expect(try await browser.eventually { try await browser.source.contains("Pending change: create") })
            let detail = try await browser.text("main")
            #expect(detail.contains("Last error") && detail.contains("containers/workers.yaml"), "\(detail)")
            try await browser.screenshot("failed-container-390")

            // Markup in a description is text; no token, no secret anywhere; nothing from another origin.
            try await browser.open(daemon.base + "/bots/alpha")
            #expect(try await browser.text("main").contains("Orders & <script>alert('x')</script> returns"))
            #expect(try await browser.run("return document.querySelectorAll('main script, main b').length;").intValue == 0)
            // Each of its containers with its restarts as the event log counts them (none yet); other kinds have none.
            let restarts = try await browser.run("""
                return Array.from(document.querySelectorAll('main tbody tr')).filter(function (r) { return r.cells.length === 4; })
                    .map(function (r) { return r.cells[0].innerText + '=' + r.cells[3].innerText; });
                """)
            #expect(restarts == .array([.string("Container/\(prefix)-broken=0"), .string("Container/\(prefix)-worker=0")]), "\(restarts)")
            for path in ["/", "/resources", "/bots/alpha", "/resources/Webhook/alpha", "/resources/Bot/alpha"] {
                try await browser.open(daemon.base + path)
                let page = try await browser.source
                #expect(!page.contains(fleet.tokens["alpha"]!) && !page.contains("secret-alpha-1"), "a secret on \(path)")
                let foreign = try await browser.run("""
                    return performance.getEntriesByType('resource').map(function (e) { return e.name; })
                        .filter(function (u) { return new URL(u).origin !== location.origin; });
                    """)
                #expect(foreign == .array([]), "\(path) fetched \(foreign)")
                let overflow = try await browser.run("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
                #expect((overflow.intValue ?? 1) <= 0, "\(path) scrolls sideways at 390 px by \(overflow)")
            }

            // Every control is reached with the keyboard alone.
            try await browser.open(daemon.base + "/resources")
            let controls = "a[href], button, input:not([type=hidden]), select"
            let count = try await browser.run("return document.querySelectorAll('\(controls)').length;").intValue ?? 0
            let focused = try await browser.tab(count + 2)
            // Compared by what each control is (as `tab` names it), not by a mark on the element: the page swaps its
            // main part when the daemon says something happened (the broken container crash-loops), which drops
            // the marks of whatever the keyboard had reached before.
            let controlNames = try await browser.run("""
                return Array.from(document.querySelectorAll('\(controls)')).map(function (e) {
                    return e.tagName + '|' + (e.getAttribute('href') || e.getAttribute('name') || e.textContent.trim().slice(0, 40)); });
                """).arrayValue?.compactMap(\.stringValue) ?? []
            let missed = controlNames.filter { !focused.contains($0) }
            #expect(count > 10 && !controlNames.isEmpty && missed.isEmpty, "Tab never reached \(missed): \(focused)")

            // A swap of the main part while a reader tabs through it keeps their place: the same control is focused
            // again. The page is made stale by hand and asked to refresh as when it is shown again.
            let chosen = try await browser.run("""
                var link = document.querySelectorAll('main a[href]')[2]; link.focus();
                document.getElementById('main').appendChild(document.createComment('stale'));
                document.dispatchEvent(new Event('visibilitychange'));
                return link.getAttribute('href');
                """).stringValue
            var swapped = false
            for _ in 0..<50 where !swapped {
                try await Task.sleep(for: .milliseconds(100))
                swapped = try await browser.run("return !document.getElementById('main').innerHTML.includes('<!--stale-->');").boolValue ?? false
            }
            #expect(swapped, "the page did not refresh its main part")
            let refocused = try await browser.run("""
                var e = document.activeElement;
                return document.getElementById('main').contains(e) ? e.getAttribute('href') : 'outside: ' + (e ? e.tagName : 'none');
                """).stringValue
            #expect(chosen != nil && refocused == chosen, "focus moved from \(chosen ?? "?") to \(refocused ?? "?")")

            // Signing out ends it: back to the form, and the pages show nothing again.
            try await browser.click("form.signout button")
            #expect(try await browser.eventually { try await browser.source.contains("name=\"key\"") })
            try await browser.open(daemon.base + "/resources")
            #expect(!(try await browser.source).contains(prefix))
            #expect(await daemon.stop().status == 0)
        } catch {
            await Self.tearDown(browser, fleet, prefix)
            throw error
        }
        await Self.tearDown(browser, fleet, prefix)
    }

    @Test func anOperatorRestartsAContainerAndAForgedFormIsRefused() async throws {
        let (fleet, prefix) = try await Self.fleet()
        let daemon = try await RunningDaemon.start(fleet, arguments: ["--api-key", "read=env:READ_KEY"], environment: ["READ_KEY": Self.readKey])
        defer { daemon.terminateIfRunning() }
        let browser = try await Browser()
        do {

            try await Self.signIn(browser, daemon, key: Self.readKey)
            try await browser.open(daemon.base + "/resources/Container/\(prefix)-worker")
            #expect(!(try await browser.source).contains(">Restart<"), "no restart button for a read key")
            let asReader = try await browser.run("""
                var done = arguments[arguments.length - 1];
                return fetch('/containers/\(prefix)-worker/restart', {method: 'POST', body: new URLSearchParams({token: 'guess'})}).then(function (r) { return r.status; });
                """)
            #expect(asReader.intValue == 403)

            try await browser.click("form.signout button")
            #expect(try await browser.eventually { try await browser.source.contains("name=\"key\"") })
            try await Self.signIn(browser, daemon, key: "operate-key-of-the-test")
            try await browser.open(daemon.base + "/resources/Container/\(prefix)-worker")
            let forged = try await browser.run("""
                return fetch('/containers/\(prefix)-worker/restart', {method: 'POST', body: new URLSearchParams({token: 'forged'})}).then(function (r) { return r.status; });
                """)
            #expect(forged.intValue == 403, "the session alone is not enough: the form's token is")
            try await browser.click("form[action$='/restart'] button")
            #expect(try await browser.eventually { try await browser.source.contains("Restarted") })
            #expect(try await browser.text("main").contains("restart"), "the history lists the restart")
            try await browser.screenshot("restarted")
            let history = try await daemon.get("/api/v1/history?limit=5").1
            #expect(history.contains("\"restart\""), "recorded as the CLI's restart is: \(history.prefix(400))")
            #expect(await daemon.stop().status == 0)
        } catch {
            await Self.tearDown(browser, fleet, prefix)
            throw error
        }
        await Self.tearDown(browser, fleet, prefix)
    }

    @Test func aWebhookErrorAppearsWithoutAReload() async throws {
        let (fleet, prefix) = try await Self.fleet()
        let daemon = try await RunningDaemon.start(fleet, arguments: ["--api-key", "read=env:READ_KEY"], environment: ["READ_KEY": Self.readKey])
        defer { daemon.terminateIfRunning() }
        let browser = try await Browser(width: 1100, height: 720)
        do {
            try await Self.signIn(browser, daemon, key: Self.readKey)
            try await browser.open(daemon.base + "/bots/alpha")
            try await browser.run("window.__marker = 'same page';")
            await fleet.sandbox.setLastWebhookError(botID: fleet.botID("alpha"), at: Date().addingTimeInterval(-3), message: "Connection refused by <gateway>")
            #expect(try await daemon.reconcile())
            #expect(try await browser.eventually(30) { try await browser.text("main").contains("Connection refused by <gateway>") },
                    "the page took the pass in without a reload")
            #expect(try await browser.run("return window.__marker;").stringValue == "same page", "no reload happened")
            #expect(try await browser.eventually(30) {
                try await browser.text("#events").contains("webhook-error")
            }, "the bot's event log has it")
            try await browser.screenshot("webhook-error")
            // Telegram clears the error on its next delivery; the event log keeps it.
            await fleet.sandbox.setLastWebhookError(botID: fleet.botID("alpha"), at: nil)
            #expect(try await daemon.reconcile())
            #expect(try await browser.eventually(30) {
                let webhookCard = try await browser.run(
                    "return [...document.querySelectorAll('.card')].find(c => c.querySelector('h2')?.textContent === 'Webhook')?.innerText ?? '';")
                return webhookCard.stringValue?.contains("Connection refused") == false
            }, "the webhook's card no longer shows the error")
            let kept = try await browser.text("#events")
            #expect(kept.contains("webhook-error") && kept.contains("Connection refused by <gateway>"), "kept in the event log after it clears: \(kept)")
            try await browser.open(daemon.base + "/")
            #expect(try await browser.text("#events").contains("Connection refused by <gateway>"), "and in the overview's log")
            // On demand, the README's picture (BOTOPS_PAGE_SCREENSHOT=docs/fleet-page.png), made by this same browser.
            if let target = ProcessInfo.processInfo.environment["BOTOPS_PAGE_SCREENSHOT"] {
                try FileManager.default.copyItem(atPath: try await browser.screenshot("readme"), toPath: target)
            }
            #expect(await daemon.stop().status == 0)
        } catch {
            await Self.tearDown(browser, fleet, prefix)
            throw error
        }
        await Self.tearDown(browser, fleet, prefix)
    }
}
