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
        if (fresh && fresh.innerHTML !== main.innerHTML) {
          var place = focusPlace();
          main.innerHTML = fresh.innerHTML;
          refocus(place);
        }
        var stamp = doc.getElementById("live-state");
        if (stamp && state) state.textContent = stamp.textContent;
      })
      .catch(function () {})
      .then(function () { busy = false; });
  }
  // A keyboard reader inside the main part keeps their place across a swap: the same control (by what it is and
  // which of its kind it is) is focused again, so the next Tab goes on from there instead of from the top.
  var focusable = "a[href], button, input, select, textarea";
  function what(e) { return e.tagName + "|" + (e.getAttribute("href") || e.getAttribute("name") || e.textContent.trim()); }
  function focusPlace() {
    var active = document.activeElement;
    if (!active || active === main || !main.contains(active)) return null;
    var same = Array.prototype.filter.call(main.querySelectorAll(focusable), function (e) { return what(e) === what(active); });
    return { what: what(active), index: same.indexOf(active) };
  }
  function refocus(place) {
    if (!place) return;
    var same = Array.prototype.filter.call(main.querySelectorAll(focusable), function (e) { return what(e) === place.what; });
    var again = same[Math.max(0, Math.min(place.index, same.length - 1))];
    if (again) again.focus({ preventScroll: true });
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
