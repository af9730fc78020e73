/* Interactivity on top of the static refill-interval table (macros/render_tables.py): filter by pump size
   and strength, highlight a dose, change the order. Without JavaScript the full table shows. */
(function () {
  "use strict";
  function init(root) {
    var controls = root.querySelector(".rt-controls"), table = root.querySelector("table");
    if (!controls || !table) return;
    var tbody = table.tBodies[0], status = controls.querySelector(".rt-status");
    function ctl(name) { return controls.querySelector('[data-rt="' + name + '"]'); }
    var nConc = table.querySelectorAll("thead tr:last-child th").length;
    controls.hidden = false;

    function update() {
      var res = ctl("res").value, conc = ctl("conc").value, dose = ctl("dose").value, shown = 0;
      var cells = table.querySelectorAll("[data-conc]");
      for (var i = 0; i < cells.length; i++) {
        var c = cells[i];
        var show = (!res || c.getAttribute("data-res") === res) && (!conc || c.getAttribute("data-conc") === conc);
        c.hidden = !show;
      }
      var groups = table.querySelectorAll('thead th[scope="colgroup"]');
      for (var g = 0; g < groups.length; g++) {
        var r = groups[g].getAttribute("data-res");
        var visible = table.querySelectorAll('thead tr:last-child th[data-res="' + r + '"]:not([hidden])').length;
        groups[g].hidden = visible === 0;
        groups[g].colSpan = Math.max(visible, 1);
        shown += visible;
      }
      var rows = tbody.rows;
      for (var j = 0; j < rows.length; j++) {
        var on = dose !== "" && rows[j].getAttribute("data-dose") === dose;
        rows[j].classList.toggle("rt-highlight", on);
        var th = rows[j].cells[0], mark = th.querySelector(".rt-mark");
        if (on && !mark) { mark = document.createElement("span"); mark.className = "rt-mark"; mark.textContent = " (highlighted)"; th.appendChild(mark); }
        if (!on && mark) mark.remove();
      }
      var order = ctl("sort").value === "desc" ? -1 : 1;
      var sorted = Array.prototype.slice.call(rows).sort(function (a, b) {
        return order * (Number(a.getAttribute("data-dose")) - Number(b.getAttribute("data-dose")));
      });
      sorted.forEach(function (tr) { tbody.appendChild(tr); });
      status.textContent = "Showing " + shown + " of " + nConc + " columns" +
        (dose ? ", with " + dose + " mcg a day highlighted" : "") + ", " +
        (order === 1 ? "lowest" : "highest") + " dose first.";
    }
    controls.addEventListener("change", update);
  }
  var roots = document.querySelectorAll("[data-itb-refill-table]");
  for (var i = 0; i < roots.length; i++) init(roots[i]);
})();
