// PrepRoom's few progressive enhancements. Pages work without this file; it exists so
// that no page needs inline script (the Content-Security-Policy allows none).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-action='print']");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
