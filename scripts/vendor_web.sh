#!/usr/bin/env bash
# Vendor the web page's third-party files from npm into src/marsad/api/static/vendor (run once; the result is
# committed, so the page works offline and the server needs no network): Leaflet (BSD-2-Clause), world-atlas
# country outlines (ISC; Natural Earth data, public domain) with topojson-client (ISC) to read them,
# swagger-ui-dist for the offline /docs page (Apache-2.0), and the Noto Naskh Arabic font (SIL OFL 1.1).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=src/marsad/api/static/vendor
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
( cd "$TMP" && npm pack -q leaflet@1.9.4 world-atlas@2.0.2 topojson-client@3.1.0 swagger-ui-dist@5.17.14 \
    @fontsource/noto-naskh-arabic@5.3.0 >/dev/null )
for f in "$TMP"/*.tgz; do d="$TMP/$(basename "$f" .tgz)"; mkdir -p "$d"; tar xzf "$f" -C "$d"; done
rm -rf "$OUT"; mkdir -p "$OUT"/{leaflet/images,world-atlas,topojson-client,swagger-ui,fonts}
cp "$TMP"/leaflet-1.9.4/package/dist/{leaflet.js,leaflet.css} "$OUT/leaflet/"
cp "$TMP"/leaflet-1.9.4/package/dist/images/*.png "$OUT/leaflet/images/"
cp "$TMP"/leaflet-1.9.4/package/LICENSE "$OUT/leaflet/"
cp "$TMP"/world-atlas-2.0.2/package/{countries-50m.json,LICENSE} "$OUT/world-atlas/"
cp "$TMP"/topojson-client-3.1.0/package/dist/topojson-client.min.js "$TMP"/topojson-client-3.1.0/package/LICENSE \
   "$OUT/topojson-client/"
cp "$TMP"/swagger-ui-dist-5.17.14/package/{swagger-ui-bundle.js,swagger-ui.css,LICENSE} "$OUT/swagger-ui/"
F="$TMP"/fontsource-noto-naskh-arabic-5.3.0/package
cp "$F"/files/noto-naskh-arabic-arabic-{400,700}-normal.woff2 "$F"/LICENSE "$OUT/fonts/"
( cd "$OUT" && find . -type f | sort | xargs sha256sum ) > "$OUT/SHA256SUMS"
echo "vendored into $OUT: $(du -sh "$OUT" | cut -f1)"
