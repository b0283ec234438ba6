// The fleet page's one script: keeps the page current without a reload. The daemon says on /live (server-sent
// events) when a pass has finished or something happened; the page then fetches itself again and swaps its
// main part, so the reader's filter (it is in the address) and scroll position stay. Where server-sent events
// are blocked, it asks every 15 seconds instead. Without the script, everything still works by reloading.
(function () {
  "use strict";
  if (document.body.dataset.live !== "on") return;
  var main = document.getElementById("main");
  var state = document.getElementById("live-state");
  var busy = false;
  function refresh() {
    if (busy || document.hidden) return;
    var active = document.activeElement;
    // Someone choosing a filter or typing keeps the page as it is until they are done.
    if (active && main.contains(active) && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName)) return;
    busy = true;
    fetch(location.href, { credentials: "same-origin", headers: { "X-Botops-Partial": "1" } })
      .then(function (response) {
        if (response.redirected || response.status === 401) { location.reload(); return null; }
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html === null || html === undefined) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("main");
        if (fresh && fresh.innerHTML !== main.innerHTML) main.innerHTML = fresh.innerHTML;
        var stamp = doc.getElementById("live-state");
        if (stamp && state) state.textContent = stamp.textContent;
      })
      .catch(function () {})
      .then(function () { busy = false; });
  }
  var polling = null;
  function poll() { if (!polling) polling = setInterval(refresh, 15000); }
  if (!("EventSource" in window)) { poll(); return; }
  var source = new EventSource("/live");
  source.addEventListener("change", refresh);
  source.onerror = function () {
    // Closed for good (blocked by a proxy, or the session ended): ask now and then instead.
    if (source.readyState === EventSource.CLOSED) poll();
  };
  document.addEventListener("visibilitychange", function () { if (!document.hidden) refresh(); });
})();
