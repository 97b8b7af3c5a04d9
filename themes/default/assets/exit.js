/* "Leave this page quickly": replaces the page with a neutral one without
 * keeping it in the back history. Escape does the same. Without script the
 * control is still a plain link. */
(function () {
  'use strict';
  function leave(e) {
    if (e) e.preventDefault();
    document.body.style.display = 'none';
    window.location.replace('leave.html');
  }
  var a = document.getElementById('quick-exit');
  if (a) a.addEventListener('click', leave);
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' || e.keyCode === 27) leave(e);
  });
})();
