// Renders every element with data-chart-spec (the id of a JSON <script> holding a Vega-Lite
// spec) as a chart. Expressions run in vega-interpreter, so the page's CSP needs no unsafe-eval.
import embed from "vega-embed";
import { expressionInterpreter } from "vega-interpreter";

function renderCharts() {
  document.querySelectorAll("[data-chart-spec]").forEach((element) => {
    const source = document.getElementById(element.dataset.chartSpec);
    if (!source) return;
    const spec = JSON.parse(source.textContent);
    embed(element, spec, {
      actions: false,
      renderer: "svg",
      ast: true,
      expr: expressionInterpreter,
      defaultStyle: false,
      // vega-tooltip would inject a <style> element, which the CSP blocks; its styles are in
      // trajectory.scss instead.
      tooltip: { disableDefaultStyle: true },
    })
      .then(() => element.setAttribute("data-chart-rendered", "true"))
      .catch((error) => {
        element.setAttribute("data-chart-error", String(error));
      });
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", renderCharts);
} else {
  renderCharts();
}
