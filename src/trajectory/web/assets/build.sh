#!/usr/bin/env bash
# Builds the front-end assets from node_modules into build/static (never committed).
# GOV.UK Frontend is compiled from its Sass with Arial, since a council is not GOV.UK and may not
# use the GDS Transport font; Vega, Vega-Lite, vega-embed and the CSP-safe expression interpreter
# are bundled into one script so charts run without 'unsafe-eval'.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
out=build/static
rm -rf "$out"
mkdir -p "$out/trajectory"
node_modules/.bin/sass --quiet --no-source-map --style=compressed \
  --load-path=node_modules \
  src/trajectory/web/assets/trajectory.scss "$out/trajectory/trajectory.css"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$out/trajectory/govuk-frontend.min.js"
mkdir -p "$out/trajectory/assets"
cp -r node_modules/govuk-frontend/dist/govuk/assets/images "$out/trajectory/assets/"
cp src/trajectory/web/assets/init.js "$out/trajectory/init.js"
node_modules/.bin/esbuild src/trajectory/web/assets/charts.js --bundle --minify \
  --format=iife --target=es2020 --outfile="$out/trajectory/charts.js" --log-level=warning
