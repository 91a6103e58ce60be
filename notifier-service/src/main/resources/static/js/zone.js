// Tells the console the browser's time zone, so its pages show times in it; without this cookie
// they show UTC and say so. A static file: the console's Content-Security-Policy allows no inline
// script. The same cookie as the organisers' pages set.
(function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone) {
    document.cookie = "convene-zone=" + encodeURIComponent(zone) + "; path=/; SameSite=Lax";
  }
})();
