// nq57: table sort + filter and sparklines. Small on purpose; charts use Chart.js.
"use strict";

function cellValue(cell) {
  const raw = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
  // Vietnamese numbers: "1.234,5" -> 1234.5
  const num = raw.replace(/\./g, "").replace(",", ".").replace(/[%\s]/g, "");
  return num !== "" && !isNaN(num) ? parseFloat(num) : raw.toLocaleLowerCase("vi");
}

function makeSortable(table) {
  const heads = table.tHead ? table.tHead.rows[0].cells : [];
  Array.from(heads).forEach((th, index) => {
    if (th.dataset.nosort !== undefined) return;
    th.tabIndex = 0;
    th.title = "Bấm để sắp xếp";
    const sort = () => {
      const asc = th.getAttribute("aria-sort") !== "ascending";
      Array.from(heads).forEach((h) => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      const body = table.tBodies[0];
      const rows = Array.from(body.rows);
      rows.sort((a, b) => {
        const x = cellValue(a.cells[index]), y = cellValue(b.cells[index]);
        if (x === y) return 0;
        if (typeof x === "number" && typeof y === "number") return asc ? x - y : y - x;
        return asc ? String(x).localeCompare(String(y), "vi") : String(y).localeCompare(String(x), "vi");
      });
      rows.forEach((r) => body.appendChild(r));
    };
    th.addEventListener("click", sort);
    th.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
  });
}

function makeFilter(input) {
  const table = document.getElementById(input.dataset.filter);
  if (!table) return;
  input.addEventListener("input", () => {
    const q = input.value.trim().toLocaleLowerCase("vi");
    Array.from(table.tBodies[0].rows).forEach((row) => {
      row.hidden = q !== "" && !row.textContent.toLocaleLowerCase("vi").includes(q);
    });
  });
}

function sparkline(canvas) {
  const values = JSON.parse(canvas.dataset.values || "[]");
  if (!window.Chart || values.length < 2) return;
  new Chart(canvas, {
    type: "line",
    data: { labels: values.map((_, i) => i), datasets: [{ data: values, borderWidth: 1.5, pointRadius: 0, borderColor: "#2563eb" }] },
    options: { responsive: false, animation: false, plugins: { legend: { display: false }, tooltip: { enabled: false } },
               scales: { x: { display: false }, y: { display: false } } },
  });
}

function barChart(canvas) {
  const data = JSON.parse(canvas.dataset.chart || "{}");
  if (!window.Chart || !data.labels) return;
  // one bar = 2.2rem: the chart grows with the number of communes instead of stretching bars
  canvas.parentElement.style.height = (data.labels.length * 35 + 60) + "px";
  new Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: [{ label: data.label || "", data: data.values, backgroundColor: data.colors }] },
    options: { indexAxis: "y", animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } },
               scales: { x: { beginAtZero: true } } },
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("table.data").forEach(makeSortable);
  document.querySelectorAll("input[data-filter]").forEach(makeFilter);
  document.querySelectorAll("canvas.spark").forEach(sparkline);
  document.querySelectorAll("canvas[data-chart]").forEach(barChart);
  document.querySelectorAll("input[data-check-all]").forEach((box) => {
    box.addEventListener("change", () => {
      document.querySelectorAll(`input[type=checkbox][name="${box.dataset.checkAll}"]`).forEach((other) => {
        if (!other.closest("tr").hidden) other.checked = box.checked;
      });
    });
  });
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
});
