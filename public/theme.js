// Runs before the first paint: applies the remembered theme (or the system's)
// so a dark-theme user never sees a white flash. The switch in the header
// (app/src/components/theme.rs) writes the same key.
(function () {
  var key = "baton-theme";
  var query = window.matchMedia("(prefers-color-scheme: dark)");
  function apply() {
    var chosen = null;
    try { chosen = localStorage.getItem(key); } catch (e) { /* storage disabled */ }
    var dark = chosen === "dark" || ((!chosen || chosen === "system") && query.matches);
    document.documentElement.classList.toggle("dark", dark);
    document.documentElement.setAttribute("data-theme", chosen || "system");
  }
  apply();
  query.addEventListener("change", apply);
})();
