// Starts GOV.UK Frontend's components without an inline script, so the CSP can forbid them.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
