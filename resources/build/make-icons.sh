#!/usr/bin/env bash
# Renders the app icon (resources/icon.svg) to what electron-builder packs for each OS:
#   resources/icon.png              512 px (Linux fallback, window icon)
#   resources/icons/NxN.png         Linux icon set for AppImage and deb
#   resources/icon.ico              Windows (16 to 256 px)
#   resources/icon.icns             macOS (16 to 1024 px)
# Needs rsvg-convert (librsvg2-bin), ImageMagick's convert and png2icns (icnsutils). The outputs
# are committed; run this again only after changing the SVG.
set -euo pipefail
cd "$(dirname "$0")/.."
CONVERT="${CONVERT:-convert}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "$work/$size.png"
done

cp "$work/512.png" icon.png
mkdir -p icons
for size in 16 32 48 64 128 256 512; do
  cp "$work/$size.png" "icons/${size}x${size}.png"
done
"$CONVERT" "$work/16.png" "$work/24.png" "$work/32.png" "$work/48.png" "$work/64.png" \
  "$work/128.png" "$work/256.png" icon.ico
png2icns icon.icns "$work/16.png" "$work/32.png" "$work/48.png" "$work/128.png" \
  "$work/256.png" "$work/512.png" "$work/1024.png"
