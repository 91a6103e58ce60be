// Tells the pages the browser's time zone, so times are shown in it; without this cookie they
// show each meeting in its own zone. A static file: the pages' Content-Security-Policy allows no inline script.
(function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone) {
    document.cookie = "convene-zone=" + encodeURIComponent(zone) + "; path=/; SameSite=Lax";
  }
})();
