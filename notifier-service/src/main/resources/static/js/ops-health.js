// Refreshes the health page's figures in place: fetches the figures fragment every few seconds and
// swaps its content in, so the page neither reloads nor flickers. A file of its own, since the
// console's content security policy allows no inline script. Its sentences come from the page
// (data-text-* attributes, drawn from the console's message bundles in the viewer's language); the
// time of the last refresh is the browser's own clock, in its own zone, to the second.
(function () {
  'use strict';
  var figures = document.getElementById('figures');
  var status = document.getElementById('refresh-status');
  if (!figures) {
    return;
  }
  var source = figures.getAttribute('data-source');
  var seconds = Math.max(1, Number(figures.getAttribute('data-refresh-seconds')) || 5);

  function text(name, fallback) {
    return status.getAttribute('data-text-' + name) || fallback;
  }

  function say(words, stale) {
    status.textContent = words;
    status.classList.toggle('stale', stale);
  }

  function refresh() {
    fetch(source, { headers: { Accept: 'text/html' }, credentials: 'same-origin', redirect: 'manual' })
      .then(function (response) {
        if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403) {
          throw new Error(text('signed-out', 'signed out'));
        }
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html').getElementById('figures');
        if (!next) {
          throw new Error(text('unexpected', 'unexpected answer'));
        }
        figures.replaceChildren.apply(figures, Array.prototype.slice.call(next.childNodes));
        var at = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
        say(text('done', '{time}').replace('{time}', at), false);
      })
      .catch(function (error) {
        say(text('stale', '{reason}').replace('{reason}', error.message), true);
      })
      .finally(function () {
        window.setTimeout(refresh, seconds * 1000);
      });
  }

  window.setTimeout(refresh, seconds * 1000);
})();
