// Builds ../world.json: country outlines as SVG path strings in an
// equirectangular projection (x = (lon + 180) * 2, y = (90 - lat) * 2, a
// 720 x 360 box), from the world-atlas npm package (Natural Earth 1:110m,
// public domain; world-atlas is ISC). Run once; the output is committed:
//   cd /tmp/wa && npm install world-atlas@2 topojson-client@3
//   NODE_PATH=/tmp/wa/node_modules node build-world.js > ../world.json
const topo = require("world-atlas/countries-110m.json");
const { feature } = require("topojson-client");
const fc = feature(topo, topo.objects.countries);
const r = (v) => Math.round(v * 10) / 10;
const ring = (pts) => {
  // a jump of more than half the map is the antimeridian: start a new
  // sub-path rather than draw a line across the world
  let d = "", last = "", lastX = null;
  pts.forEach(([lon, lat], i) => {
    const x = r((lon + 180) * 2);
    const p = `${x},${r((90 - lat) * 2)}`;
    if (p === last) return;
    d += (i === 0 || Math.abs(x - lastX) > 360 ? "M" : "L") + p;
    last = p;
    lastX = x;
  });
  return d + "Z";
};
const countries = fc.features.map((f) => {
  const g = f.geometry;
  if (!g) return null;
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  return { id: f.id || "", name: f.properties.name, d: polys.map((p) => p.map(ring).join("")).join("") };
}).filter(Boolean);
process.stdout.write(JSON.stringify({ w: 720, h: 360, source: "world-atlas countries-110m (Natural Earth, public domain)", countries }));
