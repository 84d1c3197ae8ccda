// Shows the page's times in the reader's timezone. Without it the page shows UTC, and every time
// keeps its exact UTC value in its title either way.
(function () {
  'use strict';
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function localDay(d) {
    return d.toLocaleDateString(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
  }
  function sameDay(a, b) {
    return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  }
  var zone = '';
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) { zone = ''; }
  document.querySelectorAll('[data-day]').forEach(function (day) {
    var times = day.querySelectorAll('time.t');
    if (times.length === 0) { return; }
    var first = new Date(times[0].getAttribute('datetime'));
    if (isNaN(first.getTime())) { return; }
    var heading = day.querySelector('.day-name');
    if (heading) { heading.textContent = localDay(first) + (zone ? ' (' + zone + ')' : ''); }
    times.forEach(function (el) {
      var d = new Date(el.getAttribute('datetime'));
      if (isNaN(d.getTime())) { return; }
      var clock = pad(d.getHours()) + ':' + pad(d.getMinutes());
      // A UTC day can hold two local days: a time past the heading's day says its date.
      el.textContent = sameDay(d, first) ? clock : d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' }) + ' ' + clock;
    });
  });
  document.querySelectorAll('time.when').forEach(function (el) {
    var d = new Date(el.getAttribute('datetime'));
    if (isNaN(d.getTime())) { return; }
    el.textContent = d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) + (zone ? ' (' + zone + ')' : '');
  });
}());
