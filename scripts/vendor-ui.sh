#!/bin/sh
# Re-fetch the web UI's front-end libraries from npm and copy their built,
# minified files into internal/web/ui/vendor/, where they are committed and
# embedded in the binary (go:embed), so a plain "go build" serves a complete
# UI that works with no internet.
#
#   scripts/vendor-ui.sh
#
# Needs node and npm. Versions are pinned here and listed, with their
# licences, in internal/web/ui/vendor/README.md; change both together.
set -eu

LEAFLET=1.9.4
MARKERCLUSTER=1.5.3
WORLD_ATLAS=2.0.2
TOPOJSON_CLIENT=3.1.0
CHARTJS=4.6.1
CHARTJS_ADAPTER_DATE_FNS=3.0.0
DATE_FNS=2.30.0 # only for its licence file: the adapter's bundle carries its own date-fns 2

root=$(cd "$(dirname "$0")/.." && pwd)
dst=$root/internal/web/ui/vendor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$tmp"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --save-exact \
	"leaflet@$LEAFLET" \
	"leaflet.markercluster@$MARKERCLUSTER" \
	"world-atlas@$WORLD_ATLAS" \
	"topojson-client@$TOPOJSON_CLIENT" \
	"chart.js@$CHARTJS" \
	"chartjs-adapter-date-fns@$CHARTJS_ADAPTER_DATE_FNS" \
	"date-fns@$DATE_FNS" >&2

nm=$tmp/node_modules
rm -rf "$dst/leaflet" "$dst/markercluster" "$dst/world-atlas" "$dst/topojson-client" "$dst/chartjs" "$dst/chartjs-adapter-date-fns"
mkdir -p "$dst/leaflet/images" "$dst/markercluster" "$dst/world-atlas" "$dst/topojson-client" "$dst/chartjs" "$dst/chartjs-adapter-date-fns"

cp "$nm/leaflet/dist/leaflet.js" "$nm/leaflet/dist/leaflet.css" "$nm/leaflet/LICENSE" "$dst/leaflet/"
cp "$nm/leaflet/dist/images/"*.png "$dst/leaflet/images/"
cp "$nm/leaflet.markercluster/dist/leaflet.markercluster.js" \
	"$nm/leaflet.markercluster/dist/MarkerCluster.css" \
	"$nm/leaflet.markercluster/dist/MarkerCluster.Default.css" \
	"$nm/leaflet.markercluster/MIT-LICENCE.txt" "$dst/markercluster/"
cp "$nm/world-atlas/countries-50m.json" "$nm/world-atlas/LICENSE" "$dst/world-atlas/"
cp "$nm/topojson-client/dist/topojson-client.min.js" "$nm/topojson-client/LICENSE" "$dst/topojson-client/"
cp "$nm/chart.js/dist/chart.umd.min.js" "$nm/chart.js/LICENSE.md" "$dst/chartjs/"
cp "$nm/chartjs-adapter-date-fns/dist/chartjs-adapter-date-fns.bundle.min.js" "$nm/chartjs-adapter-date-fns/LICENSE.md" \
	"$dst/chartjs-adapter-date-fns/"
cp "$nm/date-fns/LICENSE.md" "$dst/chartjs-adapter-date-fns/date-fns-LICENSE.md"

# Source maps point at files we do not ship; drop the reference.
for f in "$dst/leaflet/leaflet.js" "$dst/markercluster/leaflet.markercluster.js" "$dst/chartjs/chart.umd.min.js"; do
	sed -i '/^\/\/# sourceMappingURL=/d' "$f"
done

echo "vendored into $dst:" >&2
(cd "$dst" && find . -type f ! -name README.md | sort) >&2
