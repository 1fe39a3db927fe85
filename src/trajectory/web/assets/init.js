// Starts GOV.UK Frontend's components without an inline script, so the CSP can forbid them.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// Every table as CSV (issue 7.18): a link under each table to the same page with
// ?download=csv&table=N, which web/table_csv.py answers with that table, checked and audited
// like the page. Hidden when printing.
const tables = Array.from(document.querySelectorAll("main table"));
tables.forEach((table, index) => {
  const address = new URL(window.location.href);
  address.searchParams.set("download", "csv");
  address.searchParams.set("table", String(index + 1));
  address.hash = "";
  const caption = table.querySelector("caption");
  const name = caption ? caption.textContent.trim() : `table ${index + 1}`;
  const paragraph = document.createElement("p");
  paragraph.className = "govuk-body-s app-no-print app-table-download";
  const link = document.createElement("a");
  link.className = "govuk-link";
  link.href = address.pathname + address.search;
  link.setAttribute("download", "");
  link.textContent = "Download this table (CSV)";
  const hidden = document.createElement("span");
  hidden.className = "govuk-visually-hidden";
  hidden.textContent = `: ${name}`;
  link.appendChild(hidden);
  paragraph.appendChild(link);
  const after = table.closest(".app-table-scroll") || table;
  after.insertAdjacentElement("afterend", paragraph);
});
