// The console's dashboard: draws each <figure data-chart> with uPlot from the JSON of the dashboard's
// data-series attribute (bucket times in epoch seconds and, per chart, one array per line; a chart named
// in chart_times has bucket times of its own). The figure
// keeps its plot as figure.uplot. Drawn again when htmx swaps in the dashboard (an application's
// first event arrived) and when the window is resized.
(function () {
  "use strict";
  var COLOURS = ["#3b5bdb", "#237a36", "#c92a2a", "#b35c00", "#7048e8", "#0b7285", "#862e9c", "#5c940d"];

  function draw() {
    var block = document.querySelector("[data-series]");
    if (!block || typeof uPlot === "undefined") { return; }
    var data = JSON.parse(block.getAttribute("data-series"));
    document.querySelectorAll("figure[data-chart]").forEach(function (figure) {
      var name = figure.getAttribute("data-chart");
      var lines = data.charts[name] || {};
      var times = (data.chart_times && data.chart_times[name]) || data.times;
      var names = Object.keys(lines);
      var plot = figure.querySelector(".plot");
      if (figure.uplot) { figure.uplot.destroy(); }
      plot.textContent = "";
      var series = [{}];
      var values = [times];
      names.forEach(function (name, i) {
        series.push({ label: name, stroke: COLOURS[i % COLOURS.length], width: 2, points: { show: times.length <= 48 } });
        values.push(lines[name]);
      });
      if (names.length === 0) {
        plot.textContent = "Nothing in this range.";
        return;
      }
      var width = Math.max(260, plot.clientWidth || figure.clientWidth || 320);
      figure.uplot = new uPlot({ width: width, height: 180, series: series,
        axes: [{}, { size: 64 }], scales: { y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } } },
        values, plot);
      figure.setAttribute("data-drawn", "true");
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", draw);
  var resizing;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(draw, 200);
  });
})();
