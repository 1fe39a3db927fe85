// Starts GOV.UK Frontend's components without an inline script, so the CSP can forbid them.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// Every table scrolls inside its own box on a narrow screen rather than pushing the page
// sideways (WCAG 1.4.10 reflow): a table not yet in an .app-table-scroll box is put in one,
// and every box is a focusable region named by its table's caption, so it can be scrolled
// from the keyboard (axe: scrollable-region-focusable).
document.querySelectorAll("main table").forEach((table, index) => {
  let box = table.closest(".app-table-scroll");
  if (!box) {
    box = document.createElement("div");
    box.className = "app-table-scroll";
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
  }
  if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
  if (!box.hasAttribute("role")) box.setAttribute("role", "region");
  if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
    const caption = table.querySelector("caption");
    box.setAttribute("aria-label", caption ? caption.textContent.trim() : `Table ${index + 1}`);
  }
});

// Every table as CSV and XLSX (issues 7.18, 8.9): links under each table to the same page with
// ?download=csv|xlsx&table=N, which web/downloads.py answers with that table, checked and
// audited like the page. Hidden when printing. A table marked data-no-table-download (a page of
// a list with its own whole-list download) gets no links, but still counts in N as the server
// counts it.
const tables = Array.from(document.querySelectorAll("main table"));
tables.forEach((table, index) => {
  if (table.hasAttribute("data-no-table-download")) return;
  const caption = table.querySelector("caption");
  const name = caption ? caption.textContent.trim() : `table ${index + 1}`;
  const paragraph = document.createElement("p");
  paragraph.className = "govuk-body-s app-no-print app-table-download";
  [["csv", "CSV"], ["xlsx", "Excel"]].forEach(([kind, label], position) => {
    const address = new URL(window.location.href);
    address.searchParams.set("download", kind);
    address.searchParams.set("table", String(index + 1));
    address.hash = "";
    const link = document.createElement("a");
    link.className = "govuk-link";
    link.href = address.pathname + address.search;
    link.setAttribute("download", "");
    link.textContent = `Download this table (${label})`;
    const hidden = document.createElement("span");
    hidden.className = "govuk-visually-hidden";
    hidden.textContent = `: ${name}`;
    link.appendChild(hidden);
    if (position > 0) paragraph.appendChild(document.createTextNode(" · "));
    paragraph.appendChild(link);
  });
  const after = table.closest(".app-table-scroll") || table;
  after.insertAdjacentElement("afterend", paragraph);
});

// Every chart as PNG and SVG (issue 7.18): links under each chart to the same page with
// ?download=png|svg&chart=ID (ID: the JSON script holding its spec), drawn by vl-convert.
document.querySelectorAll("main [data-chart-spec]").forEach((chart) => {
  const paragraph = document.createElement("p");
  paragraph.className = "govuk-body-s app-no-print app-chart-download";
  ["png", "svg"].forEach((kind, index) => {
    const address = new URL(window.location.href);
    address.searchParams.set("download", kind);
    address.searchParams.set("chart", chart.dataset.chartSpec);
    const link = document.createElement("a");
    link.className = "govuk-link";
    link.href = address.pathname + address.search;
    link.setAttribute("download", "");
    link.textContent = `Download this chart (${kind.toUpperCase()})`;
    if (index) paragraph.appendChild(document.createTextNode(" "));
    paragraph.appendChild(link);
  });
  const after = chart.closest("figure") || chart;
  after.insertAdjacentElement("afterend", paragraph);
});
