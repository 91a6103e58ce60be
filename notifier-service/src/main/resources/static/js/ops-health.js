// Refreshes the health page's figures in place: fetches the figures fragment every few seconds and
// swaps its content in, so the page neither reloads nor flickers. A file of its own, since the
// console's content security policy allows no inline script.
(function () {
  'use strict';
  var figures = document.getElementById('figures');
  var status = document.getElementById('refresh-status');
  if (!figures) {
    return;
  }
  var source = figures.getAttribute('data-source');
  var seconds = Math.max(1, Number(figures.getAttribute('data-refresh-seconds')) || 5);

  function say(text, stale) {
    status.textContent = text;
    status.classList.toggle('stale', stale);
  }

  function refresh() {
    fetch(source, { headers: { Accept: 'text/html' }, credentials: 'same-origin', redirect: 'manual' })
      .then(function (response) {
        if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403) {
          throw new Error('signed out: reload the page to sign in again');
        }
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html').getElementById('figures');
        if (!next) {
          throw new Error('unexpected answer');
        }
        figures.replaceChildren.apply(figures, Array.prototype.slice.call(next.childNodes));
        say('Refreshes every ' + seconds + ' s; last at ' + new Date().toLocaleTimeString(), false);
      })
      .catch(function (error) {
        say('Not refreshed (' + error.message + '): the figures below are stale', true);
      })
      .finally(function () {
        window.setTimeout(refresh, seconds * 1000);
      });
  }

  window.setTimeout(refresh, seconds * 1000);
})();
